"""Repair of scraped text: hard wraps, links, emphasis, headings; property tests on offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.read.repair import clean_inline, ends_sentence, looks_like_heading, normalize_body, split_blocks


def test_sentence_split_across_blank_lines_is_joined() -> None:
    raw = "It grew into a show of militarism and\n\nloud\n\nambition. Then it faded.\n\nA new paragraph starts here."
    body = normalize_body(raw)
    assert body.text == (
        "It grew into a show of militarism and loud ambition. Then it faded.\n\nA new paragraph starts here."
    )
    assert [body.text[p.start : p.end][-6:] for p in body.paragraphs] == ["faded.", " here."]


def test_capitalised_continuation_and_initials() -> None:
    raw = "He met President Vladimir\n\nPutin. Later he met Pavel K.\n\nBaev in Oslo."
    assert normalize_body(raw).text == "He met President Vladimir Putin. Later he met Pavel K. Baev in Oslo."


def test_single_newline_hard_wrap_and_hyphen_wrap() -> None:
    assert clean_inline("a long line that was\nwrapped by a scra-\nper tool")[0] == (
        "a long line that was wrapped by a scra-per tool"
    )


def test_links_keep_anchor_and_offsets() -> None:
    text, links = clean_inline(
        'A "[false flag](#)" claim, see <https://x.example/a> and [the report](https://r.example).'
    )
    assert text == 'A "false flag" claim, see https://x.example/a and the report.'
    assert [(x.text, x.href) for x in links] == [
        ("false flag", None),
        ("https://x.example/a", "https://x.example/a"),
        ("the report", "https://r.example"),
    ]
    for x in links:
        assert text[x.start : x.end] == x.text


def test_emphasis_and_images_removed_but_snake_case_kept() -> None:
    text, links = clean_inline("Read *Panorama* and **bold** or _this_ ![a chart](img.png) in file_name_here.")
    assert text == "Read Panorama and bold or this in file_name_here."
    assert links == []


def test_link_across_a_line_break_and_empty_anchor() -> None:
    text, links = clean_inline("the [New Delhi\nDeclaration](#) and [](#) nothing")
    assert text == "the New Delhi Declaration and nothing"
    assert links[0].text == "New Delhi Declaration"


def test_headings_and_list_items_are_their_own_paragraphs() -> None:
    raw = (
        "First sentence here.\n\nWhat comes next\n\nThe next part.\n\n## Marked heading\n\n"
        "- one item\n- two items\nwrapped\n\nEnd."
    )
    body = normalize_body(raw)
    paras = [body.text[p.start : p.end] for p in body.paragraphs]
    assert paras == [
        "First sentence here.",
        "What comes next",
        "The next part.",
        "Marked heading",
        "one item",
        "two items wrapped",
        "End.",
    ]


def test_fragment_after_unfinished_sentence_is_not_a_heading() -> None:
    blocks = split_blocks("He thanked the Prime Minister of\n\nArmenia Nikol Pashinyan\n\nFor his visit.")
    assert len(blocks) == 3
    assert normalize_body("He thanked the Prime Minister of\n\nArmenia Nikol Pashinyan\n\nFor his visit.").text == (
        "He thanked the Prime Minister of Armenia Nikol Pashinyan For his visit."
    )


def test_ends_sentence() -> None:
    assert ends_sentence('He said "no."')
    assert ends_sentence("Really?)")
    assert not ends_sentence("militarism and")
    assert not ends_sentence("Pavel K.")
    assert not ends_sentence("met Dr.")
    assert ends_sentence("in the U.S.")


def test_heading_shape() -> None:
    assert looks_like_heading("Sanctions on the agenda", "Scholz also")
    assert not looks_like_heading("Sanctions on the", "Scholz also")
    assert not looks_like_heading("Sanctions, agenda", "Scholz")
    assert not looks_like_heading("Sanctions on the agenda", "scholz also")
    assert not looks_like_heading("Sanctions on the agenda", None)


# Property tests: documents built from lowercase words with capitalised sentence starts, links,
# emphasis, and breaks (newline or blank line) anywhere except right after a sentence.
_word = st.sampled_from("alpha beta gamma delta war peace talks summit border troops visit parade".split())  # noqa: SIM905


@st.composite
def _sentence(draw) -> str:
    words = draw(st.lists(_word, min_size=2, max_size=9))
    words[0] = words[0].capitalize()
    i = draw(st.integers(0, len(words) - 1))
    style = draw(st.sampled_from(["plain", "link", "href", "emph", "strong"]))
    w = words[i]
    words[i] = {
        "plain": w,
        "link": f"[{w}](#)",
        "href": f"[{w}](https://e.example/{w})",
        "emph": f"*{w}*",
        "strong": f"**{w}**",
    }[style]
    return " ".join(words) + draw(st.sampled_from([".", "!", "?", '."']))


@st.composite
def _document(draw) -> tuple[str, list[str]]:
    """(scraped text, the paragraphs' expected words) for a hard-wrapped multi-paragraph document."""
    paragraphs = draw(st.lists(st.lists(_sentence(), min_size=1, max_size=4), min_size=1, max_size=5))
    out = []
    for sentences in paragraphs:
        tokens = " ".join(sentences).split(" ")
        pieces = [tokens[0]]
        for tok in tokens[1:]:
            after_end = pieces[-1].endswith((".", "!", "?", '."'))
            sep = " " if after_end else draw(st.sampled_from([" ", " ", " ", "\n", "\n\n", "\n\n\n"]))
            pieces.append(sep + tok)
        out.append("".join(pieces))
    return "\n\n".join(out), [" ".join(s) for s in paragraphs]


def _plain_words(text: str) -> list[str]:
    text, _ = clean_inline(text)
    return text.split()


@settings(max_examples=200, deadline=None)
@given(_document())
def test_paragraphs_and_sentences_come_out_whole(doc: tuple[str, list[str]]) -> None:
    raw, paragraphs = doc
    body = normalize_body(raw)
    got = [body.text[p.start : p.end] for p in body.paragraphs]
    assert [g.split() for g in got] == [_plain_words(p) for p in paragraphs]


@settings(max_examples=200, deadline=None)
@given(_document())
def test_normalization_is_idempotent(doc: tuple[str, list[str]]) -> None:
    once = normalize_body(doc[0])
    twice = normalize_body(once.text)
    assert twice.text == once.text
    assert twice.paragraphs == once.paragraphs


@settings(max_examples=300, deadline=None)
@given(st.one_of(_document().map(lambda d: d[0]), st.text(max_size=400)))
def test_offsets_land_on_the_right_characters(raw: str) -> None:
    body = normalize_body(raw)
    for link in body.links:
        assert body.text[link.start : link.end] == link.text
        assert link.text.strip() == link.text != ""
    assert "\n\n".join(body.text[p.start : p.end] for p in body.paragraphs) == body.text
    for p in body.paragraphs:
        chunk = body.text[p.start : p.end]
        assert chunk and chunk == chunk.strip() and "\n" not in chunk
    assert all(a.end < b.start for a, b in zip(body.paragraphs, body.paragraphs[1:], strict=False))  # in order
    for link in body.links:  # every link lies inside one paragraph
        assert any(p.start <= link.start and link.end <= p.end for p in body.paragraphs)


_scrap = st.sampled_from(
    [
        "\n",
        "\n\n",
        "[",
        "](#)",
        "*",
        "_",
        "<https://a.example>",
        "By Ann Lee",
        "To cite this work: ",
        "Copyright ",
        '"',
        "Dr. ",
        " is a fellow at the Institute. ",
        "18 May 2023",
        "- ",
        "# ",
        "---\n",
        "Title- Ann Lee",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_scrap, st.text(max_size=30)), max_size=30).map("".join))
