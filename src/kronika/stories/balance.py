"""Cooperation vs conflict between one actor and its counterparts, per period (PLOVER quad classes).

Pure: the store fetches the participants of each story event and this module counts them, so the
definition of "balance" is one function the store, the web app and tests share.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kronika.stories.dates import at_period
from kronika.stories.quad import QUAD_NAMES

# (role, entity key, country) of one participant of a story event.
Participant = tuple[str, str, str | None]
Matcher = Callable[[str, str | None], bool]  # (entity key, country) -> is it this actor?


@dataclass
class StoryParticipants:
    """What balance and network need of one story event: its quad class, date and participants."""

    quad: int | None
    date: str | None
    parts: list[Participant] = field(default_factory=list)


def direction(mine: set[tuple[str, str]], theirs: set[tuple[str, str]]) -> str:
    """``outgoing`` (the actor acts on the counterpart), ``incoming`` (the reverse) or ``joint``."""
    mine_roles, their_roles = {r for r, _ in mine}, {r for r, _ in theirs}
    if "actor" in mine_roles and "recipient" in their_roles:
        return "outgoing"
    if "recipient" in mine_roles and "actor" in their_roles:
        return "incoming"
    return "joint"


def balance_rows(
    stories: Iterable[StoryParticipants], actor: str, is_actor: Matcher, sides: Mapping[str, Matcher], by: str
) -> list[dict[str, Any]]:
    """One row per (period, counterpart) with the four quad counts, ``events``, ``cooperation``,
    ``conflict``, ``net`` = (cooperation - conflict) / events, ``share`` = this counterpart's part
    of the actor's events with all listed counterparts in the period, and direction counts.
    Periods with no events with any counterpart are left out; undated or unclassed events too."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    periods: set[str] = set()
    for e in stories:
        if e.date is None or e.quad is None:
            continue
        mine = {(role, key) for role, key, c in e.parts if is_actor(key, c)}
        for name, matches in sides.items():
            theirs = {(role, key) for role, key, c in e.parts if matches(key, c)}
            if not theirs or {k for _, k in mine} == {k for _, k in theirs}:
                continue
            period = at_period(e.date, by)
            periods.add(period)
            c = counts[(period, name)]
            c[QUAD_NAMES[e.quad]] += 1
            c[direction(mine, theirs)] += 1
            c["events"] += 1
    out = []
    for period in sorted(periods):
        total = sum(counts[(period, n)]["events"] for n in sides)
        for name in sides:
            c = counts[(period, name)]
            coop = c["verbal_cooperation"] + c["material_cooperation"]
            conf = c["verbal_conflict"] + c["material_conflict"]
            out.append(
                {
                    "period": period,
                    "actor": actor,
                    "counterpart": name,
                    **{q: c[q] for q in QUAD_NAMES.values()},
                    "events": c["events"],
                    "cooperation": coop,
                    "conflict": conf,
                    "net": round((coop - conf) / c["events"], 3) if c["events"] else None,
                    "share": round(c["events"] / total, 3) if total else None,
                    "outgoing": c["outgoing"],
                    "incoming": c["incoming"],
                    "joint": c["joint"],
                }
            )
    return out
