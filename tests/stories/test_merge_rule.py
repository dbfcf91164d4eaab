"""The merge rule and date ranges, on hand-made reports (no database)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kronika.stories.dates import at_period, date_range, date_relation
from kronika.stories.merge import Report, cluster, decide, participants, summarize


def rep(type_: str, date: str | None, actors, recipients, sentence: str, location: str | None = None) -> Report:
    a, ua = participants(actors)
    r, ur = participants(recipients)
    return Report(type_, a, r, date, sentence, units=ua | ur, location=location)


TOK, KAZ, RUS, PUT = ("kb:tok", "KAZ"), ("kb:KAZ", "KAZ"), ("kb:RUS", "RUS"), ("kb:putin", "RUS")


def test_date_ranges() -> None:
    assert date_range("2022-01-06") == ("2022-01-06", "2022-01-06", "day")
    assert date_range("2022-02") == ("2022-02-01", "2022-02-28", "month")
    assert date_range("2022") == ("2022-01-01", "2022-12-31", "year")
    assert date_range("2022-W01") == ("2022-01-03", "2022-01-09", "week")
    assert date_range("2022-Q2") == ("2022-04-01", "2022-06-30", "quarter")
    assert date_range("2022-SU")[2] == "season"
    assert date_range("P14M") is None and date_range("PRESENT_REF") is None and date_range("2022-02-30") is None


def test_date_relations() -> None:
    assert date_relation("2022-01-06", "2022-01-06") == "same"
    assert date_relation("2022-01", "2022-01-06") == "compatible"
    assert date_relation("2022-01-06", "2022-01-08") == "near"
    assert date_relation("2022-01-06", "2022-01-20") == "incompatible"
    assert date_relation(None, "2022-01-06") == "unknown"


@given(st.dates(), st.sampled_from(["day", "week", "month", "quarter", "year"]))
def test_a_day_is_inside_its_coarser_values(d, by) -> None:
    day = d.isoformat()
    for coarse in (day[:7], day[:4]):
        assert date_relation(day, coarse) in ("same", "compatible")
    assert at_period(day, by)


def test_person_and_state_of_one_country_overlap() -> None:
    a = rep("MOBILIZE", "2022-01-06", [RUS], [KAZ], "Russian paratroopers began landing near Almaty.")
    b = rep("MOBILIZE", "2022-01-07", [PUT], [TOK], "Putin sent paratroopers to help Tokayev restore order.")
    d = decide(a, b)
    assert d.merge, d.reasons


def test_each_side_must_overlap() -> None:
    a = rep("CONSULT", "2023-05-09", [PUT], [("kb:luk", "BLR")], "Putin met Lukashenko after the parade.")
    b = rep("CONSULT", "2023-05-09", [TOK], [PUT], "Tokayev met Putin after the parade.")
    assert not decide(a, b).merge


def test_type_and_date_block() -> None:
    a = rep("MOBILIZE", "2022-01-06", [RUS], [KAZ], "troops landed")
    assert not decide(a, rep("RETREAT", "2022-01-06", [RUS], [KAZ], "troops landed")).merge
    assert not decide(a, rep("MOBILIZE", "2022-03-06", [RUS], [KAZ], "troops landed")).merge


def test_places_keep_attacks_apart() -> None:
    a = rep("ASSAULT", "2023-05-28", [RUS], [("kb:UKR", "UKR")], "Drones attacked the city overnight.", "Kyiv")
    b = rep("ASSAULT", "2023-05-28", [RUS], [("kb:UKR", "UKR")], "Drones attacked the city overnight.", "Odesa")
    assert not decide(a, b).merge
    assert decide(a, rep("ASSAULT", "2023-05-28", [RUS], [("kb:UKR", "UKR")], "Drones hit the city.", "Kyiv")).merge


def test_cluster_is_incremental_and_ordered() -> None:
    r1 = rep("CONSULT", "2022-01-10", [PUT], [TOK], "Putin spoke by phone with Tokayev.")
    r2 = rep("CONSULT", "2022-01-10", [TOK], [PUT], "Tokayev thanked Putin by phone.")
    r3 = rep("CONSULT", "2022-06-17", [TOK], [PUT], "Tokayev sat next to Putin at the forum.")
    assert cluster([r1, r2, r3]) == [[0, 1], [2]]


def test_summarize_keeps_conflicts() -> None:
    base = {"type": "MOBILIZE", "negated": False, "location_text": "Almaty", "recipient_keys": ["kb:KAZ"]}
    s = summarize(
        [
            base
            | {
                "article_id": "a",
                "mode": "troops",
                "date": "2022-01-06",
                "actor_keys": ["kb:RUS"],
                "extra": {"size": 2500},
            },
            base
            | {
                "article_id": "b",
                "mode": "troops",
                "date": "2022-01-07",
                "actor_keys": ["kb:RUS", "kb:BLR"],
                "extra": {"size": 2030},
            },
            base | {"article_id": "c", "mode": None, "date": "2022-01", "actor_keys": ["kb:RUS"], "extra": {}},
        ]
    )
    assert s["date"] == "2022-01-06" and s["granularity"] == "day"  # tie between days: the earlier
    assert s["conflicts"]["date"] == {"2022-01": ["c"], "2022-01-06": ["a"], "2022-01-07": ["b"]}
    assert s["conflicts"]["actors"]["kb:BLR"] == ["b"]
    assert s["conflicts"]["counts"]["size"] == {"2500": ["a"], "2030": ["b"]}
    assert s["n_articles"] == 3 and "recipients" not in s["conflicts"]


def test_naming_a_state_covers_its_people() -> None:
    base = {
        "type": "CONSULT",
        "negated": False,
        "mode": "visit",
        "date": "2023-05-09",
        "location_text": None,
        "recipient_keys": ["kb:putin"],
        "extra": {},
    }
    s = summarize(
        [
            base | {"article_id": "a", "actor_keys": ["kb:KAZ"]},
            base | {"article_id": "b", "actor_keys": ["kb:tok", "kb:luk"]},
        ],
        {"kb:KAZ": "KAZ", "kb:tok": "KAZ", "kb:luk": "BLR", "kb:putin": "RUS"},
    )
    assert s["conflicts"]["actors"] == {"kb:luk": ["b"]}


def test_a_vaguer_date_is_no_conflict() -> None:
    base = {
        "type": "RETREAT",
        "negated": False,
        "mode": None,
        "location_text": None,
        "actor_keys": ["x"],
        "recipient_keys": [],
        "extra": {},
    }
    s = summarize([base | {"article_id": "a", "date": "2022-01-13"}, base | {"article_id": "b", "date": "2022-01"}])
    assert s["date"] == "2022-01-13" and "date" not in s["conflicts"]


def test_an_office_holder_meets_the_organisation_they_speak_for() -> None:
    michel = ("kb:person:charles-michel", None, ("EU",))
    a_actors, a_units = participants([michel])
    b_recipients, b_units = participants([("kb:EU", None)])
    tok_codes, tok_units = participants([TOK])
    a = Report("CONSULT", a_actors, tok_codes, "2022-10-27", "Michel met Tokayev in Astana.", units=a_units | tok_units)
    b = Report(
        "CONSULT",
        tok_codes,
        b_recipients,
        "2022-10-27",
        "Tokayev hosted the EU's top official for talks.",
        units=tok_units | b_units,
    )
    d = decide(a, b)
    assert d.merge, d.reasons
    assert not decide(a, Report("CONSULT", tok_codes, participants([PUT])[0], "2022-10-27", "Tokayev met Putin.")).merge


def art(r: Report, article: str, outlet: str | None = None) -> Report:
    from dataclasses import replace

    return replace(r, article=article, outlet=outlet)


CSTO, UZB = ("kb:CSTO", None), ("kb:UZB", "UZB")


def test_one_article_never_merges_two_of_its_own_statements() -> None:
    a = art(rep("AGREE", "2022-02-25", [PUT, UZB], [], "The two leaders reaffirmed their readiness to cooperate."), "x")
    b = art(rep("AGREE", "2022-02-25", [PUT, UZB], [], "It was agreed to maintain close personal contact."), "x")
    assert not decide(a, b).merge and "two statements" in decide(a, b).reasons[0]
    # ... but a happening it tells twice (the call, the strike) is one event
    c = art(rep("CONSULT", "2022-02-25", [PUT, UZB], [], "Putin had a telephone conversation with Mirziyoyev."), "x")
    d = art(rep("CONSULT", "2022-02-25", [PUT, UZB], [], "The conversation was constructive and friendly."), "x")
    assert decide(c, d).merge
    # and through a third article it cannot join them either: clusters keep them apart
    e = art(
        rep(
            "AGREE",
            "2022-02-25",
            [PUT, UZB],
            [],
            "The leaders reaffirmed readiness to cooperate and agreed to stay in contact.",
        ),
        "y",
    )
    groups = cluster([a, b, e])
    assert not any({0, 1} <= set(g) for g in groups)


def test_one_outlet_tells_two_calls_on_two_days() -> None:
    a = art(rep("CONSULT", "2022-01-07", [PUT, TOK], [], "Putin spoke by phone with Tokayev."), "r1", "kremlin.ru")
    b = art(
        rep("CONSULT", "2022-01-08", [PUT, TOK], [], "Putin had a telephone conversation with Tokayev."),
        "r2",
        "kremlin.ru",
    )
    assert not decide(a, b).merge
    # two outlets a day apart on one call: one event with a date conflict
    assert decide(a, art(b, "r2", "Wire")).merge


def test_types_of_one_quad_class_merge_across_articles_only() -> None:
    a = art(
        rep("AGREE", "2022-02-04", [PUT], [("kb:CHN", "CHN")], "Putin will hold top-level talks with Xi in Beijing."),
        "p",
    )
    b = art(
        rep("CONSULT", "2022-02-04", [PUT], [("kb:CHN", "CHN")], "Putin held top-level talks with Xi in Beijing."), "q"
    )
    assert decide(a, b).merge
    assert not decide(a, art(b, "p")).merge  # one article coding two types means two events
    assert not decide(a, art(rep("ACCUSE", "2022-02-04", [PUT], [("kb:CHN", "CHN")], a.sentence), "q")).merge


def test_a_side_the_other_report_leaves_unnamed_does_not_block() -> None:
    deu, nav = ("kb:DEU", "DEU"), ("kb:navalny", "RUS")
    a = rep("AID", "2020-08-22", [deu], [nav], "Germany airlifted Navalny from Omsk to Berlin.")
    b = rep("AID", "2020-08", [], [nav], "Navalny was airlifted from Omsk to Berlin.")
    assert decide(a, b).merge
    # two named recipients that differ still keep reports apart
    c = rep("CONSULT", "2022-01-07", [PUT], [("kb:luk", "BLR")], "Putin met Lukashenko.")
    d = rep("CONSULT", "2022-01-07", [TOK], [PUT], "Tokayev met Putin.")
    assert not decide(c, d).merge


def test_a_report_published_before_a_happening_is_not_about_it() -> None:
    from dataclasses import replace

    strike = "A missile struck the centre of Donetsk, killing civilians."
    early = replace(
        rep("ASSAULT", "2022-03-11", [RUS], [("kb:UKR", "UKR")], strike), article="a1", published="2022-03-11"
    )
    late = replace(
        rep("ASSAULT", "2022-03-14", [RUS], [("kb:UKR", "UKR")], strike), article="a2", published="2022-03-14"
    )
    d = decide(early, late)
    assert not d.merge and "published before" in d.reasons[0]
    # an announcement told before the happening it announces is no such report
    told = replace(early, expected=True)
    assert "published before" not in " ".join(decide(told, late).reasons)
    # a day of slack: published on the eve of the local date
    eve = replace(late, published="2022-03-13", article="a3")
    assert "published before" not in " ".join(decide(eve, late).reasons)


def test_the_same_words_of_calls_with_other_leaders_are_two_statements() -> None:
    from dataclasses import replace

    said = "The leaders agreed to maintain contact."
    isr = replace(rep("AGREE", "2022-03-14", [PUT, ("kb:bennett", "ISR")], [], said), article="c1")
    lux = replace(rep("AGREE", "2022-03-14", [PUT, ("kb:bettel", "LUX")], [], said), article="c2")
    only_putin = replace(rep("AGREE", "2022-03-14", [PUT], [], said), article="c3")
    assert not decide(isr, lux).merge and decide(isr, only_putin).merge
    # nor through a member that names fewer parties
    assert len(cluster([isr, only_putin, lux])) == 2
