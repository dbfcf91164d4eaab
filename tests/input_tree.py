"""Inputs on disk for the skip and resume tests: a folder of text files and a JSON Lines shard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def input_tree(root: Path, files: dict[str, str], rows: list[dict[str, Any]]) -> list[str]:
    """``root/docs/<name>`` for each of ``files`` and ``root/shard.jsonl`` of ``rows``; the two
    input paths, as a user would pass them to ``kronika ingest`` or ``batch``."""
    d = root / "docs"
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    shard = root / "shard.jsonl"
    shard.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return [str(d), str(shard)]
