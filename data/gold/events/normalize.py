#!/usr/bin/env python3
"""Reviewer's normalisation of annotated files (run once after review; idempotent).

1. Records with the same evidence, trigger, occurrence and type are one event mention: merged,
   with the parties unioned (PLOVER: compound actors are one event with a list).
2. A repeated mention (repeat_of set) in a sentence that also holds another, non-repeated event of a
   different trigger is a secondary mention ("condemned the stabbing"): optional, so neither a system
   that codes it nor one that does not is penalised.
"""

import json
import sys
from pathlib import Path


def key(p):
    return (p.get("text"), p.get("code"))


def merge_parties(a, b):
    seen = {key(p) for p in a}
    return a + [p for p in b if key(p) not in seen]


for path in map(Path, sys.argv[1:]):
    d = json.loads(path.read_text())
    out, index = [], {}
    renamed = {}
    for e in d["events"]:
        k = (e["evidence"], e["trigger"], e.get("trigger_occurrence", 1), e["type"])
        if k in index:
            keep = index[k]
            keep["actor"] = merge_parties(keep["actor"], e["actor"])
            keep["recipient"] = merge_parties(keep["recipient"], e["recipient"])
            keep["note"] = (keep.get("note") or "") + " [merged with " + e["id"] + ": same trigger]"
            renamed[e["id"]] = keep["id"]
            continue
        index[k] = e
        out.append(e)
    for e in out:
        if e.get("repeat_of") in renamed:
            e["repeat_of"] = renamed[e["repeat_of"]]
    by_sent = {}
    for e in out:
        by_sent.setdefault(e["evidence"], []).append(e)
    changed = 0
    for e in out:
        if e.get("repeat_of") and not e.get("optional"):
            others = [
                o
                for o in by_sent[e["evidence"]]
                if o is not e and not o.get("repeat_of") and o["trigger"] != e["trigger"]
            ]
            if others:
                e["optional"] = True
                e["note"] = (e.get("note") or "") + " [reviewer: secondary repeated mention -> optional]"
                changed += 1
    d["events"] = out
    d["checked_by"] = "lead (review + normalize.py)"
    path.write_text(json.dumps(d, ensure_ascii=False, indent=1) + "\n")
    print(f"{path.name}: {len(out)} events, merged {len(renamed)}, secondary repeats optional {changed}")
