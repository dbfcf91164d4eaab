"""A synthetic, news-like corpus for benchmarks and batch tests.

Why our own generator: benchmarks need corpora of any size (1×, 10×, 100×) with realistic
sentence shapes (leaders, states, dates, places, reported speech) and no copyrighted text; the
sentences are composed from small vocabularies written for this module, seeded so a run is
reproducible.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_STATES = [
    ("Kazakhstan", "Kazakh", "Astana", "President Kassym-Jomart Tokayev"),
    ("Uzbekistan", "Uzbek", "Tashkent", "President Shavkat Mirziyoyev"),
    ("Kyrgyzstan", "Kyrgyz", "Bishkek", "President Sadyr Japarov"),
    ("Tajikistan", "Tajik", "Dushanbe", "President Emomali Rahmon"),
    ("Turkmenistan", "Turkmen", "Ashgabat", "President Serdar Berdimuhamedov"),
    ("Russia", "Russian", "Moscow", "President Vladimir Putin"),
    ("China", "Chinese", "Beijing", "President Xi Jinping"),
    ("Germany", "German", "Berlin", "Chancellor Olaf Scholz"),
    ("France", "French", "Paris", "President Emmanuel Macron"),
    ("Turkey", "Turkish", "Ankara", "President Recep Tayyip Erdogan"),
    ("Ukraine", "Ukrainian", "Kyiv", "President Volodymyr Zelensky"),
    ("Belarus", "Belarusian", "Minsk", "President Alexander Lukashenko"),
    ("Japan", "Japanese", "Tokyo", "Prime Minister Fumio Kishida"),
    ("India", "Indian", "New Delhi", "Prime Minister Narendra Modi"),
    ("Brazil", "Brazilian", "Brasilia", "President Luiz Inacio Lula da Silva"),
]
_ORGS = [
    "the European Union",
    "the United Nations",
    "NATO",
    "the Shanghai Cooperation Organisation",
    "the Collective Security Treaty Organization",
    "the Eurasian Economic Union",
    "the World Bank",
    "the International Monetary Fund",
]
_TOPICS = [
    "energy transit",
    "water sharing on the Syr Darya",
    "a new rail corridor",
    "border demarcation",
    "grain exports",
    "sanctions enforcement",
    "migrant labour",
    "a gas pipeline",
    "regional security",
    "customs duties",
    "a disputed dam project",
    "visa-free travel",
]
_ACTIONS = [
    "{a} met {b} in {place} on {date} to discuss {topic}.",
    "{a} criticized {b} for its stance on {topic}, officials said on {date}.",
    "{a} and {b} signed an agreement on {topic} in {place} {rel}.",
    "{a} accused {b} of violating the terms of a deal on {topic}.",
    "Officials in {place} said {a} would host {b} {rel} for talks on {topic}.",
    "{a} rejected a proposal from {b} on {topic}, according to a statement released {rel}.",
    "{a} promised {b} financial support for {topic} during a visit to {place}.",
    "Protesters gathered outside the {demonym} embassy in {place} {rel}, demanding a change of course on {topic}.",
    "{a} threatened to impose tariffs on {b} unless talks on {topic} resumed before {date}.",
    "{a} praised {b} for its cooperation on {topic} at a summit in {place}.",
    "{a} expelled two diplomats from {b} after a row over {topic}.",
    "{a} called on {b} to release detained journalists, a spokesperson said {rel}.",
    "Troops from {a} took part in joint exercises with {b} near {place} for {n} days.",
    "{a} denied reports that it had cut supplies to {b} over {topic}.",
    "Analysts in {place} expect {a} to seek closer ties with {b} on {topic} over the next {n} months.",
]
_COLOUR = [
    "The talks lasted {n} hours, longer than planned.",
    "Neither side published the full text of the documents.",
    "Observers noted that the meeting came {n} weeks after a similar round in {place}.",
    "The statement did not mention {topic}, which had dominated earlier discussions.",
    "Trade between the two countries grew by {n} percent last year, according to official figures.",
    "Local media reported that {n} agreements were prepared in advance.",
    "The ministry declined to comment on the details.",
    "Critics at home said the government had conceded too much on {topic}.",
]
_REL = ["on Monday", "on Tuesday", "on Wednesday", "last week", "next month", "yesterday", "earlier this year"]


def _actor(rng: random.Random) -> tuple[str, str]:
    """An actor phrase and the demonym of its state (varied: leader, state, capital, org)."""
    state, demonym, _capital, leader = rng.choice(_STATES)
    kind = rng.random()
    if kind < 0.35:
        return f"{state}'s {leader}", demonym
    if kind < 0.6:
        return state, demonym
    if kind < 0.75:
        return f"the {demonym} government", demonym
    if kind < 0.85:
        return f"{leader.split()[-1]}", demonym
    return rng.choice(_ORGS), demonym


def make_article(rng: random.Random, index: int, paragraphs: tuple[int, int] = (4, 9)) -> dict[str, Any]:
    """One synthetic news item as a JSON Lines row (``id``, ``title``, ``text``, ``published``, ``url``)."""
    published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
    paras: list[str] = []
    for _ in range(rng.randint(*paragraphs)):
        sents = []
        for _ in range(rng.randint(2, 4)):
            a, demonym = _actor(rng)
            b, _ = _actor(rng)
            while b == a:
                b, _ = _actor(rng)
            date = published - dt.timedelta(days=rng.randrange(0, 30))
            fields = {
                "a": a,
                "b": b,
                "demonym": demonym,
                "place": rng.choice(_STATES)[2],
                "date": f"{date:%B} {date.day}",
                "topic": rng.choice(_TOPICS),
                "rel": rng.choice(_REL),
                "n": rng.randint(2, 40),
            }
            tmpl = rng.choice(_ACTIONS) if rng.random() < 0.7 else rng.choice(_COLOUR)
            sent = tmpl.format(**fields)
            sents.append(sent[0].upper() + sent[1:])
        paras.append(" ".join(sents))
    title_actor, _ = _actor(rng)
    title = f"{title_actor[0].upper() + title_actor[1:]} and {rng.choice(_TOPICS)}"
    return {
        "id": f"synth-{index}",
        "title": title,
        "published": published.isoformat(),
        "url": f"https://news.example.org/{published:%Y/%m/%d}/story-{index}",
        "text": "\n\n".join(paras),
    }


def iter_corpus(n_docs: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for i in range(n_docs):
        yield make_article(rng, i)


def write_corpus(out_dir: Path, n_docs: int, *, shards: int = 1, seed: int = 0, gz: bool = True) -> list[Path]:
    """Write ``n_docs`` synthetic articles as ``shards`` JSON Lines files (gzip by default)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = ".jsonl.gz" if gz else ".jsonl"
    paths = [out_dir / f"shard-{i:04d}{suffix}" for i in range(shards)]
    with contextlib.ExitStack() as stack:
        opener = gzip.open if gz else open
        handles = [stack.enter_context(opener(p, "wt", encoding="utf-8")) for p in paths]
        for i, row in enumerate(iter_corpus(n_docs, seed)):
            handles[i % shards].write(json.dumps(row, ensure_ascii=False) + "\n")
    return paths
