"""``kronika evaluate metadata``: the reader's field accuracy and body checks on annotated documents.

Data: a folder of documents (``.txt .md .html .jsonl``...) each with ``<stem>.expected.json``
holding ``metadata`` (title, authors, published, publication, url; ``null`` means "must be
absent"), ``paragraphs`` (count), ``body_must_contain``/``body_must_not_contain`` and ``links``
(anchor texts). The default is our own fixtures, plus the shared reference article when
``../shared/reference/expected.json`` is present. Only the reader runs: no model is loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kronika.errors import Errors, Failure
from kronika.evaluate.report import PRF, Report
from kronika.normalize import fold
from kronika.read import read_inputs
from kronika.read.names import name_key
from kronika.record import Article
from kronika.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA = "tests/fixtures/read/annotated"
FIELDS = ("title", "authors", "affiliations", "published", "publication", "url")
BODY = ("paragraphs", "body contains", "body excludes", "links")


def _norm(value: Any) -> str:
    return fold(str(value)) if value is not None else ""


@dataclass
class Tally:
    correct: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    authors: PRF = field(default_factory=PRF)
    errors: list[str] = field(default_factory=list)

    def count(self, name: str, ok: bool, doc: str, detail: str = "") -> None:
        self.total[name] = self.total.get(name, 0) + 1
        self.correct[name] = self.correct.get(name, 0) + int(ok)
        if not ok:
            self.errors.append(f"{doc}: {name} {detail}".rstrip())


def score_document(article: Article, expected: dict[str, Any], tally: Tally, doc: str) -> None:
    """Compare one record with its annotation, adding to the tally."""
    md, exp = article.metadata, expected.get("metadata") or {}
    for name in ("title", "published", "publication", "url"):
        if name in exp:
            got = getattr(md, name)
            tally.count(name, _norm(got) == _norm(exp[name]), doc, f"got {got!r}, expected {exp[name]!r}")
    if "authors" in exp:
        want = [a["name"] if isinstance(a, dict) else a for a in exp["authors"]]
        got_keys, want_keys = {name_key(a.name) for a in md.authors}, {name_key(n) for n in want}
        tally.authors.add(PRF(len(got_keys & want_keys), len(got_keys - want_keys), len(want_keys - got_keys)))
        tally.count("authors", got_keys == want_keys, doc, f"got {[a.name for a in md.authors]}, expected {want}")
        by_key = {name_key(a.name): a.affiliation for a in md.authors}
        for a in exp["authors"]:
            if isinstance(a, dict) and "affiliation" in a:
                got = by_key.get(name_key(a["name"]))
                ok = _norm(got).replace(",", "") == _norm(a["affiliation"]).replace(",", "")
                tally.count("affiliations", ok, doc, f"{a['name']}: got {got!r}, expected {a['affiliation']!r}")
    text = _norm(article.text)
    if "paragraphs" in expected:
        n = len(article.paragraphs)
        tally.count("paragraphs", n == expected["paragraphs"], doc, f"got {n}, expected {expected['paragraphs']}")
    for s in expected.get("body_must_contain") or []:
        tally.count("body contains", _norm(s) in text, doc, repr(s))
    for s in expected.get("body_must_not_contain") or []:
        tally.count("body excludes", s not in article.text, doc, repr(s))
    anchors = {x.text for x in article.links if article.text[x.start : x.end] == x.text}
    for s in expected.get("links") or []:
        tally.count("links", s in anchors, doc, repr(s))


def _reference(root: Path) -> tuple[Path, dict[str, Any]] | None:
    """The shared reference article and its expectations, in this scorer's annotation shape."""
    for shared in (root.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "../shared"):
        exp_path = shared / "reference" / "expected.json"
        if exp_path.is_file():
            ref = json.loads(exp_path.read_text(encoding="utf-8"))
            doc = shared / Path(ref.get("doc", "")).relative_to("shared") if ref.get("doc") else None
            if doc is None or not doc.is_file():
                return None
            m = ref.get("metadata") or {}
            meta = {k: m[k] for k in ("title", "published", "publication", "url") if k in m}
            if "author" in m:
                meta["authors"] = [m["author"]]
            return doc, {
                "metadata": meta,
                "paragraphs": ref.get("body_paragraphs"),
                "body_must_contain": ref.get("body_must_contain") or [],
                "body_must_not_contain": ref.get("body_must_not_contain") or [],
            }
    return None


def _pairs(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    pairs = []
    for exp_path in sorted(folder.glob("*.expected.json")):
        stem = exp_path.name.removesuffix(".expected.json")
        docs = [p for p in folder.iterdir() if p.name.startswith(stem + ".") and not p.name.endswith(".json")]
        if not docs:
            raise Errors.E212(path=str(exp_path), stem=stem)
        try:
            expected = json.loads(exp_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise Errors.E213(path=str(exp_path), error=exc) from None
        pairs.append((docs[0], expected))
    return pairs


def run(data: str | None, settings: Settings) -> Report:
    """Score the reader on the annotated folder ``data`` (default: our fixtures + the reference article)."""
    folder = Path(data) if data else ROOT / DEFAULT_DATA
    if not folder.is_dir():
        raise Errors.E214(path=str(folder))
    pairs = _pairs(folder)
    if data is None and (ref := _reference(ROOT)):
        pairs.append(ref)
    if not pairs:
        raise Errors.E215(path=str(folder))
    tally = Tally()
    for path, expected in pairs:
        results = list(read_inputs([str(path)], settings))
        article = next((r for r in results if isinstance(r, Article)), None)
        if article is None:
            reason = next((str(r) for r in results if isinstance(r, Failure)), "no document")
            tally.errors.append(f"{path.name}: not read ({reason})")
            for name in FIELDS + BODY:
                tally.total[name] = tally.total.get(name, 0) + 1
                tally.correct.setdefault(name, 0)
            continue
        score_document(article, expected, tally, path.name)
    rows: list[list[Any]] = []
    for name in FIELDS + BODY:
        total = tally.total.get(name, 0)
        if total:
            rows.append([name, tally.correct[name], total, tally.correct[name] / total])
    all_ok = sum(tally.correct.values())
    all_n = sum(tally.total.values())
    rows.append(["all checks", all_ok, all_n, all_ok / all_n if all_n else 0.0])
    report = Report(
        title=f"Reader: metadata and body on {len(pairs)} annotated documents",
        columns=["field", "correct", "total", "accuracy"],
        rows=rows,
        figures={
            "documents": len(pairs),
            "author_names": tally.authors.to_dict(),
            "accuracy": {r[0]: round(r[3], 4) for r in rows},
            "errors": tally.errors,
        },
    )
    p = tally.authors
    report.notes.append(f"author names: P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f}")
    report.notes.extend(f"miss: {e}" for e in tally.errors)
    return report
