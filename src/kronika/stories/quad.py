"""PLOVER quad classes: the four-way cooperation/conflict summary of the 16 event types.

The PLOVER 2.0 draft manual lists SANCTION under material conflict in its summary of event types
but under verbal conflict in its quad table; we follow the summary (and POLECAT), since a sanction
is an action, not a statement.
"""

from __future__ import annotations

VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT, MATERIAL_CONFLICT = 1, 2, 3, 4

QUAD_NAMES = {
    VERBAL_COOPERATION: "verbal_cooperation",
    MATERIAL_COOPERATION: "material_cooperation",
    VERBAL_CONFLICT: "verbal_conflict",
    MATERIAL_CONFLICT: "material_conflict",
}

QUAD_OF_TYPE = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), VERBAL_COOPERATION),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), MATERIAL_COOPERATION),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), VERBAL_CONFLICT),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), MATERIAL_CONFLICT),
}


def quad_of(event_type: str | None) -> int | None:
    """The quad class (1-4) of a PLOVER type, or None for a type outside PLOVER 2.0."""
    return QUAD_OF_TYPE.get((event_type or "").upper())
