"""Keep the mined trigger rows that help on dev data, and only those.

The PETRARCH miner (``kronika.events.mine_petrarch``) proposes thousands of rows; most never fire
on news and some fire wrongly. Each candidate row is judged on dev data only -- the real-news dev
split and the dev half of the PLOVER gold records -- with every candidate loaded after our own
rows:

- real news: an event the row produced that pairs with a gold event of its type, on the gold
  trigger word, is a hit; one that pairs with nothing (or with an event of another type) a false
  positive;
- PLOVER records: the row's event that is the sentence's answer is a hit when its type is the
  coder's, a false positive otherwise.

A row that fired is kept when it has more hits than false positives. A row that never fired on dev
is an expert's pattern for wording dev does not use -- the point of the dictionary on unseen news
-- and ships when it cannot mean much else: its pattern carries a constraint (an object, a
particle: "purchase + helicopter", not bare "purchase"), every candidate row of its lemma and
part of speech gives the same PLOVER type, and no row of that lemma made a false positive on
dev. Bare never-fired verbs were measured and left out: chosen on one dev fold and run on the
other they made 1 hit and 7 false positives ("expect", "intend", "purchase", "render"); the
constrained ones made none of either. The test splits are never read.

Run: ``python -m kronika.evaluate.events_select CANDIDATES.tsv OUT.tsv [REALNEWS_DIR PLOVER_FILE]``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from kronika.evaluate.events import load_gold, primary_event, resolve_data
from kronika.evaluate.events_gold import load_gold_dir
from kronika.evaluate.events_match import TextIndex, locate, match
from kronika.evaluate.events_realnews import analyze_gold, resolve_gold
from kronika.events.lexicon import TriggerRule
from kronika.record import Article, Metadata, Source, Span
from kronika.settings import Settings


def judge(candidates: Path, realnews: Path, plover: Path) -> tuple[Counter[str], Counter[str]]:
    """Hits and false positives per candidate row id, on dev data only."""
    import os

    import kronika.events.lexicon as lexicon_module
    from kronika.events.lexicon import load_lexicon
    from kronika.pipeline import get_pipeline

    # judge the candidates on their own: the rows shipped from an earlier selection are left out
    lexicon_module.MINED_PATH = candidates.parent / "-no-mined-rows-"
    os.environ["KRONIKA_EVENTS_LEXICON"] = str(candidates)
    load_lexicon.cache_clear()
    settings = Settings()
    hits: Counter[str] = Counter()
    false: Counter[str] = Counter()
    mined = {r.id for r in load_lexicon(str(candidates)).rules}

    def row(producer: str) -> str | None:
        rid = producer.removeprefix("rule:")
        return rid if rid in mined else None

    docs = [d for d in load_gold_dir(realnews) if d.split == "dev"]
    for doc, art in zip(docs, analyze_gold(docs, settings), strict=True):
        located = locate(doc, TextIndex(art.text))
        paired = {si: gi for gi, si in match(located, art.events)}
        for si, ev in enumerate(art.events):
            rid = row(ev.producer)
            if rid is None:
                continue
            gi = paired.get(si)
            gold = located[gi].gold if gi is not None else None
            span = located[gi].trigger if gi is not None else None
            on_trigger = span is not None and ev.trigger.start < span[1] and span[0] < ev.trigger.end
            if gold is not None and gold.type == ev.type:
                # a hit only on the annotators' trigger word: a row that fires on "reported" in a
                # sentence whose attack the noun "attack" already gives is no help
                if not gold.optional and on_trigger:
                    hits[rid] += 1
            else:
                false[rid] += 1
    records = [g for g in load_gold(plover) if g.split == "dev"]
    inputs = [
        Article(
            text=g.text,
            source=Source(path=g.id),
            metadata=Metadata(published=g.date),
            paragraphs=[Span(0, len(g.text))],
        )
        for g in records
    ]
    for g, result in zip(records, get_pipeline(settings).run_many(inputs), strict=True):
        pred = primary_event(result.events) if isinstance(result, Article) else None
        rid = row(pred.producer) if pred is not None else None
        if rid is not None:
            (hits if pred is not None and pred.type == g.type else false)[rid] += 1
    return hits, false


def unambiguous(rule: TriggerRule, types: dict[tuple[str, str], set[str]], faulty: set[tuple[str, str]]) -> bool:
    """May a row that never fired on dev ship? Constrained, one type for its lemma, no faulty sibling."""
    key = (rule.lemma, rule.pos)
    return bool(rule.when) and len(types[key]) == 1 and key not in faulty


def select(candidates: Path, out: Path, realnews: Path, plover: Path) -> tuple[int, int]:
    """Write the kept candidate rows (with their provenance) to ``out``; (kept, fired) counts."""
    from kronika.events.lexicon import load_lexicon

    hits, false = judge(candidates, realnews, plover)
    by_id = {r.id: r for r in load_lexicon(str(candidates)).rules}
    lines = candidates.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    kept = []
    unseen = 0
    types: dict[tuple[str, str], set[str]] = {}
    faulty: set[tuple[str, str]] = set()
    for rid, rule in by_id.items():
        types.setdefault((rule.lemma, rule.pos), set()).add(rule.type)
        if false[rid] > hits[rid]:
            faulty.add((rule.lemma, rule.pos))
    for rid, rule in by_id.items():
        line_no = int(rid.rsplit(rule.pos, 1)[1])
        if hits[rid] or false[rid]:
            if hits[rid] > false[rid]:
                kept.append(lines[line_no - 1] + f" dev:{hits[rid]}+/{false[rid]}-")
        elif unambiguous(rule, types, faulty):
            kept.append(lines[line_no - 1] + " dev:unseen")
            unseen += 1
    fired = len(set(hits) | set(false))
    note = (
        f"# kept {len(kept)} of {len(by_id)} candidate rows ({fired} fired on dev): "
        f"{len(kept) - unseen} with more hits than false positives on dev, {unseen} never fired "
        "but constrained and unambiguous"
    )
    out.write_text("\n".join([*header, note, *kept]) + "\n", encoding="utf-8")
    return len(kept), fired


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 4):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    realnews = Path(argv[2]) if len(argv) == 4 else resolve_gold(None)
    plover = Path(argv[3]) if len(argv) == 4 else resolve_data(None)
    kept, fired = select(Path(argv[0]), Path(argv[1]), realnews, plover)
    print(f"kept {kept} rows ({fired} fired on dev) -> {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
