"""Every store command and export format is documented in docs/store.md."""

from __future__ import annotations

from pathlib import Path

import typer

from kronika.cli import store as store_cli
from kronika.export import FORMATS

DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"


def test_commands_and_formats_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    app = typer.Typer()
    store_cli.register(app)
    names = [c.name for c in app.registered_commands]
    assert len(names) >= 9
    for name in names:
        assert f"kronika {name}" in text, name
    for fmt in FORMATS:
        assert f"`{fmt}`" in text, fmt
    for method in ("timeline", "events", "actors", "actor", "search", "balance", "network", "articles", "article"):
        assert f"store.{method}(" in text, method
