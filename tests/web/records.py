"""Hand-made ``kronika.article/1`` records for the web tests (our own sentences, no pipeline needed).

Building records directly keeps the API and page tests fast and independent of the NLP stages,
and lets us plant hostile content (script tags, ``javascript:`` links, event handlers) in every
field an article can fill.
"""

from __future__ import annotations

from kronika.record import (
    Article,
    Author,
    Context,
    Entity,
    Event,
    EventDate,
    Link,
    Mention,
    Metadata,
    Ref,
    Role,
    Source,
    Span,
    Time,
)

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def _at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def _mention(text: str, phrase: str, nth: int = 0) -> Mention:
    s, e = _at(text, phrase, nth)
    return Mention(s, e, phrase)


def _sentence(text: str, phrase: str) -> Mention:
    """The sentence (ending in '.') that contains ``phrase``."""
    s, _ = _at(text, phrase)
    dot, newline = text.rfind(". ", 0, s), text.rfind("\n", 0, s)
    start = max(dot + 2 if dot >= 0 else 0, newline + 1)
    end = text.index(".", s) + 1
    return Mention(start, end, text[start:end])


def _paragraphs(text: str) -> list[Span]:
    out, pos = [], 0
    for para in text.split("\n\n"):
        out.append(Span(pos, pos + len(para)))
        pos += len(para) + 2
    return out


def _event(text, eid, etype, mode, actor, recipient, date, trigger, time=None, **kw) -> Event:
    return Event(
        id=eid,
        type=etype,
        mode=mode,
        actor=actor,
        recipient=recipient,
        location=kw.pop("location", None),
        date=EventDate(time, date, kw.pop("inferred", False)),
        trigger=_mention(text, trigger),
        sentence=_sentence(text, trigger),
        context=kw.pop("context", Context()),
        confidence=0.8,
        producer="tests.hand",
    )


def steppe_article() -> Article:
    """A commentary on Kazakhstan between Russia and the EU, with events in 2022 and 2023."""
    text = (
        "In January 2022 Russia sent troops to Kazakhstan after riots in Almaty. "
        "President Kassym-Jomart Tokayev asked the alliance for help.\n\n"
        "On May 8, 2023 Tokayev flew to Moscow for talks with Vladimir Putin. "
        "The European Union urged Kazakhstan to enforce sanctions.\n\n"
        "Trade between Kazakhstan and Russia grew this year."
    )
    ents = [
        Entity(
            "e1", "Russia", "STATE", "RUS", "GOV", [], "RUS", [_mention(text, "Russia"), _mention(text, "Russia", 1)]
        ),
        Entity(
            "e2",
            "Kazakhstan",
            "STATE",
            "KAZ",
            "GOV",
            [],
            "KAZ",
            [_mention(text, "Kazakhstan"), _mention(text, "Kazakhstan", 1), _mention(text, "Kazakhstan", 2)],
        ),
        Entity(
            "e3",
            "Kassym-Jomart Tokayev",
            "PERSON",
            "KAZ",
            "GOV",
            [Role("President", "KAZ")],
            "Q_tokayev",
            [_mention(text, "Kassym-Jomart Tokayev"), _mention(text, "Tokayev", 1)],
        ),
        Entity(
            "e4",
            "Vladimir Putin",
            "PERSON",
            "RUS",
            "GOV",
            [Role("President", "RUS")],
            "Q_putin",
            [_mention(text, "Vladimir Putin")],
        ),
        Entity("e5", "Almaty", "PLACE", "KAZ", None, [], None, [_mention(text, "Almaty")]),
        Entity("e6", "Moscow", "PLACE", "RUS", None, [], None, [_mention(text, "Moscow")]),
        Entity("e7", "European Union", "IGO", None, "GOV", [], "EU", [_mention(text, "European Union")]),
    ]
    times = [
        Time("t1", "January 2022", *_at(text, "January 2022"), "DATE", "2022-01", "DCT", "month"),
        Time("t2", "May 8, 2023", *_at(text, "May 8, 2023"), "DATE", "2023-05-08", None, "day"),
        Time("t3", "this year", *_at(text, "this year"), "DATE", "2023", "DCT", "year"),
    ]
    events = [
        _event(
            text,
            "v1",
            "MOBILIZE",
            "troops",
            Ref("e1", "Russia"),
            Ref("e2", "Kazakhstan"),
            "2022-01",
            "sent troops",
            "t1",
        ),
        _event(
            text,
            "v2",
            "CONSULT",
            "visit",
            Ref("e3", "Tokayev"),
            Ref("e4", "Vladimir Putin"),
            "2023-05-08",
            "flew",
            "t2",
            location=Ref("e6", "Moscow"),
        ),
        _event(
            text,
            "v3",
            "REQUEST",
            None,
            Ref("e7", "The European Union"),
            Ref("e2", "Kazakhstan"),
            "2023-05-18",
            "urged",
            inferred=True,
        ),
        _event(
            text,
            "v4",
            "COOPERATE",
            "economic",
            [Ref("e2", "Kazakhstan"), Ref("e1", "Russia")],
            None,
            "2023",
            "grew",
            "t3",
        ),
    ]
    return Article(
        text=text,
        source=Source(path="steppe.txt", format="text"),
        metadata=Metadata(
            title="Between the Steppe and the Kremlin",
            authors=[Author("Ana Example", "Institute of Tests")],
            published="2023-05-18",
            publication="Test Review",
            url="https://example.org/steppe",
        ),
        paragraphs=_paragraphs(text),
        entities=ents,
        times=times,
        events=events,
    )


