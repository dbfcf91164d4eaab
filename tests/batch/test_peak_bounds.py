"""What sets a run's peak memory is bounded by settings, not by the corpus (issue 16 item 4).

The parser is given at most ``PARSE_CHARS`` characters at once (its working memory grows with the
text of a batch), and a batch run makes Arrow use the system allocator. Counts and settings only,
never timings or RSS.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kronika.pipeline as pipeline_module
from kronika.pipeline import Pipeline, text_groups
from kronika.read import read_text


def _texts(*sizes: int) -> list[str]:
    return [("word " * (n // 5))[:n] for n in sizes]


def test_groups_are_cut_by_characters_and_keep_the_order() -> None:
    articles = [read_text(t + f" {i}") for i, t in enumerate(_texts(40, 40, 40, 100, 10, 10))]
    groups = list(text_groups(articles, chars=100))
    assert [len(g) for g in groups] == [2, 1, 1, 2]  # 41+41, 41 (+101 would pass 100), 101 alone, 11+12
    assert [a for g in groups for a in g] == articles
    assert [len(g) for g in text_groups(articles, chars=1000, docs=4)] == [4, 2]


def test_the_parser_never_gets_more_than_parse_chars_at_once(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also within one memory zone, and whatever the caller hands ``run_many`` (ingest hands 32)."""
    sentence = "The foreign minister of Kazakhstan met officials in Tashkent on Monday. "
    pipeline.run(read_text(sentence))  # the warm-up document (once per pipeline) is not counted
    calls: list[list[int]] = []
    real = pipeline_module.pipe_safely

    def recording(nlp, texts, batch_size):  # type: ignore[no-untyped-def]
        texts = list(texts)
        calls.append([len(t) for t, _ in texts])
        return real(nlp, texts, batch_size)

    monkeypatch.setattr(pipeline_module, "PARSE_CHARS", 120)
    monkeypatch.setattr(pipeline_module, "pipe_safely", recording)
    articles = [read_text(sentence * (1 + i % 3)) for i in range(7)]
    out = list(pipeline.run_many(articles))
    monkeypatch.undo()
    assert len(out) == len(articles)
    assert sum(len(c) for c in calls) == len(articles) and len(calls) > 1
    assert all(sum(c) <= 120 or len(c) == 1 for c in calls)
    alone = [pipeline.run(read_text(a.text)) for a in articles]
    assert [a.to_dict()["entities"] for a in out] == [a.to_dict()["entities"] for a in alone]


def _arrow_pool_after_a_batch(tmp_path: Path, env: dict[str, str]) -> str:
    """The allocator Arrow uses in a fresh process that ran an (empty) batch before loading pyarrow."""
    code = (
        "import sys\n"
        "from kronika.batch import run_batch\n"
        "run_batch([sys.argv[1]], sys.argv[2])\n"
        "import pyarrow as pa\n"
        "print(pa.default_memory_pool().backend_name)\n"
    )
    (tmp_path / "in").mkdir()
    res = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "in"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return res.stdout.strip().splitlines()[-1]


def test_a_batch_makes_arrow_use_the_system_allocator(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    assert _arrow_pool_after_a_batch(tmp_path, env) == "system"


def test_the_users_choice_of_arrow_allocator_wins(tmp_path: Path) -> None:
    env = {**os.environ, "ARROW_DEFAULT_MEMORY_POOL": "mimalloc"}
    assert _arrow_pool_after_a_batch(tmp_path, env) == "mimalloc"
