"""Our own time gold (``data/gold/times``): whole Wikinews and kremlin.ru articles with TIMEX3 annotations.

The articles and their annotations are vendored as one JSON file each under ``tune/`` (rules may be
developed against it) and ``test/`` (never tuned on); ``data/gold/times/GUIDELINES.md`` says how
they were annotated and ``build.py`` there rebuilds them from the readable ``src/*.ann`` files.
Loading is strict: a missing folder, an empty split or an annotation whose offsets do not match
its text is a :class:`~kronika.errors.ConfigError` naming the file, never a silent skip.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kronika.errors import Errors

SPLITS = ("tune", "test")
TYPES = ("DATE", "TIME", "DURATION", "SET")
# The classes of issue 17, in the order the table lists them (see GUIDELINES.md).
CLASSES = ("point", "duration", "ref", "set", "range", "clock", "period")


@dataclass
class GoldTime:
    """One annotated time expression: character span, TIMEX3 type and value, and issue-17 classes."""

    start: int
    end: int
    type: str
    value: str
    text: str
    creation_time: bool = False
    classes: tuple[str, ...] = ()
    anchor: str | None = None
    mod: str | None = None
    begin: str | None = None  # the anchored start of a duration, when the text gives one
    end_point: str | None = None  # the anchored end of a duration


@dataclass
class GoldArticle:
    name: str
    split: str
    text: str
    published: str | None
    times: list[GoldTime] = field(default_factory=list)


def load_article(path: Path) -> GoldArticle:
    """One vendored article; offsets are checked against the text so a stale build cannot score."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        text = raw["text"]
        times = []
        for t in raw["times"]:
            g = GoldTime(
                start=int(t["start"]),
                end=int(t["end"]),
                type=t["type"],
                value=t["value"],
                text=t["text"],
                creation_time=bool(t.get("creation_time")),
                classes=tuple(t.get("classes") or ()),
                anchor=t.get("anchor"),
                mod=t.get("mod"),
                begin=t.get("begin"),
                end_point=t.get("end_point"),
            )
            if text[g.start : g.end] != g.text:
                raise Errors.E242(
                    path=str(path), problem=f"time {t.get('id')} {g.text!r} does not match the text at its offsets"
                )
            times.append(g)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise Errors.E242(path=str(path), problem=f"not a kronika time-gold article ({exc})") from exc
    return GoldArticle(path.stem, raw.get("split", path.parent.name), text, raw.get("published"), times)


def load_gold(root: Path) -> dict[str, list[GoldArticle]]:
    """Both splits of the gold under ``root``; each must exist and hold at least one article."""
    if not root.is_dir():
        raise Errors.E240(path=str(root))
    out: dict[str, list[GoldArticle]] = {}
    for split in SPLITS:
        files = sorted((root / split).glob("*.json"))
        if not files:
            raise Errors.E241(path=str(root / split))
        out[split] = [load_article(f) for f in files]
    return out


def is_gold_dir(path: Path) -> bool:
    """True for a folder laid out like ``data/gold/times`` (``tune/`` and ``test/``)."""
    return all((path / s).is_dir() for s in SPLITS)
