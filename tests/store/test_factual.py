"""Honest aggregates (issue 11 item 6): events that did not happen are kept and shown, never counted.

A negated, denied, hypothetical or merely expected event is stored with ``factual = False``; every
query and aggregate leaves it out unless asked for ``factual="all"`` (``--include-nonfactual``,
``?factual=all``), and ``factual="not"`` lists only those.
"""

from __future__ import annotations

import pytest

from store.records import Builder, corpus


def _denials():
    """A denied raid, a threat told as a condition and an attack that only could happen (dates and
    articles apart, so that no merge decision is part of what is tested here)."""
    a = (
        Builder("Kyiv denies raid on Moscow", "Desk West", "2023-06-20", "https://t.invalid/w/2")
        .say(
            "Ukraine did not attack Moscow on Tuesday, Kyiv said.",
            "ASSAULT",
            ["ukr"],
            ["rus"],
            "2023-06-20",
            negated=True,
        )
        .say("Russia will strike Kyiv again if it must, officials warned.", "THREATEN", ["rus"], ["ukr"], "2023-06-20")
        .build()
    )
    b = (
        Builder("What next for Kyiv", "Desk East", "2023-08-01", "https://t.invalid/e/9")
        .say("Russia could attack Kyiv in the autumn.", "ASSAULT", ["rus"], ["ukr"], "2023-10")
        .build()
    )
    a.events[1].context.modality = b.events[0].context.modality = "hypothetical"
    for ev in (*a.events, *b.events):  # what the events stage decides (record.is_factual)
        ev.factual = False
    return [a, b]


@pytest.fixture
def mixed(store):
    store.ingest([*corpus(), *_denials()])
    return store


def test_story_events_carry_the_flag_and_queries_leave_nonfactual_out(mixed) -> None:
    default = mixed.events(type="ASSAULT", limit=None)
    assert [e["evidence"][:12] for e in default] == ["Russia attac"]
    assert all(e["factual"] and all(s["factual"] for s in e["sources"]) for e in default)
    everything = mixed.events(type="ASSAULT", factual="all", limit=None)
    assert len(everything) == 3
    only_not = mixed.events(type="ASSAULT", factual="not", limit=None)
    assert {e["evidence"][:12] for e in only_not} == {"Ukraine did ", "Russia could"}
    assert not any(e["factual"] for e in only_not)
    assert mixed.stats()["nonfactual_story_events"] == 3  # the two and the threat


def test_the_filter_spellings_are_checked() -> None:
    from kronika.errors import ConfigError
    from kronika.store import EventFilter

    assert EventFilter.of(factual="ALL").params() == {"factual": "all"}
    assert EventFilter.of(factual="only").params() == {}  # the default is left out of URLs
    assert not EventFilter.of(factual="only")
    with pytest.raises(ConfigError, match="choose one of: only, all, not"):
        EventFilter.of(factual="maybe")


def test_aggregates_count_what_happened(mixed) -> None:
    # the denied raid, the threat and the attack that could happen are no conflict between them
    ukr = mixed.balance("UKR", between=["RUS"], by="month")
    assert [(r["period"], r["events"]) for r in ukr] == [("2023-05", 1)]
    ukr_all = mixed.balance("UKR", between=["RUS"], by="month", factual="all")
    assert [(r["period"], r["events"]) for r in ukr_all] == [("2023-05", 1), ("2023-06", 2), ("2023-10", 1)]
    edges = {(e["source"], e["target"]) for e in mixed.network(level="country")["edges"]}
    assert ("country:UKR", "country:RUS") not in edges and ("country:RUS", "country:UKR") in edges
    edges_all = {(e["source"], e["target"]) for e in mixed.network(level="country", factual="all")["edges"]}
    assert ("country:UKR", "country:RUS") in edges_all
    profile = mixed.actor("Ukraine")
    assert profile["events_by_type"] == {"ASSAULT": 1} and profile["factual"] == "only"
    assert mixed.actor("Ukraine", factual="all")["events_by_type"] == {"ASSAULT": 3, "THREATEN": 1}
    ukr_row = next(r for r in mixed.actors(top=None) if r["country"] == "UKR" and r["type"] == "STATE")
    assert ukr_row["events"] == 1
    ukr_all_row = next(r for r in mixed.actors(top=None, factual="all") if r["entity"] == ukr_row["entity"])
    assert ukr_all_row["events"] == 4


