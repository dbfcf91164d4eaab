"""Formats and bad input: every failure names the file (and line) and the reason; good documents still come out."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from kronika.errors import Failure, ReadError
from kronika.read import read_inputs, read_text
from kronika.record import Article, Source
from kronika.settings import Settings

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "read"
ANNOTATED = FIX / "annotated"
TEXT = "A Plain Title\n\nThe first paragraph says something about a summit.\n\nThe second one ends here.\n"


def _read(*paths: Path | str, **settings: object) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths], Settings().with_(**settings) if settings else Settings()))


def _one(path: Path | str, **settings: object) -> Article:
    (item,) = _read(path, **settings)
    assert isinstance(item, Article), item
    return item


def _failure(path: Path | str, **settings: object) -> Failure:
    (item,) = _read(path, **settings)
    assert isinstance(item, Failure), item
    return item


def test_plain_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(TEXT)
    a = _one(p)
    assert a.metadata.title == "A Plain Title"
    assert len(a.paragraphs) == 2 and a.source.format == "text" and a.source.path == str(p)
    assert a.id and a.id == Article(text=a.text).id


def test_markdown_html_and_gz(tmp_path: Path) -> None:
    md = _one(ANNOTATED / "front-matter.md")
    assert md.source.format == "markdown" and "**" not in md.text
    page = _one(ANNOTATED / "page.html")
    assert page.source.format == "html" and page.metadata.language == "en"
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress((ANNOTATED / "page.html").read_bytes()))
    assert _one(gz).text == page.text


def test_jsonl_fields_taken_as_given_and_broken_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "d1",
                "text": "Body of the first one. It ends.",
                "title": "T1",
                "published": "2023-05-09",
                "url": "https://e.example/1",
                "authors": ["Ann Lee", {"name": "Bo Park", "affiliation": "X Institute"}],
                "publication": "Wire",
            }
        ),
        "{not json",
        json.dumps({"title": "no text here"}),
        "",
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps(["a list"]),
        json.dumps({"text": "Second good document, with no date at all."}),
    ]
    p = tmp_path / "c.jsonl"
    p.write_text("\n".join(lines) + "\n")
    out = _read(p)
    assert [type(x).__name__ for x in out] == [
        "Article",
        "Failure",
        "Failure",
        "Failure",
        "Failure",
        "Failure",
        "Article",
    ]
    first, last = out[0], out[-1]
    assert isinstance(first, Article) and isinstance(last, Article)
    md = first.metadata
    assert (md.title, md.published, md.url, md.publication) == ("T1", "2023-05-09", "https://e.example/1", "Wire")
    assert [(x.name, x.affiliation) for x in md.authors] == [("Ann Lee", None), ("Bo Park", "X Institute")]
    assert first.source.id == "d1" and first.source.line == 1 and first.source.format == "jsonl"
    assert last.metadata.published is None and any("no publication date" in n for n in last.notes)
    fails = [x for x in out if isinstance(x, Failure)]
    assert [f.line for f in fails] == [2, 3, 5, 6, 7]
    assert all(f.path == str(p) for f in fails)
    assert "not valid JSON" in fails[0].reason and '"text" field is missing' in fails[1].reason
    assert f"{p}:2: " in str(fails[0])


def test_json_array_and_object(tmp_path: Path) -> None:
    p = tmp_path / "arr.json"
    p.write_text(json.dumps([{"text": "One document here."}, {"text": "Another document here."}]))
    assert [a.source.line for a in _read(p)] == [1, 2]
    q = tmp_path / "obj.json"
    q.write_text(json.dumps({"text": "Only document.", "title": "Solo"}))
    assert _one(q).metadata.title == "Solo"


def test_folder_recursive_by_extension(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(TEXT)
    (tmp_path / "sub" / "a.md").write_text(TEXT)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text(TEXT)
    out = _read(tmp_path)
    assert [Path(a.source.path).name for a in out] == ["b.txt", "a.md"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no readable documents" in _failure(empty).reason


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    a = _one("-")
    assert a.source.path == "-" and a.metadata.title == "A Plain Title"


def test_overrides_win(tmp_path: Path) -> None:
    a = _one(ANNOTATED / "byline-dateline.txt", published="2020-01-02", title="Other", url="https://o.example")
    assert (a.metadata.published, a.metadata.title, a.metadata.url) == ("2020-01-02", "Other", "https://o.example")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty document"),
        ("blank.txt", b" \n\n \t\n", "empty document"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        ("ctrl.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 50, "binary file"),
        ("broken.txt.gz", b"\x1f\x8b\x08\x00garbage", "gzip"),
        ("nothing.html", b"<<<>>>", "no article text"),
    ],
)
def test_bad_files_name_file_and_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    f = _failure(p)
    assert f.path == str(p) and reason in f.reason and f.code.startswith("E")


def test_missing_and_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "no such file" in _failure(tmp_path / "nope.txt").reason
    p = tmp_path / "locked.txt"
    p.write_text(TEXT)

    def denied(self: Path, *args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)  # chmod does not stop root, so simulate the OS refusing
    f = _failure(p)
    assert f.path == str(p) and "permission denied" in f.reason


def test_over_size_limit_and_flag(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text(TEXT * 20)
    f = _failure(p, max_bytes=100)
    assert "size limit" in f.reason and "--max-bytes" in f.reason
    assert isinstance(_one(p, max_bytes=10_000), Article)
    gz = tmp_path / "big.txt.gz"
    gz.write_bytes(gzip.compress((TEXT * 200).encode()))  # small on disk, large once decompressed
    assert "size limit" in _failure(gz, max_bytes=2_000).reason


def test_non_utf8_encoding_is_detected(tmp_path: Path) -> None:
    text = (
        "Türkiye’s Position\n\nAnkara’s diplomats said the café talks in Istanbul were “useful” — "
        "and that Türkiye would keep its façade of neutrality. Les élèves déjà partis.\n"
    ) * 3
    p = tmp_path / "latin.txt"
    p.write_bytes(text.encode("cp1252", errors="replace"))
    a = _one(p)
    assert "café" in a.text and "façade" in a.text
    q = tmp_path / "utf16.txt"
    q.write_bytes(TEXT.encode("utf-16"))
    assert _one(q).metadata.title == "A Plain Title"


def test_malformed_html_does_not_crash(tmp_path: Path) -> None:
    p = tmp_path / "broken.html"
    p.write_text(
        "<html><head><title>Broken page</title><body><div><p>Unclosed <b>bold and <i>italic "
        + "text about the border talks between the two governments, which went on for hours. " * 8
        + "</span></td><p>Another paragraph <a href='x'>with a link</p></div"
    )
    a = _one(p)
    assert "border talks" in a.text


def test_malformed_html_that_yields_nothing_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    p = tmp_path / "tags.html"
    p.write_text("<html><head></head><body><script>var x = 1;</script></body></html>")
    assert "HTML" in _failure(p).reason


def test_good_documents_still_come_out_around_failures(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = _read(good, tmp_path / "missing.txt", empty, good)
    assert [type(x).__name__ for x in out] == ["Article", "Failure", "Failure", "Article"]


def test_read_text_api() -> None:
    a = read_text(TEXT, settings=Settings().with_(published="2023-01-02"))
    assert a.metadata.published == "2023-01-02" and a.metadata.title == "A Plain Title"
    with pytest.raises(ReadError):
        read_text("   \n")


def test_fixture_corpus_with_a_broken_line() -> None:
    path = FIX / "corpus-broken.jsonl"
    out = _read(path)
    assert [type(x).__name__ for x in out] == ["Article", "Failure", "Failure", "Article"]
    first = out[0]
    assert isinstance(first, Article)
    assert first.text.endswith("His office said the decision was made at short notice.")
    assert first.metadata.authors[0].name == "Dana Abenova" and first.source.id == "a1"
    assert [(f.line, f.path) for f in out if isinstance(f, Failure)] == [(2, str(path)), (3, str(path))]


def test_cite_command_refuses_over_size_with_a_clear_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kronika.cli import app

    p = tmp_path / "big.txt"
    p.write_text(TEXT * 50)
    res = CliRunner().invoke(app, ["cite", str(p), "--max-bytes", "100"])
    assert res.exit_code == 2
    assert f"{p}: [E104]" in res.output and "Traceback" not in res.output
    assert CliRunner().invoke(app, ["cite", str(p), "--max-bytes", "100000"]).exit_code == 0


def test_html_without_title_does_not_take_the_byline_for_one() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="Site"></head><body><article><p>By Jane Doe</p>'
        "<p>March 3, 2024</p><p>The first paragraph of a page with no title says plenty about the talks in Astana "
        "that went on for hours.</p><p>A second paragraph adds what officials in both capitals said later.</p>"
        "</article></body></html>"
    )
    a = read_text(html, source=Source(format="html"))
    assert a.metadata.title is None and [x.name for x in a.metadata.authors] == ["Jane Doe"]
    assert a.metadata.published == "2024-03-03" and len(a.paragraphs) == 2
    assert [b.kind for b in a.boilerplate] == ["byline", "other"]


def test_given_title_repeated_in_the_text_is_dropped_once(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(
        json.dumps({"title": "Talks Resume in Astana | Site", "text": "Talks Resume in Astana\n\nThe talks resumed."})
        + "\n"
        + json.dumps({"title": "Astana", "text": "Astana Talks Today\n\nThe talks resumed."})
        + "\n"
    )
    first, second = _read(p)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "The talks resumed."
    assert second.text.startswith("Astana Talks Today")


def test_stdin_jsonl_and_gzipped_corpus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    corpus = (FIX / "corpus-broken.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(corpus)))
    out = _read("-")
    assert [type(x).__name__ for x in out] == ["Article", "Failure", "Failure", "Article"]
    assert out[0].source.format == "jsonl" and out[1].path == "-" and out[1].line == 2
    gz = tmp_path / "corpus.jsonl.gz"
    gz.write_bytes(gzip.compress(corpus))
    assert [x.text for x in _read(gz) if isinstance(x, Article)] == [x.text for x in out if isinstance(x, Article)]


def test_html_relative_links_resolved_against_the_page_url() -> None:
    html = (
        '<html><head><title>T</title><link rel="canonical" href="https://ex.example/news/a"></head><body><article>'
        "<h1>Some Headline Here</h1><p>The first paragraph is long enough to be kept by the extractor; it talks "
        'about <a href="/tags/astana">Astana talks</a> in detail and more.</p><p>The second paragraph also has '
        "enough words in it to be kept as main content of the page.</p></article></body></html>"
    )
    a = read_text(html, source=Source(format="html"))
    (link,) = a.links
    assert (link.text, link.href) == ("Astana talks", "https://ex.example/tags/astana")
    assert a.text[link.start : link.end] == "Astana talks"
