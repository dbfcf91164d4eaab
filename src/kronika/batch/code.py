"""Coding one chunk of documents into raw part rows; the same function in every engine.

The local workers, the in-process mode and the Ray actors all call :func:`code_items`, so an
engine can only change *where* documents are coded, never *how* (the Ray-vs-local test relies on
this).
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterable, Iterator
from typing import Any

from kronika.batch.rows import entity_rows, event_rows
from kronika.errors import Errors, Failure
from kronika.pipeline import PARSE_CHARS, Pipeline, text_groups
from kronika.record import Article

# Fault injection for the retry path (tests and drills): a worker that meets a document containing
# this marker kills itself with SIGKILL, exactly as the OOM killer or an operator would.
FAULT_ENV = "KRONIKA_BATCH_KILL_MARKER"

# The most documents annotated at once (and turned into rows at once), whatever the chunk size:
# the records in flight grow with it. The text is bounded too, by the pipeline's own
# ``PARSE_CHARS`` (the parser's working memory grows with the text parsed at once, and it sets a
# run's peak memory; see kronika.pipeline). With 16 documents at once a 10x corpus peaked 1.18x
# the 1x one (whose chunks stay small); 8 at once costs no speed (benchmarks/throughput.py).
CODE_DOCS = 8
CODE_CHARS = PARSE_CHARS


def maybe_inject_fault(items: list[Article | Failure]) -> None:
    """Called in worker processes only (never in the user's own process)."""
    marker = os.environ.get(FAULT_ENV)
    if marker and any(isinstance(a, Article) and marker in a.text for a in items):
        os.kill(os.getpid(), signal.SIGKILL)


def error_row(seq: int, doc_id: str | None, failure: Failure, **extra: Any) -> dict[str, Any]:
    err = {"id": doc_id, **failure.to_dict(), **extra}
    return {"seq": seq, "id": doc_id, "record": None, "events": None, "entities": None, "error": json.dumps(err)}


def _article_row(seq: int, article: Article) -> dict[str, Any]:
    rec = article.to_dict()
    return {
        "seq": seq,
        "id": article.id,
        "record": json.dumps(rec, ensure_ascii=False),
        "events": json.dumps(event_rows(rec), ensure_ascii=False),
        "entities": json.dumps(entity_rows(rec), ensure_ascii=False),
        "error": None,
    }


def bounded(articles: Iterable[Article], docs: int = CODE_DOCS, chars: int = CODE_CHARS) -> Iterator[list[Article]]:
    """``articles`` in order, in lists of at most ``docs`` documents and about ``chars`` characters."""
    return text_groups(articles, chars, docs)


def _run(pipe: Pipeline, articles: list[Article]) -> list[Article | Failure]:
    """Annotate a list; if the batch as a whole crashes (e.g. inside spaCy), fall back to one by one."""
    try:
        out = list(pipe.run_many(articles))
        if len(out) == len(articles):
            return out
    except Exception:  # one bad document must not fail its neighbours; retried singly below
        pass
    results: list[Article | Failure] = []
    for a in articles:
        try:
            results.extend(pipe.run_many([a]))
        except Exception as exc:
            err = Errors.E300(path=a.source.path, line=a.source.line, reason=f"{type(exc).__name__}: {exc}")
            results.append(Failure.from_error(err, stage="annotate"))
    return results


def code_items(pipe: Pipeline, items: list[Article | Failure], *, start: int = 0) -> list[dict[str, Any]]:
    """Raw rows (``RAW_SCHEMA``) for ``items`` in order: reader failures pass through as errors.

    Articles are annotated a few at a time (:func:`bounded`) and turned into rows (plain strings)
    at once, so memory does not depend on the chunk size."""
    articles = [a for a in items if isinstance(a, Article)]
    coded = (r for group in bounded(articles) for r in _run(pipe, group))
    rows = []
    for i, item in enumerate(items, start):
        if isinstance(item, Failure):
            rows.append(error_row(i, None, item))
            continue
        result = next(coded)
        if isinstance(result, Failure):
            rows.append(error_row(i, item.id, result))
        else:
            rows.append(_article_row(i, result))
    return rows
