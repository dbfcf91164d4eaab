"""Issue 13 items 2, 3, 6 and the reader's part of 9: every source is read with limits and bounded
memory, JSON Lines is streamed, odd file names and special files never crash or hang a run."""

from __future__ import annotations

import gzip
import io
import json
import os
import threading
import tracemalloc
from pathlib import Path

import pytest

from kronika.errors import Failure
from kronika.read import read_inputs
from kronika.read.inputs import display_name, read_stream, split_lines
from kronika.record import Article
from kronika.settings import Settings

TEXT = "Kazakhstan signed a trade deal with Uzbekistan in Astana on Monday, officials said."


def _read(*paths: Path | str, **changes: object) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths], Settings().with_(**changes)))


def _kinds(items: list[Article | Failure]) -> list[str]:
    return [type(i).__name__ for i in items]


def _jsonl(n: int, words: int = 40) -> bytes:
    # English filler with function words, so the reader settles the language cheaply (langdetect
    # on text the function words cannot settle costs ~20 ms a document: not what is tested here)
    return b"".join(
        json.dumps(
            {
                "id": i,
                "title": f"Report {i}",
                "text": f"{TEXT} Item {i}. "
                + "The talks went on in the capital for the rest of the day. " * (words // 3),
            }
        ).encode()
        + b"\n"
        for i in range(n)
    )


# -- item 2: JSON Lines streamed, the limit per document ---------------------------------------------


def test_the_limit_applies_to_each_document_not_to_the_shard(tmp_path: Path) -> None:
    shard = tmp_path / "shard.jsonl.gz"
    data = _jsonl(300)
    shard.write_bytes(gzip.compress(data))
    limit = len(data) // 50  # the shard unpacks to 50x the limit; every document is well under it
    out = _read(shard, max_bytes=limit)
    assert _kinds(out) == ["Article"] * 300
    assert out[-1].source.line == 300


def test_a_line_over_the_limit_fails_alone(tmp_path: Path) -> None:
    big = json.dumps({"text": TEXT + " padding" * 5000}).encode()
    (tmp_path / "c.jsonl").write_bytes(_jsonl(2) + big + b"\n" + _jsonl(1))
    out = _read(tmp_path / "c.jsonl", max_bytes=10_000)
    assert _kinds(out) == ["Article", "Article", "Failure", "Article"]
    assert out[2].line == 3 and out[2].code == "E104" and "size limit" in out[2].reason


def test_json_lines_memory_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    """Reading holds one line at a time: the peak of Python allocations while streaming a corpus
    is far below its size (the old reader decoded and split the whole file first)."""
    shard = tmp_path / "big.jsonl.gz"
    data = _jsonl(1500, words=400)  # about 10 MB unpacked
    shard.write_bytes(gzip.compress(data))
    _read(tmp_path / "big.jsonl.gz", max_bytes=100)  # warm the imports and caches
    tracemalloc.start()
    n = sum(1 for item in read_inputs([str(shard)], Settings()) if isinstance(item, Article))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert n == 1500
    assert peak < len(data) / 4, f"peak {peak} bytes for a {len(data)}-byte corpus"


def test_split_lines_skips_a_long_line_without_holding_it() -> None:
    chunks = [b"ab\ncd", b"e" * 50, b"e\nfg", b"\n\nlast"]
    assert list(split_lines(chunks, 10)) == [(1, b"ab"), (2, None), (3, b"fg"), (4, b""), (5, b"last")]
    assert list(split_lines([b"x" * 11], 10)) == [(1, None)]
    assert list(split_lines([], 10)) == []


def test_stdin_json_lines_are_recognised_and_streamed() -> None:
    stream = io.BytesIO(_jsonl(3) + b"not json\n")
    out = list(read_stream(stream, "-", None, Settings().with_(max_bytes=2000)))
    assert _kinds(out) == ["Article", "Article", "Article", "Failure"]
    assert out[3].line == 4 and out[3].code == "E110"


def test_a_big_dot_json_file_of_json_lines_is_streamed(tmp_path: Path) -> None:
    (tmp_path / "corpus.json").write_bytes(_jsonl(20))
    assert _kinds(_read(tmp_path / "corpus.json", max_bytes=2000)) == ["Article"] * 20


def test_deeply_nested_json_fails_alone(tmp_path: Path) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    (tmp_path / "c.jsonl").write_bytes(_jsonl(1) + deep + b"\n" + _jsonl(1))
    out = _read(tmp_path / "c.jsonl")
    assert _kinds(out) == ["Article", "Failure", "Article"]
    assert out[1].code == "E119" and "nested too deeply" in out[1].reason
    (tmp_path / "deep.json").write_bytes(deep)
    assert _kinds(_read(tmp_path / "deep.json")) == ["Failure"]


# -- item 6: pipes, FIFOs and devices ------------------------------------------------------------------


def test_limits_apply_to_devices_and_pipes() -> None:
    (out,) = _read("/dev/zero", max_bytes=1000)  # stat says 0 bytes; the bytes read say otherwise
    assert isinstance(out, Failure) and out.code == "E104"


def test_a_fifo_named_as_input_is_read_with_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def writer() -> None:
        try:
            with open(fifo, "wb") as fh:
                for _ in range(2000):
                    fh.write(TEXT.encode() * 100)
        except BrokenPipeError:
            pass  # the reader stopped at the limit and closed its end

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    (out,) = _read(fifo, max_bytes=50_000)
    t.join()
    assert isinstance(out, Failure) and out.code == "E104"


def test_special_files_and_links_in_folders_are_reported_not_opened(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT)
    (folder / "sub" / "b.txt").write_text(TEXT + " Again.")
    os.mkfifo(folder / "feed.txt")  # opening it would wait for a writer forever
    (folder / "elsewhere").symlink_to(tmp_path / "other", target_is_directory=True)
    (tmp_path / "other").mkdir()
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    out = _read(folder)
    by_path = {Path(i.path if isinstance(i, Failure) else i.source.path).name: i for i in out}
    assert isinstance(by_path["a.txt"], Article) and isinstance(by_path["b.txt"], Article)
    assert by_path["feed.txt"].code == "E116" and "FIFO" in by_path["feed.txt"].reason
    assert by_path["elsewhere"].code == "E117"
    assert by_path["gone.txt"].code == "E107"


def test_an_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text(TEXT)
    (folder / "a.txt").write_text(TEXT)
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]  # chmod does not stop root; simulate the OS refusing
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = _read(folder)
    assert _kinds(out) == ["Article", "Failure"]
    assert out[1].path.endswith("locked") and out[1].code == "E118" and "permission denied" in out[1].reason


