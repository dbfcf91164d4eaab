"""docs/web.md documents every ``kronika serve`` option and every API route (datasette's docs test)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import typer.main

from kronika.cli import app
from kronika.web.app import VIEW_MODULES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")


def test_every_serve_option_is_documented():
    command = typer.main.get_command(app).commands["serve"]
    options = [o for p in command.params for o in getattr(p, "opts", []) if o.startswith("--")]
    assert options
    missing = [o for o in options if o not in ("--help",) and f"`{o}" not in DOC]
    assert not missing, f"document these kronika serve options in docs/web.md: {missing}"


def test_every_api_route_is_documented():
    paths = {
        route.path
        for name in VIEW_MODULES
        for route in importlib.import_module(name).router.routes
        if route.path.startswith("/api/")
    }
    assert "/api/analyze" in paths
    # a documented path may spell its parameter differently (/api/actors/{key} for {key:path})
    documented = {re.sub(r"\{[^}]*\}", "{}", p) for p in re.findall(r"`[A-Z]* ?(/api/[^`?\s]*)", DOC)}
    missing = [p for p in paths if re.sub(r"\{[^}]*\}", "{}", p) not in documented]
    assert not missing, f"document these routes in docs/web.md: {missing}"
