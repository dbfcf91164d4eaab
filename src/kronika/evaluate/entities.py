"""``kronika evaluate entities``: typed named mentions on MEANTIME, ours side by side with bare spaCy.

Gold: MEANTIME (English Wikinews) entity mentions whose ``syntactic_type`` is NAM or PRE.NAM,
typed PER/ORG/LOC through their ``REFERS_TO`` relation to an ``ENTITY`` instance. Only sentences
0-5 are annotated, so predictions are scored only there. A prediction is correct when it
overlaps a gold mention of the same type (relaxed match); each gold mention is matched once.

The baseline is the same spaCy model loaded plainly (no kronika ruler), its ``doc.ents`` mapped
PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC, run on the same text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kronika.actors.lexicon import TITLES
from kronika.errors import Errors
from kronika.evaluate.report import PRF, Report
from kronika.record import Article, Entity, Metadata
from kronika.settings import Settings

DEFAULT_DATA = "data/meantime-dev"
TYPES = ("PER", "ORG", "LOC")
SCORED_SENTENCES = 6  # sentences 0-5: title, date line, first four body sentences
NAMED = ("NAM", "PRE.NAM")
OURS = {"PERSON": "PER", "STATE": "LOC", "PLACE": "LOC", "ORG": "ORG", "IGO": "ORG"}
BARE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


@dataclass
class GoldDoc:
    name: str
    text: str
    limit: int  # end offset of the last scored sentence
    dct: str | None
    gold: list[tuple[int, int, str]]


def resolve_data(data: str | None) -> Path:
    """The data folder: ``--data``, else the vendored ``data/meantime-dev`` of the project (from its root,
    or the current directory for an installed kronika). Missing data is an error, never a skip."""
    if data:
        path = Path(data)
    else:
        here = Path(__file__).resolve().parents[3] / DEFAULT_DATA
        path = here if here.exists() else Path.cwd() / DEFAULT_DATA
    if not path.is_dir():
        raise Errors.E216(path=str(path))
    return path


def read_meantime(path: Path) -> GoldDoc:
    """One MEANTIME XML file as text (tokens joined by spaces, one line per sentence) and gold spans."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise Errors.E217(path=str(path), error=exc) from None
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    pos, prev_sent, limit = 0, None, 0
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        word = tok.text or ""
        if prev_sent is not None:
            sep = " " if sent == prev_sent else "\n"
            parts.append(sep)
            pos += 1
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        if sent < SCORED_SENTENCES:
            limit = pos
        prev_sent = sent
    ent_type = {e.get("m_id"): e.get("ent_type") for e in root.iter("ENTITY")}
    refers = {}
    for rel in root.iter("REFERS_TO"):
        tgt = rel.find("target")
        for src in rel.findall("source"):  # one relation lists every mention of the instance
            if tgt is not None:
                refers[src.get("m_id")] = tgt.get("m_id")
    gold = []
    for m in root.iter("ENTITY_MENTION"):
        if m.get("syntactic_type") not in NAMED:
            continue
        anchors = [offsets[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        typ = ent_type.get(refers.get(m.get("m_id")))
        if anchors and typ in TYPES and anchors[0][0] < limit:
            gold.append((min(a[0] for a in anchors), max(a[1] for a in anchors), typ))
    dct = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    return GoldDoc(path.stem, "".join(parts), limit, dct, gold)


def iter_docs(path: Path) -> Iterator[GoldDoc]:
    files = sorted(path.rglob("*.xml"))
    if not files:
        raise Errors.E218(path=str(path))
    for f in files:
        yield read_meantime(f)


def _name_part(text: str, start: int, end: int, ent: Entity) -> tuple[int, int] | None:
    """A person mention without its title and possessive country ("Kyrgyzstan's President X" -> X)."""
    if ent.type != "PERSON":
        return start, end
    words = text[start:end].split(" ")
    cut = 0
    for i, w in enumerate(words):
        joined = " ".join(words[max(0, i - 2) : i + 1]).lower()
        title = w.lower() in TITLES or joined in TITLES or " ".join(words[max(0, i - 1) : i + 1]).lower() in TITLES
        if (title or w.endswith(("'s", "\u2019s"))) and i + 1 < len(words) and words[i + 1][:1].isupper():
            cut = i + 1
    if cut >= len(words):
        return None  # an office with no name ("the President of Belarus") is not a named mention
    s = start + sum(len(w) + 1 for w in words[:cut])
    return s, end


def ours_spans(article: Article) -> list[tuple[int, int, str]]:
    out = []
    for ent in article.entities:
        typ = OURS.get(ent.type)
        if typ is None:
            continue
        for m in ent.mentions:
            if not _named(article.text[m.start : m.end], ent):
                continue  # "the police", "officials": a generic agent, not a named mention
            span = _name_part(article.text, m.start, m.end, ent)
            if span:
                out.append((span[0], span[1], _seat_type(article.text[span[0] : span[1]], ent, typ)))
    return out


def _named(text: str, ent: Entity) -> bool:
    """Is a mention named? A state body ("RUS.MIL") only with a word other than agent nouns ("Russian troops").

    The generic agents the actors stage resolves ("police", "Officials" at a sentence start) and an
    organisation called again by its noun ("the embassy") are not named mentions, which are all
    MEANTIME annotates.
    """
    from kronika.actors.knowledge import fold, load_kb

    if not any(w[:1].isupper() for w in text.split()):
        return False  # "the company", "the embassy" after the name: a nominal mention
    if not (ent.kb_id and _BODY.match(ent.kb_id)):
        return True
    agents = load_kb().agents
    return any(w[:1].isupper() and fold(w) not in agents for w in re.findall(r"[\w'-]+", text))


_BODY = re.compile(r"^[A-Z]{3}\.[A-Z]{3}$")


def _seat_type(text: str, ent: Entity, typ: str) -> str:
    """A seat of government read as an actor ("the Pentagon said") is an organisation, not a place."""
    from kronika.actors.knowledge import load_kb

    if ent.type == "STATE" and ent.sector and any(e.kind == "seat" for e in load_kb().lookup(text)):
        return "ORG"
    return typ


def score(gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]], limit: int) -> dict[str, PRF]:
    """Relaxed typed matching: overlap and same type; one gold per prediction."""
    res = {t: PRF() for t in TYPES}
    pred = [p for p in pred if p[0] < limit]
    used: set[int] = set()
    for ps, pe, pt in sorted(set(pred)):
        hit = next(
            (i for i, (gs, ge, gt) in enumerate(gold) if i not in used and gt == pt and ps < ge and gs < pe), None
        )
        if hit is None:
            res[pt].fp += 1
        else:
            used.add(hit)
            res[pt].tp += 1
    for i, (_, _, gt) in enumerate(gold):
        if i not in used:
            res[gt].fn += 1
    return res


