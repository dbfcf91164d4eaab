"""Batch fixtures: a small corpus we wrote (two JSON Lines shards, a text file, a corrupt shard)."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/pg.py, shared with the store tests


# Short news items written for these tests (facts only; the wording is ours).
ITEMS = [
    (
        "Kazakhstan and Uzbekistan sign water deal",
        "2023-03-04",
        "The foreign ministers of Kazakhstan and Uzbekistan met in Tashkent on March 3 and signed an agreement on "
        "sharing water from the Syr Darya.\n\nOfficials said the deal would be reviewed next year.",
    ),
    (
        "Kyrgyz president visits Moscow",
        "2023-05-09",
        "Kyrgyzstan's President Sadyr Japarov travelled to Moscow on Monday for talks with Vladimir Putin.\n\n"
        "The two leaders discussed migrant labour and a new rail corridor, according to the Kremlin.",
    ),
    (
        "Protest outside embassy",
        "2022-11-20",
        "Several hundred people protested outside the Russian embassy in Astana on Saturday.\n\n"
        "Police detained four demonstrators, a spokesperson for the interior ministry said.",
    ),
    (
        "Tajikistan rejects border proposal",
        "2021-06-01",
        "Tajikistan rejected a proposal from Kyrgyzstan on border demarcation, the Tajik foreign ministry said in a "
        "statement on Tuesday.\n\nTalks are expected to resume in July.",
    ),
    (
        "EU promises aid",
        "2024-01-15",
        "The European Union promised Turkmenistan financial support for a gas pipeline during a visit to Ashgabat "
        "last week.\n\nNo figures were published.",
    ),
]
EXTRA_TEXT = (
    "Turkey and Kazakhstan held joint military exercises near Almaty for ten days in September.\n\n"
    "The defence ministry in Ankara called the drills a success."
)


def _row(i: int, title: str, published: str, text: str) -> dict:
    return {"id": f"t{i}", "title": title, "published": published, "url": f"https://example.org/n/{i}", "text": text}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder: two .jsonl.gz shards (5 items, one repeated), a .txt article and a corrupt shard."""
    root = tmp_path / "corpus"
    root.mkdir()
    rows = [_row(i, *item) for i, item in enumerate(ITEMS)]
    with gzip.open(root / "a.jsonl.gz", "wt", encoding="utf-8") as fh:
        for r in rows[:3]:
            fh.write(json.dumps(r) + "\n")
    with gzip.open(root / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        for r in [*rows[3:], rows[0]]:  # the first item again: coded once
            fh.write(json.dumps(r) + "\n")
    (root / "c.txt").write_text(EXTRA_TEXT, encoding="utf-8")
    (root / "d.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00 this is not really gzip")
    return root


N_DOCS = len(ITEMS) + 1  # distinct documents in ``corpus``
