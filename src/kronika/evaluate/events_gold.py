"""The real-news event gold: one JSON file per article, every codable PLOVER event annotated.

Format (``data/gold/events/GUIDELINES.md`` and the annotators' guidelines): an object with
``doc_id``, ``corpus``, ``split`` (``dev`` or ``test``), ``title``, ``published``, ``url``, ``text``
(the article exactly as in its corpus) and ``events``; each event has ``evidence`` (its sentence, a
substring of ``text``), ``trigger``, ``type``, ``mode``, ``actor`` and ``recipient`` (lists of
``{text, code, sector}``, ``code`` an ISO3 country or an organisation's code), ``date`` (ISO,
as precise as the text allows), ``date_basis``, ``location``, ``negated``, ``modality``,
``source``, ``stance``, ``optional`` and ``repeat_of``.

A file that cannot be read, or an event without the fields the scorer needs, is an error naming
the file and the reason: a gold set that is silently half-read would give wrong figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kronika.errors import Errors
from kronika.events.plover import TYPES
from kronika.record import Context, is_factual

SPLITS = ("dev", "test")
# Two folds inside dev for tuning without peeking at test: design a change on one fold's errors,
# keep it only if the other fold does not get worse (``--split dev-a|dev-b|folds``).
FOLDS = ("dev-a", "dev-b")
PUBLICATIONS = {"wikinews": "Wikinews", "kremlin": "President of Russia (en.kremlin.ru)"}


@dataclass(frozen=True)
class GoldParty:
    text: str
    code: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    id: str
    evidence: str
    trigger: str
    type: str
    mode: str | None = None
    actor: tuple[GoldParty, ...] = ()
    recipient: tuple[GoldParty, ...] = ()
    date: str | None = None
    date_basis: str | None = None
    location: GoldParty | None = None  # ``code`` holds the location's country
    negated: bool = False
    modality: str = "asserted"
    stance: str | None = None
    source: GoldParty | None = None
    optional: bool = False
    repeat_of: str | None = None
    trigger_occurrence: int = 1

    @property
    def factual(self) -> bool:
        """Told as having happened (the same rule as :attr:`kronika.record.Event.factual`)."""
        ctx = Context(negated=self.negated, modality=self.modality, stance=self.stance)  # type: ignore[arg-type]
        return is_factual(ctx)


@dataclass
class GoldDocument:
    path: Path
    doc_id: str
    corpus: str
    split: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    events: list[GoldEvent] = field(default_factory=list)

    def as_corpus_line(self) -> str:
        """The article as a line of its corpus (JSON Lines), for the reader to read as it reads a corpus."""
        obj = {"id": self.doc_id, "title": self.title, "published": self.published, "url": self.url}
        obj["publication"] = PUBLICATIONS.get(self.corpus)
        return json.dumps(obj | {"text": self.text}, ensure_ascii=False)


def _party(value: Any, where: str) -> GoldParty:
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        raise Errors.E233(path=str(where), problem="a party must be an object with a 'text' (and 'code', 'sector')")
    code = value.get("code", value.get("country"))
    return GoldParty(value["text"], str(code) if code else None, value.get("sector"))


def _parties(value: Any, where: str) -> tuple[GoldParty, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Errors.E233(path=str(where), problem="must be a list of parties")
    return tuple(_party(p, f"{where}[{i}]") for i, p in enumerate(value))


def _event(raw: Any, text: str, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise Errors.E233(path=str(where), problem="an event must be a JSON object")
    for key in ("evidence", "trigger", "type"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise Errors.E233(path=str(where), problem=f"missing '{key}'")
    if raw["type"] not in TYPES:
        raise Errors.E233(path=str(where), problem=f"{raw['type']!r} is not a PLOVER 2.0 type")
    if raw["evidence"] not in text:
        raise Errors.E233(path=str(where), problem="the evidence is not a substring of the article text")
    if raw["trigger"] not in raw["evidence"]:
        raise Errors.E233(path=str(where), problem=f"the trigger {raw['trigger']!r} is not in its evidence")
    loc = raw.get("location")
    return GoldEvent(
        id=str(raw.get("id") or where),
        evidence=raw["evidence"],
        trigger=raw["trigger"],
        type=raw["type"],
        mode=raw.get("mode"),
        actor=_parties(raw.get("actor"), f"{where}.actor"),
        recipient=_parties(raw.get("recipient"), f"{where}.recipient"),
        date=str(raw["date"]) if raw.get("date") else None,
        date_basis=raw.get("date_basis"),
        location=_party(loc, f"{where}.location") if loc else None,
        negated=bool(raw.get("negated")),
        modality=str(raw.get("modality") or "asserted"),
        stance=raw.get("stance"),
        source=_party(raw["source"], f"{where}.source") if raw.get("source") else None,
        optional=bool(raw.get("optional")),
        repeat_of=raw.get("repeat_of"),
        trigger_occurrence=int(raw.get("trigger_occurrence") or 1),
    )


def load_document(path: Path) -> GoldDocument:
    """One gold file; a ConfigError naming the file and the reason when it is not valid gold."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise Errors.E233(path=str(path), problem=f"cannot read ({exc.strerror or exc})") from None
    except json.JSONDecodeError as exc:
        raise Errors.E233(path=str(path), line=exc.lineno, problem=f"not JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not isinstance(data.get("events"), list):
        raise Errors.E233(path=str(path), problem="expected an object with 'text' and 'events' (see GUIDELINES.md)")
    split = data.get("split") or path.parent.name
    if split not in SPLITS:
        raise Errors.E233(path=str(path), problem=f"split {split!r} is neither 'dev' nor 'test'")
    text = data["text"]
    events = [_event(e, text, f"{path.name}:{(e or {}).get('id', i)}") for i, e in enumerate(data["events"])]
    return GoldDocument(
        path=path,
        doc_id=str(data.get("doc_id") or path.stem),
        corpus=str(data.get("corpus") or ""),
        split=split,
        text=text,
        title=data.get("title"),
        published=data.get("published"),
        url=data.get("url"),
        events=events,
    )


def dev_folds(docs: list[GoldDocument]) -> dict[Path, str]:
    """Each dev article's fold: per corpus, files sorted by name alternate between dev-a and dev-b.

    Deterministic and independent of which articles are scored, so anyone can reproduce a fold;
    alternating within each corpus puts both corpora (readouts and news) in each fold.
    """
    by_corpus: dict[str, list[GoldDocument]] = {}
    for d in docs:
        if d.split == "dev":
            by_corpus.setdefault(d.corpus or d.path.name.split("-")[0], []).append(d)
    out: dict[Path, str] = {}
    for group in by_corpus.values():
        for i, d in enumerate(sorted(group, key=lambda d: d.path.name)):
            out[d.path] = FOLDS[i % 2]
    return out


def load_gold_dir(root: Path) -> list[GoldDocument]:
    """Every gold file under ``root`` (``root/dev/*.json``, ``root/test/*.json``, or ``root/*.json``).

    Fails when the folder is missing or holds no gold: a missing gold set must never read as a score.
    """
    if not root.is_dir():
        raise Errors.E234(
            path=str(root),
            problem="no such folder (the real-news event gold: data/gold/events/{dev,test}/*.json; "
            "give another folder with --data)",
        )
    files = sorted(p for p in root.glob("*.json")) + sorted(p for s in SPLITS for p in (root / s).glob("*.json"))
    if not files:
        raise Errors.E234(path=str(root), problem="no gold files (*.json) here or in dev/ and test/")
    return [load_document(p) for p in files]
