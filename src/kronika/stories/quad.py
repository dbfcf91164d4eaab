"""PLOVER quad classes as the numbers the store and the charts use (1-4).

The one table of which type belongs to which quad class is the events stage's
:data:`kronika.events.plover.QUAD` (from the PLOVER manual, with SANCTION under material conflict
as in the manual's summary of types and in POLECAT); this module only numbers its four classes.
"""

from __future__ import annotations

from kronika.events.plover import QUAD

VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT, MATERIAL_CONFLICT = 1, 2, 3, 4

QUAD_NAMES = {
    VERBAL_COOPERATION: "verbal_cooperation",
    MATERIAL_COOPERATION: "material_cooperation",
    VERBAL_CONFLICT: "verbal_conflict",
    MATERIAL_CONFLICT: "material_conflict",
}
_CODE = {name: code for code, name in QUAD_NAMES.items()}

QUAD_OF_TYPE = {event_type: _CODE[name] for event_type, name in QUAD.items()}


def quad_of(event_type: str | None) -> int | None:
    """The quad class (1-4) of a PLOVER type, or None for a type outside PLOVER 2.0."""
    return QUAD_OF_TYPE.get((event_type or "").upper())
