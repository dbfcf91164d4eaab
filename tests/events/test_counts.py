"""Counts read from evidence sentences (kronika.events.counts): our own sentences."""

from __future__ import annotations

import pytest

from kronika.events.counts import counts_in, number
from kronika.record import Article


def kinds(sentence: str) -> list[tuple[str, float | int, str, str]]:
    return [(c.kind, c.value, c.unit, c.exactness) for c in counts_in(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "At least 20 people were killed and 111 injured in the blast.",
            [("killed", 20, "people", "at_least"), ("injured", 111, "people", "exact")],
        ),
        (
            "The bombing killed five and wounded 12.",
            [("killed", 5, "people", "exact"), ("injured", 12, "people", "exact")],
        ),
        ("The 176 people on board were all killed.", [("killed", 176, "people", "exact")]),
        ("Police arrested 43 protesters on Sunday.", [("arrested", 43, "people", "exact")]),
        ("A force of 2,030 troops was deployed.", [("troops", 2030, "troops", "exact")]),
        ("A 150-strong contingent flew in.", [("troops", 150, "troops", "exact")]),
        ("Air defence shot down 18 of the 20 missiles.", [("shot_down", 18, "missiles", "exact")]),
        (
            "Russia launched 30 drones and 12 cruise missiles overnight.",
            [("launched", 30, "drones", "exact"), ("launched", 12, "missiles", "exact")],
        ),
        ("Washington announced $1.5 billion in military aid.", [("aid", 1_500_000_000, "USD", "exact")]),
        ("Sixty-six people or more were injured.", [("injured", 66, "people", "exact")]),
    ],
)
def test_counts_with_unit_and_exactness(sentence: str, expected: list[tuple[str, float | int, str, str]]) -> None:
    assert kinds(sentence) == expected


def test_a_year_or_money_without_aid_is_no_count() -> None:
    assert counts_in("In 2014 killed was a word nobody used.") == []
    assert counts_in("The company earned $3 billion last year.") == []


def test_offsets_point_into_the_text() -> None:
    text = "Intro. Officials said 7 people were killed."
    start = text.index("Officials")
    (c,) = counts_in(text[start:], start)
    assert text[c.start : c.end] == c.text and c.value == 7


def test_number_words_and_digits() -> None:
    assert number("2,030") == 2030 and number("twenty-one") == 21 and number("five") == 5 and number("many") is None


def test_events_carry_their_counts_through_the_record() -> None:
    from kronika.record import Context, Count, Event, EventDate, Mention

    ev = Event("ev1", "ASSAULT", None, [], [], None, EventDate(None, None), Mention(0, 1, "x"), Mention(0, 1, "x"),
               Context(), counts=[Count("killed", 7, "people", "7 killed", 0, 8)])  # fmt: skip
    a = Article(text="7 killed", events=[ev])
    back = Article.from_dict(a.to_dict())
    assert back.events[0].counts == ev.counts
