"""Docs are tested: every command the CLI registers is documented in the README, and vice versa."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from kronika.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> set[str]:
    return set(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in sorted(_commands()) if not re.search(rf"\bkronika {c}\b", readme)]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_names_no_command_that_does_not_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"```[a-z]*\n(.*?)```", readme, flags=re.S))
    named = set(re.findall(r"^\s*kronika ([a-z]+)\b", code, flags=re.M))
    assert named <= _commands(), f"README.md names unknown commands: {sorted(named - _commands())}"


def test_every_command_has_help() -> None:
    for name, cmd in get_command(app).commands.items():  # type: ignore[attr-defined]
        assert cmd.help, f"kronika {name} has no help text"
