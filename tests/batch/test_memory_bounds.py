"""Flat memory over a corpus (issue 16 item 4): what the documents of a chunk add to the model's
vocabulary is freed when the chunk ends (spaCy memory zones). Counts, never timings or RSS."""

from __future__ import annotations

from kronika.pipeline import ZONE_DOCS, Pipeline
from kronika.read import read_text

# Words no model vocabulary holds: each would stay in the vocabulary for good without a zone.
NEW_WORDS = ["Qorvathi", "Zendrulak", "Vimbosk", "Trallequin"]


def test_words_a_chunk_adds_to_the_vocabulary_are_freed(pipeline: Pipeline) -> None:
    text = "Officials in {w} said on Monday that the {w} council met the minister of Kazakhstan in Astana."
    articles = [read_text(text.format(w=w)) for w in NEW_WORDS]
    out = list(pipeline.run_many(articles))
    assert len(out) == len(NEW_WORDS)
    strings = pipeline.nlp.vocab.strings
    assert not any(w in strings for w in NEW_WORDS)
    # the records are plain data that outlive the zone: they serialise and quote the text
    for art, w in zip(out, NEW_WORDS, strict=True):
        assert w in art.to_dict()["text"]


def test_many_chunks_give_what_one_document_at_a_time_gives(pipeline: Pipeline) -> None:
    """The matcher a stage builds on first use survives the zones (it is built by the warm-up)."""
    text = "President Kassym-Jomart Tokayev of Kazakhstan met Prime Minister Fumio Kishida of Japan in Tokyo."
    many = list(pipeline.run_many([read_text(text) for _ in range(ZONE_DOCS + 2)]))
    one = pipeline.run(read_text(text))
    assert all(a.to_dict()["entities"] == one.to_dict()["entities"] for a in many)
    assert any(e.roles for e in one.entities)  # the titles were found


def test_a_chunk_is_annotated_a_few_documents_at_a_time() -> None:
    """However big a chunk, the pipeline sees at most CODE_DOCS documents / about CODE_CHARS at once."""
    from kronika.batch.code import CODE_CHARS, CODE_DOCS, code_items
    from kronika.errors import Failure

    class Recording:
        def __init__(self) -> None:
            self.sizes: list[int] = []

        def run_many(self, articles):  # type: ignore[no-untyped-def]
            articles = list(articles)
            self.sizes.append(len(articles))
            return articles

    short = [read_text(f"Report number {i} on the talks.") for i in range(CODE_DOCS * 2 + 3)]
    long = [read_text("word " * (CODE_CHARS // 10 - 20) + str(i)) for i in range(4)]  # two fit in the budget
    fail = Failure("x.txt", "unreadable", "read")
    pipe = Recording()
    rows = code_items(pipe, [*short[:5], fail, *short[5:], *long])  # type: ignore[arg-type]
    assert pipe.sizes == [CODE_DOCS, CODE_DOCS, 5, 2]  # the last 3 short ones and 2 long ones, then 2 long
    assert [r["seq"] for r in rows] == list(range(len(short) + len(long) + 1))
    assert rows[5]["error"] is not None and rows[4]["error"] is None