def run(data: str | None, settings: Settings, split: str | None = None) -> Report:
    """MEANTIME entity mentions; a folder of event-gold JSON files scores actor codes instead
    (``split``: one split or fold of the event gold)."""
    import spacy
    from tqdm import tqdm

    from kronika.evaluate import actor_codes
    from kronika.pipeline import Pipeline

    if split or (data and actor_codes.is_event_gold(Path(data))):
        return actor_codes.run(data, settings, split)
    path = resolve_data(data)
    docs = list(iter_docs(path))
    pipe = Pipeline(settings, stages=["kronika.actors.resolve.v1"])
    bare = spacy.load(settings.model, exclude=["lemmatizer"])
    ours_total = {t: PRF() for t in TYPES}
    bare_total = {t: PRF() for t in TYPES}
    articles = [Article(text=d.text, metadata=Metadata(published=d.dct, language="en")) for d in docs]
    results = list(tqdm(pipe.run_many(articles), total=len(docs), desc="entities", unit="doc", leave=False))
    for d, art, bdoc in zip(docs, results, bare.pipe([d.text for d in docs]), strict=True):
        if not isinstance(art, Article):
            raise Errors.E232(path=d.name, step="actors stage", reason=art.reason)
        for t, prf in score(d.gold, ours_spans(art), d.limit).items():
            ours_total[t].add(prf)
        bspans = [(e.start_char, e.end_char, BARE[e.label_]) for e in bdoc.ents if e.label_ in BARE]
        for t, prf in score(d.gold, bspans, d.limit).items():
            bare_total[t].add(prf)
    rows = []
    for t in (*TYPES, "all"):
        o = _sum(ours_total) if t == "all" else ours_total[t]
        b = _sum(bare_total) if t == "all" else bare_total[t]
        rows.append([t, o.precision, o.recall, o.f1, b.precision, b.recall, b.f1, o.tp + o.fn])
    return Report(
        title=f"Entities on MEANTIME ({len(docs)} docs, sentences 0-5, typed relaxed match)",
        columns=["type", "P kronika", "R kronika", "F1 kronika", "P spaCy", "R spaCy", "F1 spaCy", "gold"],
        rows=rows,
        figures={
            "data": str(path),
            "model": settings.model,
            "kronika": {t: ours_total[t].to_dict() for t in TYPES} | {"all": _sum(ours_total).to_dict()},
            "spacy": {t: bare_total[t].to_dict() for t in TYPES} | {"all": _sum(bare_total).to_dict()},
        },
        notes=[
            "Gold: MEANTIME NAM/PRE.NAM mentions typed PER/ORG/LOC via REFERS_TO (CC BY 4.0, FBK/VU/EHU).",
            "Baseline: the same spaCy model's doc.ents (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC).",
        ],
    )


def _sum(d: dict[str, PRF]) -> PRF:
    out = PRF()
    for p in d.values():
        out.add(p)
    return out