def test_reader_never_crashes_and_offsets_hold(raw: str) -> None:
    """Any text gives an article whose offsets are right, or a ReadError, never another exception."""
    from kronika.errors import ReadError
    from kronika.read import read_text

    try:
        a = read_text(raw)
    except ReadError:
        return
    assert "\n\n".join(a.text[p.start : p.end] for p in a.paragraphs) == a.text
    for link in a.links:
        assert a.text[link.start : link.end] == link.text


def test_one_paragraph_per_line_corpora() -> None:
    raw = (
        "The first paragraph of a crawled news story is long, as such corpora keep each paragraph on one line.\n"
        "The second paragraph follows on the next line, again a full sentence that ends properly here.\n"
        "Then comes a short one.\n"
        "A third one was broken by the crawler in the middle of its\n"
        "sentence, and the two lines must be joined again."
    )
    body = normalize_body(raw)
    assert [body.text[p.start : p.end][-12:] for p in body.paragraphs] == [
        "on one line.",
        "operly here.",
        "a short one.",
        "oined again.",
    ]
    # Hard-wrapped text whose lines happen to end a sentence now and then stays one paragraph.
    wrapped = "The talks went on.\nOfficials in both capitals said\nthey would meet again in June."
    assert len(normalize_body(wrapped).paragraphs) == 1


def test_a_full_width_fragment_is_not_a_heading() -> None:
    raw = (
        "The ministers met in Astana on Tuesday and talked for several hours\n"
        "about trade routes, sanctions and the future of the Caspian corridor.\n"
        "None of them spoke to reporters afterwards.\n\n"
        "Officials from both governments later described the atmosphere as tense\n\n"
        "Tuesday evening brought a short joint statement that said very little.\n"
        "It was published on the ministry website without any comment at all."
    )
    body = normalize_body(raw)
    assert len(body.paragraphs) == 2
    assert "as tense Tuesday evening" in body.text
