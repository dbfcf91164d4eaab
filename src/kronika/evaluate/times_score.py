"""TempEval-3 scoring of time expressions, overall and per TIMEX3 type and per class of issue 17.

System and gold times of one document are paired one-to-one (identical spans first, then the
largest overlap). Counted, as in TempEval-3:

- relaxed extraction P/R/F1 (a pair is any overlap) and strict P/R/F1 (identical spans);
- value accuracy over the relaxed pairs, and value F1 = relaxed F1 × value accuracy;
- type accuracy over the relaxed pairs.

Breakdowns: a pair counts in the groups of its *gold* time (its type, its classes); a system time
with no gold partner counts as a false positive in the groups of its own type and class (a system
time cannot be "period" or hand-marked "range" unless it says it ends or starts a range). Values are
compared as strings after one canonicalisation: ``T24:00`` of a day is ``T00:00`` of the next.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kronika.evaluate.report import PRF
from kronika.evaluate.times_gold import GoldTime


@dataclass(frozen=True)
class SysTime:
    """A system time reduced to what scoring needs."""

    start: int
    end: int
    type: str
    value: str
    text: str
    classes: tuple[str, ...] = ()
    begin_point: str | None = None  # the anchored ends of a duration (extra.begin_point/end_point)
    end_point: str | None = None


def system_classes(type_: str, value: str, extra: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """The issue-17 classes a system time shows by itself (mirrors GUIDELINES.md, without "period")."""
    out = ["range"] if extra and (extra.get("range_start") or extra.get("range_end")) else []
    if type_ == "DURATION":
        out.append("duration")
    elif type_ == "SET":
        out.append("set")
    elif value.endswith("_REF"):
        out.append("ref")
    elif type_ == "TIME":
        out.append("clock")
    elif not out:
        out.append("point")
    return tuple(sorted(out))


_MIDNIGHT_END = re.compile(r"^(\d{4}-\d{2}-\d{2})T24:00(.*)$")


def canonical(value: str) -> str:
    """One spelling per instant: the midnight that ends a day is the next day's T00:00."""
    m = _MIDNIGHT_END.match(value)
    if m is None:
        return value
    try:
        day = dt.date.fromisoformat(m[1]) + dt.timedelta(days=1)
    except ValueError:
        return value
    return f"{day.isoformat()}T00:00{m[2]}"


def pair(
    gold: list[GoldTime], system: list[SysTime]
) -> tuple[list[tuple[GoldTime, SysTime]], list[GoldTime], list[SysTime]]:
    """One-to-one pairs (exact spans first, then the largest overlap), missed gold, spurious system."""
    free = list(system)
    pairs: list[tuple[GoldTime, SysTime]] = []
    unmatched: list[GoldTime] = []
    for g in gold:
        hit = next((s for s in free if s.start == g.start and s.end == g.end), None)
        if hit is None:
            unmatched.append(g)
        else:
            free.remove(hit)
            pairs.append((g, hit))
    missed: list[GoldTime] = []
    for g in unmatched:
        overlaps = [s for s in free if s.start < g.end and g.start < s.end]
        if not overlaps:
            missed.append(g)
            continue
        best = max(overlaps, key=lambda s: min(g.end, s.end) - max(g.start, s.start))
        free.remove(best)
        pairs.append((g, best))
    return pairs, missed, free


@dataclass
class Scores:
    """Counts for one group of times, and the TempEval-3 figures derived from them."""

    extraction: PRF = field(default_factory=PRF)
    value_correct: int = 0
    type_correct: int = 0
    strict_tp: int = 0  # pairs whose spans are identical
    points_gold: int = 0  # paired gold durations whose anchored ends the gold gives
    points_correct: int = 0  # ... and the system gives the same ends
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def n_gold(self) -> int:
        return self.extraction.tp + self.extraction.fn

    @property
    def n_system(self) -> int:
        return self.extraction.tp + self.extraction.fp

    @property
    def strict_precision(self) -> float:
        return self.strict_tp / self.n_system if self.n_system else 0.0

    @property
    def strict_recall(self) -> float:
        return self.strict_tp / self.n_gold if self.n_gold else 0.0

    @property
    def strict_f1(self) -> float:
        total = self.n_system + self.n_gold
        return 2 * self.strict_tp / total if total else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.extraction.tp if self.extraction.tp else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.extraction.tp if self.extraction.tp else 0.0

    @property
    def value_f1(self) -> float:
        return self.extraction.f1 * self.value_accuracy

    def row(self, label: str) -> list[Any]:
        e = self.extraction
        return [
            label,
            self.n_gold,
            self.n_system,
            e.precision,
            e.recall,
            e.f1,
            self.strict_precision,
            self.strict_recall,
            self.strict_f1,
            self.value_accuracy,
            self.value_f1,
            self.type_accuracy,
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.n_gold,
            "system": self.n_system,
            "relaxed": self.extraction.to_dict(),
            "strict": {
                "precision": round(self.strict_precision, 4),
                "recall": round(self.strict_recall, 4),
                "f1": round(self.strict_f1, 4),
            },
            "value_accuracy": round(self.value_accuracy, 4),
            "value_f1": round(self.value_f1, 4),
            "type_accuracy": round(self.type_accuracy, 4),
            "duration_ends": {"gold": self.points_gold, "correct": self.points_correct},
        }


COLUMNS = [
    "scope",
    "gold",
    "system",
    "P",
    "R",
    "F1",
    "strict P",
    "strict R",
    "strict F1",
    "value acc.",
    "value F1",
    "type acc.",
]


def _as_sys(s: SysTime | tuple[int, int, str, str, str]) -> SysTime:
    return s if isinstance(s, SysTime) else SysTime(*s, classes=system_classes(s[2], s[3]))


def score_doc(
    gold: list[GoldTime],
    system: Iterable[SysTime | tuple[int, int, str, str, str]],
    scores: Scores,
    name: str,
    groups: dict[str, Scores] | None = None,
) -> None:
    """Pair one document's times and add the counts to ``scores`` (and to per-type/class ``groups``)."""
    pairs, missed, spurious = pair(gold, [_as_sys(s) for s in system])

    def targets(type_: str, classes: tuple[str, ...]) -> list[Scores]:
        out = [scores]
        if groups is not None:
            keys = [f"type:{type_}"] + [f"class:{c}" for c in classes]
            out += [groups.setdefault(k, Scores()) for k in keys]
        return out

    for g, s in pairs:
        exact = s.start == g.start and s.end == g.end
        value_ok = canonical(s.value) == canonical(g.value)
        has_points = g.type == "DURATION" and bool(g.begin or g.end_point)
        points_ok = (
            has_points and (g.begin or s.begin_point) == s.begin_point and (g.end_point or s.end_point) == s.end_point
        )
        for sc in targets(g.type, g.classes):
            sc.extraction.tp += 1
            sc.strict_tp += exact
            sc.value_correct += value_ok
            sc.type_correct += s.type == g.type
            sc.points_gold += has_points
            sc.points_correct += points_ok
        if not value_ok:
            scores.errors.append(
                {"doc": name, "kind": "value", "gold": f"{g.text} = {g.value}", "system": f"{s.text} = {s.value}"}
            )
    for g in missed:
        for sc in targets(g.type, g.classes):
            sc.extraction.fn += 1
        scores.errors.append({"doc": name, "kind": "missed", "gold": f"{g.text} = {g.value}", "system": ""})
    for s in spurious:
        for sc in targets(s.type, s.classes):
            sc.extraction.fp += 1
        scores.errors.append({"doc": name, "kind": "spurious", "gold": "", "system": f"{s.text} = {s.value}"})