def test_a_store_migrated_from_the_previous_version_fills_the_flag(tmp_path) -> None:
    from kronika.store import open_store
    from kronika.store.engine import migrate

    s = open_store(tmp_path / "kb.db")
    s.ingest([*corpus(), *_denials()])
    migrate(s.engine, "0004")  # the column goes ...
    migrate(s.engine, "head")  # ... and comes back filled from negated / modality / stance
    assert len(s.events(type="ASSAULT", limit=None)) == 1
    assert len(s.events(type="ASSAULT", factual="not", limit=None)) == 2
    s.close()


def test_cli_and_web_spell_the_switch_the_same_way(tmp_path) -> None:
    """``--include-nonfactual`` / ``--factual`` on the CLI, ``?factual=`` on the web: same answers."""
    import json

    from starlette.testclient import TestClient
    from typer.testing import CliRunner

    from kronika.cli import app
    from kronika.store import open_store
    from kronika.web import create_app

    db = tmp_path / "kb.db"
    s = open_store(db)
    s.ingest([*corpus(), *_denials()])
    s.close()
    run = CliRunner().invoke

    def cli(*args: str) -> list[dict]:
        r = run(app, ["events", "--type", "ASSAULT", "--format", "json", "--db", str(db), *args])
        assert r.exit_code == 0, r.output
        return json.loads(r.stdout)

    assert len(cli()) == 1 and len(cli("--include-nonfactual")) == 3 and len(cli("--factual", "not")) == 2
    table = run(app, ["events", "--type", "ASSAULT", "--include-nonfactual", "--db", str(db)])
    assert "not factual" in table.stdout and "negated" in table.stdout
    bad = run(app, ["events", "--factual", "maybe", "--db", str(db)])
    assert bad.exit_code != 0
    web = TestClient(create_app(str(db)), base_url="http://localhost", client=("127.0.0.1", 50000))
    assert web.get("/api/events?type=ASSAULT").json()["count"] == 1
    allv = web.get("/api/events?type=ASSAULT&factual=all").json()
    assert allv["count"] == 3 and allv["filters"] == {"type": "ASSAULT", "factual": "all"}
    assert sum(not e["factual"] for e in allv["events"]) == 2
    r = web.get("/api/events?factual=maybe")
    assert r.status_code == 422 and r.json()["details"] == [{"field": "factual"}]
    page = web.get("/timeline?type=ASSAULT&factual=all").text
    assert page.count('class="flag nonfactual"') >= 2
    net = web.get("/api/network?factual=all").json()
    assert net["factual"] == "all"
    assert web.get("/api/network?factual=yes").status_code == 422
    ukr = web.get("/api/actors/kb:UKR").json()["actor"]["events_by_type"]
    ukr_all = web.get("/api/actors/kb:UKR?factual=all").json()["actor"]["events_by_type"]
    assert ukr == {"ASSAULT": 1} and ukr_all == {"ASSAULT": 3, "THREATEN": 1}


def test_a_story_told_as_happened_takes_its_parties_from_those_who_tell_it(store) -> None:
    """'A missile hit the centre of Kyiv' (no attacker named) and, in another outlet, 'statements
    that Russia launched the missile' quoted to be denied: one story, which happened, with no
    attacker -- the denied claim stays a claim, not a party the aggregates count."""
    told = (
        Builder("Missile hits Kyiv", "Desk North", "2023-06-20", "https://t.invalid/n/5")
        .say("A missile hit the centre of Kyiv on Tuesday.", "ASSAULT", [], ["ukr"], "2023-06-20", "kyiv")
        .build()
    )
    denied = (
        Builder("Moscow rejects claims", "Desk West", "2023-06-21", "https://t.invalid/w/5")
        .say(
            "Moscow rejected statements that Russia launched the missile at Kyiv on Tuesday.",
            "ASSAULT",
            ["rus"],
            ["ukr"],
            "2023-06-20",
            "kyiv",
            negated=True,
        )
        .build()
    )
    denied.events[0].factual = False
    store.ingest([told, denied])
    (ev,) = [e for e in store.stories(limit=None) if e["type"] == "ASSAULT"]
    assert ev["n_articles"] == 2 and ev["factual"]
    assert not ev["actors"]  # nobody the telling report names
    assert store.actors(top=50) and not any(a["entity"] == "kb:RUS" and a["events"] for a in store.actors(top=50))