def second_report() -> Article:
    """Another outlet reporting the May 2023 visit (merges into the same story event)."""
    text = "Tokayev flew to Moscow on May 8, 2023 to meet Vladimir Putin before the parade."
    ents = [
        Entity(
            "e1",
            "Kassym-Jomart Tokayev",
            "PERSON",
            "KAZ",
            "GOV",
            [Role("President", "KAZ")],
            "Q_tokayev",
            [_mention(text, "Tokayev")],
        ),
        Entity(
            "e2",
            "Vladimir Putin",
            "PERSON",
            "RUS",
            "GOV",
            [Role("President", "RUS")],
            "Q_putin",
            [_mention(text, "Vladimir Putin")],
        ),
        Entity("e3", "Moscow", "PLACE", "RUS", None, [], None, [_mention(text, "Moscow")]),
    ]
    times = [Time("t1", "May 8, 2023", *_at(text, "May 8, 2023"), "DATE", "2023-05-08", None, "day")]
    events = [
        _event(
            text,
            "v1",
            "CONSULT",
            "visit",
            Ref("e1", "Tokayev"),
            Ref("e2", "Vladimir Putin"),
            "2023-05-08",
            "flew",
            "t1",
            location=Ref("e3", "Moscow"),
        )
    ]
    return Article(
        text=text,
        source=Source(path="wire.txt", format="text"),
        metadata=Metadata(title="Leaders gather in Moscow", publication="Wire Service", published="2023-05-09"),
        paragraphs=_paragraphs(text),
        entities=ents,
        times=times,
        events=events,
    )


def hostile_article() -> Article:
    """Every field an article fills carries markup or a script URL; none may run or render as HTML."""
    text = (
        f"Officials of {HOSTILE} met the envoy. "
        'Read <a href="javascript:alert(2)" onclick="alert(3)">the statement</a> here.\n\n'
        "The envoy denied everything on Monday."
    )
    ents = [
        Entity(
            "e1",
            f"Mallory {HOSTILE}",
            "PERSON",
            None,
            None,
            [Role('Envoy" onmouseover="alert(4)', None)],
            None,
            [_mention(text, HOSTILE)],
        ),
        Entity(
            "e2",
            "the envoy",
            "PERSON",
            None,
            None,
            [],
            None,
            [_mention(text, "the envoy"), _mention(text, "The envoy")],
        ),
    ]
    times = [Time("t1", "Monday", *_at(text, "Monday"), "DATE", '2023-05-15"><script>alert(5)</script>', "DCT", "day")]
    links = [
        Link("the statement", "javascript:alert(2)", *_at(text, "the statement")),
        Link("here", "https://ok.example/", *_at(text, "here")),
    ]
    events = [
        _event(
            text,
            "v1",
            "CONSULT",
            f"meet{HOSTILE}",
            Ref("e1", HOSTILE),
            Ref("e2", "the envoy"),
            "2023-05-15",
            "met",
            "t1",
            context=Context(modality="reported", source=Ref("e2", f"<b>{HOSTILE}</b>"), stance="deny"),
        )
    ]
    return Article(
        text=text,
        source=Source(path="hostile.html", format="html"),
        metadata=Metadata(
            title=f"Breaking {HOSTILE}",
            authors=[Author(f"Eve {HOSTILE}", "javascript:alert(6)")],
            published="2023-05-16",
            publication="<iframe src=javascript:alert(7)>",
            url="javascript:alert(8)",
        ),
        paragraphs=_paragraphs(text),
        links=links,
        entities=ents,
        times=times,
        events=events,
        notes=[f"note {HOSTILE}"],
    )


def corpus() -> list[Article]:
    return [steppe_article(), second_report(), hostile_article()]
