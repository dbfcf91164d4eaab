#!/usr/bin/env python3
"""Validate kronika real-news event gold files (see GUIDELINES.md). Exit 1 on any error."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pycountry

from kronika.events.plover import MODES as PLOVER_MODES
from kronika.events.plover import TYPES as PLOVER_TYPES

# the PLOVER types and their modes, as the events stage knows them (one table, not two)
MODES = {t: set(PLOVER_MODES.get(t, ())) for t in PLOVER_TYPES}
SECTORS = set(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"KOS"}
MODALITY = {"asserted", "reported", "expected", "hypothetical"}
STANCE = {None, "asserts", "deny", "suspects"}
BASIS = {"stated", "context", "publication", "none"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
KEYS = {
    "id",
    "evidence",
    "trigger",
    "trigger_occurrence",
    "type",
    "mode",
    "actor",
    "recipient",
    "date",
    "date_basis",
    "location",
    "negated",
    "modality",
    "source",
    "stance",
    "optional",
    "repeat_of",
    "note",
}


def check_party(p, where, errs, warns):
    if not isinstance(p, dict) or "text" not in p:
        errs.append(f"{where}: a party must be an object with text/code/sector")
        return
    code, sector = p.get("code"), p.get("sector")
    if code is not None and not CODE.match(str(code)):
        errs.append(f"{where}: bad code {code!r}")
    elif code is not None and len(code) == 3 and code not in ISO3 and not code.isupper():
        warns.append(f"{where}: code {code!r} is neither ISO3 nor an IGO code")
    if sector is not None and sector not in SECTORS:
        errs.append(f"{where}: bad sector {sector!r}")


def validate(path: Path) -> tuple[list[str], list[str]]:
    errs: list[str] = []
    warns: list[str] = []
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:
        return [f"{path}: not JSON ({exc})"], []
    for k in ("doc_id", "corpus", "split", "text", "events"):
        if k not in doc:
            errs.append(f"{path}: missing {k}")
    if errs:
        return errs, warns
    if doc["split"] not in {"dev", "test"} or doc["corpus"] not in {"wikinews", "kremlin"}:
        errs.append(f"{path}: bad split/corpus")
    text = doc["text"]
    ids = set()
    for ev in doc["events"]:
        where = f"{path.name}:{ev.get('id')}"
        extra = set(ev) - KEYS
        if extra:
            errs.append(f"{where}: unknown keys {sorted(extra)}")
        if ev.get("id") in ids:
            errs.append(f"{where}: duplicate id")
        ids.add(ev.get("id"))
        evid = ev.get("evidence") or ""
        if not evid or evid not in text:
            errs.append(f"{where}: evidence is not an exact substring of text: {evid[:60]!r}")
        trig = ev.get("trigger") or ""
        occ = ev.get("trigger_occurrence", 1) or 1
        if not trig or evid.count(trig) < occ:
            errs.append(f"{where}: trigger {trig!r} (occurrence {occ}) not in evidence")
        elif evid.count(trig) > 1 and "trigger_occurrence" not in ev:
            warns.append(f"{where}: trigger {trig!r} occurs {evid.count(trig)} times; set trigger_occurrence")
        t = ev.get("type")
        if t not in MODES:
            errs.append(f"{where}: bad type {t!r}")
        elif ev.get("mode") is not None and ev["mode"] not in MODES[t]:
            errs.append(f"{where}: mode {ev['mode']!r} not allowed for {t} ({sorted(MODES[t])})")
        for side in ("actor", "recipient"):
            val = ev.get(side)
            if not isinstance(val, list):
                errs.append(f"{where}: {side} must be a list")
                continue
            for p in val:
                check_party(p, f"{where}.{side}", errs, warns)
        d = ev.get("date")
        if d is not None and not DATE.match(str(d)):
            errs.append(f"{where}: bad date {d!r}")
        if ev.get("date_basis") not in BASIS:
            errs.append(f"{where}: bad date_basis {ev.get('date_basis')!r}")
        loc = ev.get("location")
        if loc is not None and (not isinstance(loc, dict) or "text" not in loc):
            errs.append(f"{where}: location must be null or {{text, country}}")
        elif loc and loc.get("country") and loc["country"] not in ISO3:
            errs.append(f"{where}: location country {loc['country']!r} not ISO3")
        if not isinstance(ev.get("negated"), bool):
            errs.append(f"{where}: negated must be true/false")
        if ev.get("modality") not in MODALITY:
            errs.append(f"{where}: bad modality {ev.get('modality')!r}")
        if ev.get("stance") not in STANCE:
            errs.append(f"{where}: bad stance {ev.get('stance')!r}")
        if ev.get("modality") == "reported" and not ev.get("source"):
            warns.append(f"{where}: reported without source")
        if ev.get("source") is not None:
            check_party(ev["source"], f"{where}.source", errs, warns)
    for ev in doc["events"]:
        if ev.get("repeat_of") and ev["repeat_of"] not in ids:
            errs.append(f"{path.name}:{ev.get('id')}: repeat_of {ev['repeat_of']!r} unknown")
    return errs, warns


def main(argv: list[str]) -> int:
    bad = 0
    for a in argv:
        errs, warns = validate(Path(a))
        for w in warns:
            print("warning:", w)
        for e in errs:
            print("ERROR:", e)
        bad += bool(errs)
        if not errs:
            n = len(json.loads(Path(a).read_text())["events"])
            print(f"ok: {a} ({n} events)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
