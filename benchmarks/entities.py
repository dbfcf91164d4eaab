"""Throughput of the actors stage against bare spaCy on the same text (prints JSON, asserts nothing).

    python benchmarks/entities.py [--data ../shared/data/meantime-dev] [--repeat 5] [--model NAME]

Three timings on the same corpus (MEANTIME's 60 Wikinews articles, repeated):
- ``spacy``: the plain model, ``nlp.pipe`` over the texts;
- ``kronika_parse``: the same model with the KB ruler added (what every kronika stage receives);
- ``kronika_actors``: that parse plus the actors stage (the entities of the record).
The ratios are kronika words/s over bare spaCy words/s (1.0 = no cost; the project's floor for the
whole pipeline is 0.5).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=None, help="MEANTIME folder (default ../shared/data/meantime-dev)")
    ap.add_argument("--repeat", type=int, default=5, help="how many times the corpus is repeated")
    ap.add_argument("--model", default=None, help="spaCy model (default: the kronika setting)")
    args = ap.parse_args()

    import spacy

    from kronika.evaluate.entities import iter_docs, resolve_data
    from kronika.pipeline import Pipeline
    from kronika.record import Article, Metadata
    from kronika.settings import Settings

    settings = Settings() if args.model is None else Settings(model=args.model)
    docs = list(iter_docs(resolve_data(args.data)))
    texts = [d.text for d in docs] * args.repeat
    dates = [d.dct for d in docs] * args.repeat
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(settings.model)
    list(bare.pipe(texts[:10]))  # warm-up
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=settings.batch_size):
        pass
    t_bare = time.perf_counter() - t0

    pipe = Pipeline(settings, stages=["kronika.actors.resolve.v1"])
    nlp = pipe.nlp
    list(nlp.pipe(texts[:10]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    t_parse = time.perf_counter() - t0

    arts = [Article(text=t, metadata=Metadata(published=d, language="en")) for t, d in zip(texts, dates, strict=True)]
    t0 = time.perf_counter()
    n_entities = sum(len(a.entities) for a in pipe.run_many(arts) if isinstance(a, Article))
    t_actors = time.perf_counter() - t0

    # The stage alone, on documents parsed beforehand (so machine noise in the parse does not hide it).
    from kronika.actors.stage import actors_stage
    from kronika.pipeline import StageContext

    parsed = list(nlp.pipe(texts[: len(docs)], batch_size=settings.batch_size))
    t0 = time.perf_counter()
    for doc, d in zip(parsed, dates, strict=False):
        actors_stage(
            Article(text=doc.text, metadata=Metadata(published=d, language="en")), StageContext(settings, nlp, doc)
        )
    t_stage = time.perf_counter() - t0
    stage_words = sum(len(t.split()) for t in texts[: len(docs)])

    def rate(sec: float) -> float:
        return round(words / sec, 1)

    print(
        json.dumps(
            {
                "corpus": {"documents": len(texts), "words": words, "source": str(Path(resolve_data(args.data)))},
                "model": settings.model,
                "spacy": {"seconds": round(t_bare, 3), "words_per_s": rate(t_bare)},
                "kronika_parse": {"seconds": round(t_parse, 3), "words_per_s": rate(t_parse)},
                "kronika_actors": {
                    "seconds": round(t_actors, 3),
                    "words_per_s": rate(t_actors),
                    "entities": n_entities,
                },
                "ratio_parse_vs_spacy": round(t_bare / t_parse, 3),
                "ratio_actors_vs_spacy": round(t_bare / t_actors, 3),
                "actors_stage_alone": {"seconds": round(t_stage, 3), "words_per_s": round(stage_words / t_stage, 1)},
                "stage_cost_vs_spacy_parse": round((t_stage / stage_words) / (t_bare / words), 4),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
