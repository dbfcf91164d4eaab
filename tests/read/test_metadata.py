"""Metadata evidence: citation lines, bylines, glued titles, names, dates, language."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronika.read import read_inputs
from kronika.read.dates import date_from_url, parse_date
from kronika.read.decode import decode
from kronika.read.language import detect_language
from kronika.read.metadata import (
    affiliation_from_bio,
    bio_subject,
    parse_byline,
    parse_citation,
    split_glued_title,
)
from kronika.read.names import is_person_name, same_person, split_names
from kronika.record import Article


def test_citation_line_with_emphasis_and_autolink() -> None:
    ev = parse_citation(
        'To cite this work: Ann B. Lee, "Talks Resume in Geneva", *Lake Review*, Online, 3 March 2024, '
        "<https://lake.example/2024/03/03/talks/>"
    )
    assert ev.title == "Talks Resume in Geneva"
    assert [a.name for a in ev.authors] == ["Ann B. Lee"]
    assert (ev.publication, ev.published) == ("Lake Review", "2024-03-03")
    assert ev.url == "https://lake.example/2024/03/03/talks/"


def test_citation_line_curly_quotes_two_authors_no_emphasis() -> None:
    ev = parse_citation(
        "Cite this article as: Ann Lee and Bo Park, “A Title”, North Gazette, May 5, 2022, https://n.example/a"
    )
    assert [a.name for a in ev.authors] == ["Ann Lee", "Bo Park"]
    assert (ev.title, ev.publication, ev.published, ev.url) == (
        "A Title",
        "North Gazette",
        "2022-05-05",
        "https://n.example/a",
    )


def test_apa_citation_inverts_names() -> None:
    ev = parse_citation("Suggested citation: Kaya, E. (2022, September 21). A Title Here. *Notes*. https://n.example/x")
    assert [a.name for a in ev.authors] == ["E. Kaya"]
    assert (ev.title, ev.publication, ev.published) == ("A Title Here", "Notes", "2022-09-21")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Marta J. Lind, Dr., Institute for Example Studies, Oslo (IES)",
            [("Marta J. Lind", "Institute for Example Studies, Oslo (IES)")],
        ),
        ("By Jane Doe and John Roe", [("Jane Doe", None), ("John Roe", None)]),
        ("Timur Bekov, PhD, Caspian Research Center", [("Timur Bekov", "Caspian Research Center")]),
        ("Jane Doe | 14 March 2025", [("Jane Doe", None)]),
        (
            "Prof. Dr. Emre Kaya, Department of International Relations, Anatolia University",
            [("Emre Kaya", "Department of International Relations, Anatolia University")],
        ),
    ],
)
def test_bylines(line: str, expected: list[tuple[str, str | None]]) -> None:
    got = parse_byline(line)
    assert got is not None and [(a.name, a.affiliation) for a in got] == expected


@pytest.mark.parametrize(
    "line",
    [
        "Sanctions on the agenda",
        "Moscow, Kyiv and Minsk",
        "The talks went on for hours, officials said.",
        "Why It Matters",
        "Kassym-Jomart Tokayev, who chairs the Security Council, will decide.",
    ],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_glued_title_split_when_confirmed_or_glued() -> None:
    assert split_glued_title("Leaders Met in Moscow- Pavel K. Baev", []) == ("Leaders Met in Moscow", ["Pavel K. Baev"])
    assert split_glued_title("Armenia on Ice – Ana Ruiz & Timur Bekov", ["Ana Ruiz"]) == (
        "Armenia on Ice",
        ["Ana Ruiz", "Timur Bekov"],
    )
    assert split_glued_title("Russia Signals Shift by Anna Petrova", []) == ("Russia Signals Shift", ["Anna Petrova"])
    # An ordinary headline with a dash is left alone when nothing confirms a byline.
    assert split_glued_title("Kazakhstan Votes - Tokayev Wins", []) is None
    assert split_glued_title("Kazakhstan Votes - Tokayev Wins", ["Tokayev Wins"]) is not None


def test_names() -> None:
    assert (
        is_person_name("Pavel K. Baev")
        and is_person_name("Dr. Şebnem Öztürk")
        and is_person_name("Ludwig van Beethoven")
    )
    assert not is_person_name("Parade in Moscow") and not is_person_name("Baev") and not is_person_name("the West")
    assert same_person("Dr. Pavel K. Baev", "P. Baev") and not same_person("Ann Lee", "Bo Lee")
    assert split_names("Ann Lee, Bo Park & Cy Diaz") == ["Ann Lee", "Bo Park", "Cy Diaz"]


def test_bio() -> None:
    bio = "Dr. Ann Lee is a Senior Fellow at the Institute for Lake Studies, Geneva. She writes on water."
    assert bio_subject(bio) == "Ann Lee"
    assert affiliation_from_bio(bio) == "Institute for Lake Studies, Geneva"
    assert bio_subject("The talks is what matters.") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("18 May 2023", "2023-05-18"),
        ("May 18, 2023", "2023-05-18"),
        ("Published on 3rd Sept. 2021", "2021-09-03"),
        ("2023-06-01T10:00:00Z", "2023-06-01"),
        ("18.05.2023", "2023-05-18"),
        ("2023/05/18", "2023-05-18"),
        ("March 2022", "2022-03"),
        ("31 February 2023", None),
        ("no date here", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_date_from_url() -> None:
    assert date_from_url("https://x.example/blog/2023/05/18/pb-5/") == "2023-05-18"
    assert date_from_url("https://x.example/about") is None


def test_language() -> None:
    assert detect_language("The president said that the talks with the government were useful and would go on.") == "en"
    assert (
        detect_language(
            "Der Präsident sagte, dass die Gespräche mit der Regierung nicht einfach sind und auch weitergehen."
        )
        == "de"
    )
    assert (
        detect_language("Президент заявил, что переговоры с правительством не будут простыми и что он это знает.")
        == "ru"
    )
    assert detect_language("12 34 56") is None


def test_cp1251_russian_is_decoded() -> None:
    text = "Президент России заявил, что переговоры будут продолжены в ближайшее время."
    assert decode(text.encode("cp1251")) == text


def test_document_without_any_date_gets_none(tmp_path: Path) -> None:
    p = tmp_path / "undated.txt"
    p.write_text("Alliances and Small States\n\nSmall states weigh protection against freedom. It is an old choice.\n")
    (a,) = list(read_inputs([str(p)]))
    assert isinstance(a, Article)
    assert a.metadata.published is None and a.notes


def test_body_mentions_of_copyright_or_names_are_not_boilerplate(tmp_path: Path) -> None:
    p = tmp_path / "copyright.txt"
    p.write_text(
        "Copyright Law Changes\n\nThe parliament passed a copyright law on Tuesday. All rights reserved by authors "
        "now last longer.\n\nAnn Lee is a singer who welcomed the law. She said it was overdue.\n\n"
        "The law takes effect next year, officials said.\n\n"
        "Kassym-Jomart Tokayev is walking a tightrope between Moscow and the West, and knows it.\n"
    )
    (a,) = list(read_inputs([str(p)]))
    assert isinstance(a, Article)
    assert len(a.paragraphs) == 4 and a.boilerplate == []


def test_footnotes_at_the_tail_are_boilerplate() -> None:
    from kronika.read import read_text

    raw = (
        "Some Title Here\n\nThe body says something important[1] about the talks. It ends here.\n\n"
        "Notes\n\n[1] https://source.example/a\n\n[2] See the ministry's statement of 3 May.\n\n"
        "Ann Lee, Institute for Lake Studies\n\n"
        'To cite this work: Ann Lee, "Some Title Here", *Lake Review*, Online, 3 May 2023, <https://lake.example/x>\n'
    )
    a = read_text(raw)
    assert a.text == "The body says something important[1] about the talks. It ends here."
    assert [b.kind for b in a.boilerplate] == ["other", "other", "other", "byline", "citation"]
    assert a.metadata.authors[0].affiliation == "Institute for Lake Studies"
