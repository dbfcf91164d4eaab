"""``kronika evaluate``: a scorer per stage against annotated data, one common report.

Each scorer module exposes ``run(data: str | None, settings: Settings) -> Report`` and a
``DEFAULT_DATA`` path (relative to the project root: the data vendored in ``data/``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from kronika.errors import Errors

if TYPE_CHECKING:
    from kronika.evaluate.report import Report
    from kronika.settings import Settings

SCORERS: dict[str, str] = {
    "metadata": "kronika.evaluate.metadata",
    "entities": "kronika.evaluate.entities",
    "times": "kronika.evaluate.times",
    "events": "kronika.evaluate.events",
    "merge": "kronika.evaluate.merge",
}


def run_scorer(name: str, data: str | None, settings: Settings, **options: object) -> Report:
    """Run scorer ``name``; ``options`` are the scorer's own (``events``: set, split, errors)."""
    if name not in SCORERS:
        raise Errors.E210(name=name, known=", ".join(SCORERS))
    try:
        module = importlib.import_module(SCORERS[name])
    except ModuleNotFoundError as exc:
        raise Errors.E211(name=name, error=exc) from exc
    return module.run(data, settings, **options)
