"""Fuzzing every reader (issue 13, "what to show"): arbitrary bytes in any format, arbitrary JSON
documents, arbitrary file names -> only records and failures come out; nothing raises.

Bounded for CI: each test runs a fixed number of examples (a few seconds each on 2 cores); the
``ci`` profile in tests/conftest.py makes them the same examples on every run.
"""

from __future__ import annotations

import gzip
import io
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kronika.errors import Failure, ReadError
from kronika.read import read_text
from kronika.read.decode import decode
from kronika.read.inputs import display_name, read_stream, split_lines
from kronika.record import Article, Source
from kronika.settings import Settings

FUZZ = settings(
    max_examples=int(os.environ.get("KRONIKA_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SETTINGS = Settings().with_(max_bytes=20_000)
FORMATS = [None, "text", "markdown", "html", "jsonl", "json"]

# Bytes that look like documents often enough to get past the first checks: markup, JSON, words.
words = st.sampled_from(
    ["Kazakhstan", "signed", "a deal", "on Monday", ".", "\n", "\n\n", "By Ann Lee", "©", "<p>", "</p>", "<div>",
     "<html>", "{", "}", '"text":', '"title":', "[", "]", ",", "\x00", "\ufeff", "é", "\u202e", "\r\n", "  "]
)  # fmt: skip
texty = st.lists(words, max_size=60).map("".join)
raw = st.one_of(
    st.binary(max_size=3000), texty.map(lambda s: s.encode("utf-8")), texty.map(lambda s: s.encode("cp1252", "replace"))
)
FIELDS = st.sampled_from(["text", "title", "published", "url", "id", "authors", "author", "publication", "x"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40) | texty,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(FIELDS, inner, max_size=6),
    max_leaves=20,
)


def _drain(items) -> list[Article | Failure]:
    out = list(items)
    for item in out:
        assert isinstance(item, Article | Failure), item
        if isinstance(item, Article):
            json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")  # valid UTF-8 all the way
            assert item.text.strip()
        else:
            assert item.reason and "\n" not in str(item)
    return out


@FUZZ
@given(data=raw, fmt=st.sampled_from(FORMATS))
def test_any_bytes_in_any_format(data: bytes, fmt: str | None) -> None:
    _drain(read_stream(io.BytesIO(data), "fuzz", fmt, SETTINGS))


@FUZZ
@given(data=raw, fmt=st.sampled_from(FORMATS))
def test_any_bytes_gzipped_or_pretending_to_be(data: bytes, fmt: str | None) -> None:
    _drain(read_stream(gzip.GzipFile(fileobj=io.BytesIO(gzip.compress(data))), "fuzz.gz", fmt, SETTINGS))
    _drain(read_stream(gzip.GzipFile(fileobj=io.BytesIO(data)), "fuzz.gz", fmt, SETTINGS))  # not gzip at all


@FUZZ
@given(docs=st.lists(json_values, max_size=6), joiner=st.sampled_from([b"\n", b"\r\n", b"\n\n"]))
def test_json_lines_of_any_json(docs: list, joiner: bytes) -> None:
    data = joiner.join(json.dumps(d).encode() for d in docs)
    for fmt in ("jsonl", "json", None):
        _drain(read_stream(io.BytesIO(data), "fuzz.jsonl", fmt, SETTINGS))


@FUZZ
@given(doc=json_values)
def test_a_json_document_of_any_shape(doc: object) -> None:
    _drain(read_stream(io.BytesIO(json.dumps(doc).encode()), "fuzz.json", "json", SETTINGS))


@FUZZ
@given(text=st.one_of(texty, st.text(max_size=2000)), html=st.booleans())
def test_read_text_raises_only_read_errors(text: str, html: bool) -> None:
    try:
        _drain([read_text(text, settings=SETTINGS, source=Source(format="html" if html else "text"))])
    except ReadError as exc:
        assert exc.message


@FUZZ
@given(data=raw)
def test_decode_raises_only_read_errors(data: bytes) -> None:
    try:
        text = decode(data, "fuzz")
    except ReadError:
        return
    assert isinstance(text, str)


@FUZZ
@given(name=st.binary(min_size=1, max_size=60))
def test_any_file_name_is_shown_as_one_line_of_utf8(name: bytes) -> None:
    shown = display_name(os.fsdecode(name))
    shown.encode("utf-8")
    assert "\n" not in shown and "\r" not in shown and "\x00" not in shown


@FUZZ
@given(lines=st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=20), cut=st.integers(1, 50))
def test_split_lines_gives_back_every_line(lines: list[bytes], cut: int) -> None:
    data = b"\n".join(lines)
    chunks = [data[i : i + cut] for i in range(0, len(data), cut)]
    out = list(split_lines(chunks, 40))
    expected = data.split(b"\n")[: -1 if data.endswith(b"\n") else None] if data else []
    assert out == list(enumerate(expected, 1))  # every line back, in order, none over the limit here
