"""The PLOVER 2.0 ontology as data: the 16 event types, their modes, quad classes and scores.

Facts from the PLOVER manual (``../shared/data/plover/PLOVER_MANUAL.tex``): the quad category of
each type and the expert conflict/cooperation score of each type and type:mode. The map from the
older PLOVER 0.5 names (used by the gold standard records) to the current 16 types is ours and is
documented in ``docs/events.md``.
"""

from __future__ import annotations

import re
from pathlib import Path

TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    ),
    "ASSAULT": (
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    ),
}

# Quad category per type (manual, "Quad category" of each section).
QUAD: dict[str, str] = {
    "AGREE": "verbal_cooperation",
    "CONSULT": "verbal_cooperation",
    "SUPPORT": "verbal_cooperation",
    "CONCEDE": "verbal_cooperation",
    "COOPERATE": "material_cooperation",
    "AID": "material_cooperation",
    "RETREAT": "material_cooperation",
    "REQUEST": "verbal_conflict",
    "ACCUSE": "verbal_conflict",
    "REJECT": "verbal_conflict",
    "THREATEN": "verbal_conflict",
    "PROTEST": "material_conflict",
    "SANCTION": "material_conflict",
    "MOBILIZE": "material_conflict",
    "COERCE": "material_conflict",
    "ASSAULT": "material_conflict",
}

# PLOVER conflict--cooperation scores (manual table "PLOVER conflict--cooperation scores").
SCORES: dict[str, float] = {
    "AGREE": 2.5,
    "CONSULT": 2.5,
    "CONSULT:visit": 4,
    "CONSULT:third-party": 1,
    "CONSULT:multilateral": 4,
    "CONSULT:phone": 1.5,
    "SUPPORT": 5,
    "CONCEDE": 4.5,
    "COOPERATE": 9.5,
    "AID": 10,
    "RETREAT": 6.5,
    "RETREAT:withdraw": 8,
    "RETREAT:release": 6.5,
    "RETREAT:disarm": 10,
    "RETREAT:ceasefire": 7.5,
    "RETREAT:access": 6.5,
    "RETREAT:resign": 4.5,
    "REQUEST": 0,
    "REQUEST:assist": 0.5,
    "REQUEST:change": -1,
    "REQUEST:yield": -1,
    "REQUEST:meet": 0,
    "ACCUSE": -3,
    "ACCUSE:disapprove": -2,
    "ACCUSE:investigate": -3.5,
    "ACCUSE:allege": -3.5,
    "REJECT": -2,
    "REJECT:assist": -1.5,
    "REJECT:change": -2,
    "REJECT:yield": -2,
    "REJECT:meet": -2,
    "THREATEN": -3.5,
    "THREATEN:restrict": -3,
    "THREATEN:arrest": -3.5,
    "THREATEN:relations": -3.5,
    "THREATEN:expel": -3.5,
    "THREATEN:territory": -4,
    "THREATEN:violence": -3.5,
    "PROTEST": -5,
    "PROTEST:demo": -5,
    "PROTEST:riot": -7,
    "PROTEST:strike": -5,
    "PROTEST:hunger": -4.5,
    "PROTEST:boycott": -4.5,
    "PROTEST:obstruct": -4.5,
    "SANCTION": -6,
    "SANCTION:convict": -6,
    "SANCTION:expel": -5.5,
    "SANCTION:withdraw": -6,
    "SANCTION:discontinue": -6,
    "MOBILIZE": -5.5,
    "MOBILIZE:troops": -6.5,
    "MOBILIZE:weapons": -6.5,
    "MOBILIZE:police": -5.5,
    "MOBILIZE:militia": -6,
    "COERCE": -7,
    "COERCE:seize": -7,
    "COERCE:restrict": -7,
    "COERCE:censor": -6.5,
    "COERCE:curfew": -6.5,
    "COERCE:martial-law": -7.5,
    "COERCE:arrest": -7,
    "COERCE:deport": -7,
    "COERCE:withhold": -7,
    "COERCE:misinformation": -6.5,
    "COERCE:cyber": -7,
    "ASSAULT": -9,
    "ASSAULT:abduct": -8.5,
    "ASSAULT:beat": -7.5,
    "ASSAULT:torture": -8.5,
    "ASSAULT:sexual": -8.5,
    "ASSAULT:targeted": -9.5,
    "ASSAULT:destroy": -8.5,
    "ASSAULT:primitive": -8,
    "ASSAULT:firearms": -9,
    "ASSAULT:explosives": -9,
    "ASSAULT:suicide-attack": -9.5,
    "ASSAULT:aerial": -9.5,
    "ASSAULT:drone": -9.5,
    "ASSAULT:heavy-weapons": -9.5,
    "ASSAULT:crowd-control": -7.5,
    "ASSAULT:unconventional": -10,
}

# PLOVER 0.5 category names (the gold standard records) -> the 16 current types. Ours: the manual
# folds DEMAND into REQUEST, DISAPPROVE and INVESTIGATE into ACCUSE (modes disapprove/investigate),
# FIGHT into ASSAULT; YIELD was split into CONCEDE (verbal) and RETREAT (material).
OLD_NAMES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
    "YIELD": ("CONCEDE", None),
    "APPEAL": ("REQUEST", None),
}


def current_type(name: str) -> str | None:
    """The PLOVER 2.0 type for a current or PLOVER 0.5 category name (None for DOCUMENT etc.)."""
    name = (name or "").strip().upper()
    if name in QUAD:
        return name
    return OLD_NAMES.get(name, (None, None))[0]


def quad(event_type: str) -> str | None:
    return QUAD.get(event_type)


def score(event_type: str, mode: str | None = None) -> float | None:
    """The PLOVER conflict/cooperation score of ``type`` (and ``mode`` when the manual scores it)."""
    if mode and f"{event_type}:{mode}" in SCORES:
        return float(SCORES[f"{event_type}:{mode}"])
    value = SCORES.get(event_type)
    return None if value is None else float(value)


_CAMEO_LINE = re.compile(r"^\s*(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*(?:,\s*([^#]*?))?\s*(?:#\s*(.*))?$")


def load_cameo_map(path: str | Path) -> dict[str, dict[str, str | None]]:
    """Parse CAMEO2PLOVER (``code: TYPE, mode, context # description``) into ``{code: {...}}``.

    Header lines (``03: AGREE``, a two-digit code with only a type) and comments are skipped.
    """
    out: dict[str, dict[str, str | None]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _CAMEO_LINE.match(line)
        if not m or "," not in line.split("#")[0]:
            continue
        code, etype, mode, context, desc = m.groups()
        out[code] = {
            "type": etype,
            "mode": (mode or "").strip() or None,
            "context": (context or "").strip() or None,
            "description": (desc or "").strip() or None,
        }
    return out
