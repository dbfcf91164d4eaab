"""Regressions of issue 13 item 7 and issue 14 item 5: no silent text loss at the head and tail,
decoding guesses and fallbacks noted in the record, the outlet of a pipe byline. Fixtures are
generated here (our own sentences)."""

from __future__ import annotations

from pathlib import Path

from kronika.read import read_inputs, read_text
from kronika.read.boilerplate import looks_like_rights
from kronika.read.decode import decode_text
from kronika.record import Article, Source

LEAD = "Kazakhstan and Uzbekistan signed a water agreement in Tashkent on Tuesday, officials said."
MORE = "The deal shares the Syr Darya's water between the two states and takes effect in June."


def test_a_last_paragraph_about_copyright_is_body_not_a_rights_notice() -> None:
    last = "The ministers also agreed to protect copyright on software, and both parliaments must ratify the text."
    a = read_text(f"Water deal signed\n\n{LEAD}\n\n{MORE}\n\n{last}\n")
    assert a.text.endswith(last) and not a.boilerplate and a.metadata.rights is None


def test_a_real_rights_notice_is_still_moved() -> None:
    a = read_text(f"Water deal signed\n\n{LEAD}\n\n{MORE}\n\n© 2023 Lake Gazette. All rights reserved.\n")
    assert [b.kind for b in a.boilerplate] == ["rights"] and a.text.endswith(MORE)


def test_rights_by_form() -> None:
    assert looks_like_rights("Copyright 2023 Lake Gazette")
    assert looks_like_rights("This article is published under a Creative Commons licence (CC BY 4.0).")
    assert looks_like_rights("Lake Gazette 2023 (c) 2023, all rights reserved")
    assert not looks_like_rights("The court heard a copyright claim against the ministry on Monday.")
    assert not looks_like_rights("copyright " + "word " * 300)


def test_one_stray_byte_does_not_turn_utf8_into_mojibake(tmp_path: Path) -> None:
    text = f"Erdoğan and Tokayev met in Astana.\n\n{LEAD} {MORE}\n".encode()
    p = tmp_path / "stray.txt"
    p.write_bytes(text[:60] + b"\xff" + text[60:])
    (a,) = list(read_inputs([str(p)]))
    assert isinstance(a, Article) and "Erdoğan" in (a.metadata.title or "") + a.text
    assert any("not UTF-8 were replaced" in n for n in a.notes)


def test_a_legacy_encoding_is_a_noted_guess() -> None:
    text, notes = decode_text(f"Café owners in Almaty protested. {LEAD} {MORE}".encode("cp1252"))
    assert text.startswith("Café") and notes and "a guess" in notes[0]
    assert decode_text(LEAD.encode()) == (LEAD, [])


def _page(before: str, after: str = "") -> str:
    body = f"<p>{LEAD}</p><p>{MORE}</p>"
    return f"<html><body>{before}{body}{after}</body></html>"


def test_junk_from_the_main_extractor_falls_back_to_page_text_with_a_note() -> None:
    a = read_text(_page("<font>menu " * 300), source=Source(format="html"))
    assert LEAD in a.text and "menu menu" not in a.text
    assert any("fallback" in n for n in a.notes)


def test_deeply_nested_html_is_read_with_a_note() -> None:
    a = read_text(_page("<div>" * 300, "</div>" * 300), source=Source(format="html"))
    assert LEAD in a.text and MORE in a.text and any("fallback" in n for n in a.notes)


def test_a_plain_article_page_needs_no_fallback() -> None:
    a = read_text(_page("<article>", "</article>"), source=Source(format="html"))
    assert LEAD in a.text and not any("fallback" in n for n in a.notes)


def test_pipe_byline_names_the_outlet_not_an_affiliation() -> None:
    a = read_text(f"Water deal signed in Tashkent\n\nBy Jane Doe | Lake Gazette | 18 May 2023\n\n{LEAD} {MORE}\n")
    md = a.metadata
    assert [(x.name, x.affiliation) for x in md.authors] == [("Jane Doe", None)]
    assert md.publication == "Lake Gazette" and md.published == "2023-05-18"