# -- item 3 and 9: file names ------------------------------------------------------------------------------


def test_display_name_is_valid_utf8_on_one_line() -> None:
    latin1 = os.fsdecode(b"caf\xe9.txt")  # how Python carries a Latin-1 name from the file system
    assert display_name(latin1) == "caf\\xe9.txt"
    assert display_name("evil\nkronika: error: x.txt") == "evil\\nkronika: error: x.txt"
    assert display_name("\u202etxt.exe") == "\\u202etxt.exe"
    assert display_name("plain/café.txt") == "plain/café.txt"
    assert display_name("\ud800.txt").encode("utf-8")  # not from the file system, still printable


def test_a_non_utf8_file_name_is_read_and_shown_safely(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as fh:
        fh.write(TEXT.encode())
    (a,) = _read(tmp_path / "in")
    assert isinstance(a, Article) and a.source.path.endswith("caf\\xe9.txt")
    json.dumps(a.to_dict(), ensure_ascii=False).encode("utf-8")  # would raise on a surrogate


def test_a_newline_in_a_file_name_cannot_forge_an_error_line(tmp_path: Path) -> None:
    (tmp_path / "evil\nkronika: error: forged.txt").write_bytes(b"\x00binary")
    (f,) = _read(tmp_path)
    assert isinstance(f, Failure) and "\n" not in str(f)


# -- item 9: JSON Lines fields ----------------------------------------------------------------------------------


def test_a_list_title_is_joined_and_other_shapes_are_ignored_with_a_note(tmp_path: Path) -> None:
    rows = [
        {"text": TEXT, "title": ["Deal signed", "in Astana"], "id": 7},
        {"text": TEXT + " Two.", "title": {"en": "A dict"}, "url": ["http://a", "http://b"], "published": [2023]},
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    a, b = _read(tmp_path / "c.jsonl")
    assert a.metadata.title == "Deal signed in Astana" and a.source.id == "7"
    assert "{" not in (b.metadata.title or "") and "[" not in (b.metadata.url or "")
    assert any('"title" field is not text' in n for n in b.notes)
    assert any('"url" field is not text' in n for n in b.notes)


def test_lone_surrogates_in_json_strings_do_not_reach_the_output(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": TEXT + " \ud800 end.", "title": "x\udcff"}))
    (a,) = _read(tmp_path / "c.jsonl")
    json.dumps(a.to_dict(), ensure_ascii=False).encode("utf-8")
    assert "\ufffd" in a.text
