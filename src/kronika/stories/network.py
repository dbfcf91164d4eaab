"""Who acts on whom: the actor network of story events (nodes, and weighted actor -> recipient edges).

Pure: the store fetches one row per (story event, participant) and this module builds the graph,
so the HTTP API, the GraphML export and the CLI draw the same network.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kronika.stories.quad import QUAD_NAMES

LEVELS = ("entity", "country")
UNRESOLVED = "text:"  # the key prefix of a participant phrase no entity resolved


@dataclass(frozen=True)
class NetworkRow:
    """One participant of one story event."""

    event: str
    quad: int | None
    role: str  # actor | recipient
    key: str  # the entity key
    name: str
    type: str | None
    country: str | None


def build_network(rows: Iterable[NetworkRow], types: Mapping[str, str], level: str = "entity") -> dict[str, Any]:
    """Nodes (entities, or countries with ``level="country"``) and directed actor -> recipient edges
    weighted by story events, with counts per quad class and per type (``types``: event id -> type).

    A phrase no entity resolved ("a tool", "the route", "units": keys ``text:...`` without a country)
    is no node: it names no one an analyst can follow, and the story merge does not count it as a
    party either. Its event still links the parties that were resolved."""
    nodes: dict[str, dict[str, Any]] = {}
    seen: dict[str, set[str]] = {}
    by_event: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r.key.startswith(UNRESOLVED) and not r.country:
            continue
        as_entity = level == "entity" or not r.country
        nid = r.key if as_entity else f"country:{r.country}"
        nodes.setdefault(
            nid,
            {
                "id": nid,
                "name": r.name if as_entity else r.country,
                "type": r.type if as_entity else "STATE",
                "country": r.country,
            },
        )
        seen.setdefault(nid, set()).add(r.event)
        e = by_event.setdefault(r.event, {"quad": r.quad, "actor": set(), "recipient": set()})
        e[r.role].add(nid)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for eid, e in by_event.items():
        for s in sorted(e["actor"]):
            for t in sorted(e["recipient"]):
                if s == t:
                    continue
                edge = edges.setdefault(
                    (s, t), {"source": s, "target": t, "weight": 0, "quads": Counter(), "types": Counter()}
                )
                edge["weight"] += 1
                edge["types"][types[eid]] += 1
                if e["quad"]:
                    edge["quads"][QUAD_NAMES[e["quad"]]] += 1
    for nid, n in nodes.items():
        n["events"] = len(seen[nid])
    return {
        "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])),
        "edges": [
            {**e, "quads": dict(e["quads"]), "types": dict(e["types"])}
            for e in sorted(edges.values(), key=lambda e: (-e["weight"], e["source"], e["target"]))
        ],
    }
