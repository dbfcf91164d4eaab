"""MEANTIME (NewsReader, English Wikinews) as a time gold: documents rebuilt from tokens, TIMEX3 as spans.

The documents are rebuilt from MEANTIME's tokens (title, date line, body). Only sentences 0–5 are
annotated in MEANTIME (see ``../shared/data/README.md``), so the scorer scores only times starting
there. A TIMEX3 is kept when it is anchored to tokens of the text (the creation time only through
the date line); TIMEX3s with no tokens are not in the text and are skipped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from kronika.errors import Errors
from kronika.evaluate.times_gold import GoldTime

SCORED_SENTENCES = 6  # sentences 0..5: title, date line, first four body sentences
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``"}


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: str | None
    scored_end: int  # character offset where sentence 6 begins
    times: list[GoldTime] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


def load_doc(path: Path) -> GoldDoc:
    """Rebuild one MEANTIME document: its text, its gold TIMEX3s (character spans) and its DCT."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise Errors.E217(path=str(path), error=exc) from exc
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    prev_sent = None
    prev_tok = ""
    para_start = 0
    scored_end = None
    for tok in root.iter("token"):
        word = tok.text or ""
        sent = int(tok.get("sentence", "0"))
        if prev_sent is not None and sent != prev_sent:
            if scored_end is None and sent >= SCORED_SENTENCES:
                scored_end = pos
            # title and date line are paragraphs of their own; body sentences run on
            if prev_sent < 2:
                paragraphs.append((para_start, pos))
                parts.append("\n\n")
                pos += 2
                para_start = pos
            else:
                parts.append(" ")
                pos += 1
        elif prev_sent is not None and word not in _NO_SPACE_BEFORE and prev_tok not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
    paragraphs.append((para_start, pos))
    text = "".join(parts)
    doc = GoldDoc(path.stem, text, None, scored_end if scored_end is not None else len(text), paragraphs=paragraphs)
    date_line: str | None = None
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in tx.findall("token_anchor")]
        creation = tx.get("functionInDocument") == "CREATION_TIME"
        if creation and tx.get("type") == "DATE" and doc.dct is None:
            doc.dct = tx.get("value")
        spans = [offsets[i] for i in ids if i in offsets]
        if not spans:
            continue  # not in the text (an implicit time of the annotation)
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        gold = GoldTime(start, end, tx.get("type", ""), tx.get("value", ""), text[start:end], creation)
        if date_line is None and tx.get("type") == "DATE" and start < doc.scored_end and "\n\n" in text[:start]:
            first_break = text.index("\n\n")
            second = text.find("\n\n", first_break + 2)
            if second == -1 or start < second:
                date_line = gold.value
        doc.times.append(gold)
    if doc.dct is None:
        doc.dct = date_line  # a few documents mark no CREATION_TIME: their date line is the DCT
    return doc


def load_corpus(data: Path) -> list[GoldDoc]:
    if not data.is_dir():
        raise Errors.E216(path=str(data))
    files = sorted(data.rglob("*.xml"))
    if not files:
        raise Errors.E218(path=str(data))
    return [load_doc(f) for f in files]
