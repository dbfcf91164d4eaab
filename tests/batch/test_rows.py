"""events.parquet rows: argument countries come from entities, else from what the events stage found."""

from __future__ import annotations

from kronika.batch.rows import event_rows


def _record(actor_entity: str | None, countries: dict[str, list[str]]) -> dict:
    return {
        "id": "a1",
        "metadata": {},
        "entities": [{"id": "e1", "name": "Russia", "type": "STATE", "country": "RUS"}],
        "events": [
            {
                "id": "v1",
                "type": "REQUEST",
                "mode": None,
                "actor": {"entity": actor_entity, "text": "Kazakh officials"},
                "recipient": {"entity": "e1", "text": "Russia"},
                "location": None,
                "date": {"time": None, "value": None, "inferred": True},
                "trigger": {"start": 0, "end": 1, "text": "x"},
                "sentence": {"start": 0, "end": 1, "text": "x"},
                "context": {},
                "extra": {"countries": countries},
            }
        ],
    }


def test_unresolved_argument_takes_the_country_the_events_stage_found() -> None:
    (row,) = event_rows(_record(None, {"actor": ["KAZ"], "recipient": ["UKR"]}))
    assert row["actor_country"] == "KAZ"
    assert row["recipient_country"] == "RUS"  # a resolved entity's country wins


def test_no_country_anywhere_stays_empty() -> None:
    (row,) = event_rows(_record(None, {}))
    assert row["actor_country"] is None
