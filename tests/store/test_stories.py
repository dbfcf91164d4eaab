"""Stories across outlets: one strike told by three outlets merges into one story, its contested
counts and outcome show in the claims table, and ingest attaches later reports incrementally.
Our own sentences about an invented strike on a real city."""

from __future__ import annotations

from kronika.events.counts import counts_in
from kronika.record import Article, Ref
from kronika.stories.claims import claims

from .records import Builder


def with_counts(a: Article, claimant: str | None = None) -> Article:
    for ev in a.events:
        ev.counts = counts_in(ev.sentence.text, ev.sentence.start)
        if claimant:
            ev.context.source = Ref(None, claimant)
    return a


def strike(outlet: str, published: str, sentence: str, claimant: str | None = None) -> Article:
    b = Builder(f"Strike on Kyiv ({outlet})", outlet, published, f"https://t.invalid/{outlet}")
    b.say(sentence, "ASSAULT", ["rus"], ["ukr"], "2023-05-28", "kyiv")
    b.say("Officials met later to discuss the damage.")
    return with_counts(b.build(), claimant)


def three_outlets() -> list[Article]:
    return [
        strike(
            "Desk North", "2023-05-28", "Russia attacked Kyiv overnight with drones, killing 7 people.", "the mayor"
        ),
        strike("Desk South", "2023-05-28", "The Russian attack on Kyiv overnight killed 5 people, officials said."),
        strike(
            "Desk East",
            "2023-05-29",
            "Russia's overnight attack on Kyiv: air defence shot down all 20 drones.",
            "the air force",
        ),
    ]


def test_three_outlets_make_one_contested_story(store) -> None:
    store.ingest(three_outlets())
    (ev,) = [e for e in store.stories(limit=None) if e["type"] == "ASSAULT"]
    assert ev["n_articles"] == 3
    story = store.story(ev["id"])
    assert [o["outlet"] for o in story["outlets"]] and len(story["outlets"]) == 3
    killed = [c for c in story["claims"] if c["kind"] == "count:killed"]
    assert sorted(c["value"] for c in killed) == [5, 7] and all(c["contested"] for c in killed)
    assert {c["who"] for c in killed} == {"the mayor", "Desk South"}
    assert "count:killed" in story["contested"]
    assert [s["id"] for s in store.stories(contested=True)] == [ev["id"]]
    assert "counts" in ev["conflicts"]


def test_a_new_report_attaches_without_reclustering_and_a_rerun_is_idempotent(store) -> None:
    first = three_outlets()
    store.ingest(first[:2])
    (before,) = [e for e in store.stories(limit=None) if e["type"] == "ASSAULT"]
    report = store.ingest(first)
    assert report.new == 1 and report.skipped == 2 and report.merged == 1
    (after,) = [e for e in store.stories(limit=None) if e["type"] == "ASSAULT"]
    assert after["id"] == before["id"] and after["n_articles"] == 3
    again = store.ingest(first)
    assert again.new == 0 and again.skipped == 3
    assert [e["id"] for e in store.stories(limit=None)] == [e["id"] for e in store.stories(limit=None)]
    assert len([e for e in store.stories(limit=None) if e["type"] == "ASSAULT"]) == 1


def test_an_uncontested_story_is_not_listed_as_contested(store) -> None:
    north = strike("Desk North", "2023-05-28", "Russia attacked Kyiv overnight with drones, killing 7 people.")
    west = strike("Desk West", "2023-05-28", "At least 5 people died when Russia attacked Kyiv overnight.")
    store.ingest([north, west])
    (ev,) = [e for e in store.stories(limit=None) if e["type"] == "ASSAULT"]
    assert ev["n_articles"] == 2
    assert store.stories(contested=True) == []  # "at least 5" allows 7


def test_claims_mark_a_different_actor_outcome_and_denial() -> None:
    base = {"type": "ASSAULT", "recipient_keys": [], "negated": False, "modality": "asserted", "date": "2023-05-28"}
    rows = [
        {**base, "article_id": "a", "outlet": "A", "actor_keys": ["RUS"], "actor_text": "Russia",
         "sentence": "A missile hit the air-defence battery."},
        {**base, "article_id": "b", "outlet": "B", "actor_keys": ["UKR"], "actor_text": "Ukraine",
         "sentence": "All missiles were shot down.", "claim_source": "the ministry", "stance": "deny"},
    ]  # fmt: skip
    table = claims(rows)
    contested = {c["kind"] for c in table if c["contested"]}
    assert contested == {"actor", "outcome", "happened"}
    assert {c["stance"] for c in table if c["article_id"] == "b"} == {"denies"}
    # one article alone never contests itself
    assert not any(c["contested"] for c in claims([rows[0], {**rows[0], "sentence": "7 people were killed."}]))
