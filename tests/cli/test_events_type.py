"""``kronika events --type NOPE`` fails with a clear error naming --type and the PLOVER types."""

from __future__ import annotations

import sys

import pytest

from kronika.cli import main


@pytest.mark.parametrize("command", ["events", "timeline"])
def test_an_unknown_type_is_an_error(tmp_path, monkeypatch, capsys, command) -> None:
    monkeypatch.setattr(sys, "argv", ["kronika", command, "--type", "nope", "--db", str(tmp_path / "k.db")])
    with pytest.raises(SystemExit) as ended:
        main()
    err = capsys.readouterr().err
    assert ended.value.code == 2
    assert "--type 'NOPE' is not a choice" in err and "ASSAULT" in err and "PROTEST" in err
