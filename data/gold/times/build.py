"""Build the vendored time gold (``tune/*.json``, ``test/*.json``) from the hand-written ``src/*.ann`` files.

    python data/gold/times/build.py [--source DIR]    # DIR: the folder with wikinews/ and kremlin/ (default data/)

An ``.ann`` file names one article and lists its time expressions, one a line, in this form::

    # id: wikinews:Some_article            (the article's id in the Wikinews or kremlin JSONL)
    # split: tune                          (tune | test; decided before any system output was seen)
    text[@n] | TYPE | value | key=value; key=value ...

``text`` is the expression exactly as written; ``@n`` picks its n-th word-bounded occurrence in the
article (default: the first). Keys: ``anchor`` (``DCT``, ``none`` or the text[@n] of another
expression), ``mod``, ``quant``, ``freq``, ``begin``/``end`` (the anchored points of a duration),
``class`` (``range``, ``period``, ``tenure``; the other classes follow from type and value) and
``dct=yes`` for the article's own date line. Offsets are computed here so the annotator never types
them; every line must match, or the build stops naming the file and line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = {
    "wikinews": (
        "wikinews/wikinews-2019-2020.jsonl",
        "CC BY 2.5, Wikinews contributors (credit: Wikinews, with the article URL)",
    ),
    "kremlin": (
        "kremlin/kremlin-news-2021-2022.jsonl",
        "CC BY 4.0, Presidential Executive Office of Russia, kremlin.ru",
    ),
}
TYPES = {"DATE", "TIME", "DURATION", "SET"}
KEYS = {"anchor", "mod", "quant", "freq", "begin", "end", "class", "dct", "note"}
_LINE = re.compile(
    r"^(?P<text>.+?)(?:@(?P<n>\d+))?\s*\|\s*(?P<type>[A-Z]+)\s*\|\s*(?P<value>\S+)\s*(?:\|\s*(?P<attrs>.*))?$"
)


class AnnError(ValueError):
    pass


def find(text: str, phrase: str, n: int) -> tuple[int, int]:
    """Start and end of the n-th word-bounded occurrence of ``phrase`` in ``text``."""
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    hits = [m.span() for m in pattern.finditer(text)]
    if len(hits) < n:
        raise AnnError(f"{phrase!r}: occurrence {n} not found ({len(hits)} in the text)")
    return hits[n - 1]


def parse_ann(path: Path, articles: dict[str, dict]) -> dict:
    header: dict[str, str] = {}
    rows: list[tuple[int, re.Match[str]]] = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if ":" in line:
                k, v = line[1:].split(":", 1)
                header[k.strip()] = v.strip()
            continue
        m = _LINE.match(line)
        if m is None:
            raise AnnError(f"{path.name}:{no}: not 'text | TYPE | value | attrs'")
        rows.append((no, m))
    art_id = header.get("id", "")
    if art_id not in articles:
        raise AnnError(f"{path.name}: article id {art_id!r} not in the source corpora")
    if header.get("split") not in ("tune", "test"):
        raise AnnError(f"{path.name}: '# split:' must be tune or test")
    art = articles[art_id]
    text = art["text"]
    times: list[dict] = []
    keyed: dict[str, dict] = {}
    pending_anchor: list[tuple[dict, str, int]] = []
    for no, m in rows:
        phrase, n = m["text"].strip(), int(m["n"] or 1)
        try:
            start, end = find(text, phrase, n)
        except AnnError as exc:
            raise AnnError(f"{path.name}:{no}: {exc}") from None
        if m["type"] not in TYPES:
            raise AnnError(f"{path.name}:{no}: type {m['type']!r} is not one of {sorted(TYPES)}")
        attrs: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in (m["attrs"] or "").split(";"))):
            k, _, v = part.partition("=")
            if k.strip() not in KEYS:
                raise AnnError(f"{path.name}:{no}: unknown key {k.strip()!r}")
            attrs[k.strip()] = v.strip()
        t: dict = {
            "id": "",
            "text": text[start:end],
            "start": start,
            "end": end,
            "type": m["type"],
            "value": m["value"],
        }
        for k in ("mod", "quant", "freq", "begin", "end"):
            if k in attrs:
                t["end_point" if k == "end" else k] = attrs[k]
        t["classes"] = classes(t, attrs.get("class", ""))
        if attrs.get("dct") == "yes":
            t["creation_time"] = True
        key = f"{phrase}@{n}"
        if key in keyed:
            raise AnnError(f"{path.name}:{no}: {key} annotated twice")
        keyed[key] = t
        pending_anchor.append((t, attrs.get("anchor", ""), no))
        times.append(t)
    times.sort(key=lambda t: (t["start"], -t["end"]))
    for i, t in enumerate(times, 1):
        t["id"] = f"t{i}"
    for t, anchor, no in pending_anchor:
        t["anchor"] = resolve_anchor(t, anchor, keyed, path.name, no)
    corpus = art_id.split(":", 1)[0]
    return {
        "id": art_id,
        "split": header["split"],
        "title": art.get("title"),
        "url": art.get("url"),
        "publication": art.get("publication"),
        "published": art.get("published"),
        "licence": CORPORA[corpus][1],
        "text": text,
        "times": times,
    }


def resolve_anchor(t: dict, anchor: str, keyed: dict[str, dict], name: str, no: int) -> str | None:
    """Explicit anchors win; otherwise relative-looking values anchor to the DCT, absolute ones to nothing."""
    if anchor == "none" or t.get("creation_time"):
        return None
    if anchor == "DCT":
        return "DCT"
    if anchor:
        key = anchor if "@" in anchor else f"{anchor}@1"
        if key not in keyed:
            raise AnnError(f"{name}:{no}: anchor {anchor!r} is not an annotated expression")
        return keyed[key]["id"]
    if t["type"] in ("DURATION", "SET") or re.search(r"\b\d{4}\b|'\d\d\b", t["text"]):
        return None
    if re.fullmatch(r"\d{2,4}", t["value"]) and re.search(r"\d", t["text"]):
        return None  # decades and centuries written with digits
    return "DCT"


def classes(t: dict, extra: str) -> list[str]:
    """The classes of issue 17 an expression belongs to (for the per-class table)."""
    out = [c.strip() for c in extra.split(",") if c.strip()]
    if "tenure" in out:
        out = [c for c in out if c != "tenure"] + ["period"]
    if t["type"] == "DURATION":
        out.append("duration")
    elif t["type"] == "SET":
        out.append("set")
    elif t["value"].endswith("_REF"):
        out.append("ref")
    elif t["type"] == "TIME":
        out.append("clock")
    if not out:
        out.append("point")
    return sorted(set(out))


def load_articles(source: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for rel, _ in CORPORA.values():
        path = source / rel
        if not path.is_file():
            sys.exit(f"build.py: {path}: no such file (pass --source, the folder with wikinews/ and kremlin/)")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["id"]] = row
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=str(HERE.parents[1]))  # the repository's data/ (vendored corpora)
    args = ap.parse_args()
    articles = load_articles(Path(args.source))
    built: dict[str, list[str]] = {"tune": [], "test": []}
    for ann in sorted((HERE / "src").glob("*.ann")):
        try:
            doc = parse_ann(ann, articles)
        except AnnError as exc:
            sys.exit(f"build.py: {exc}")
        out = HERE / doc["split"] / f"{ann.stem}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        built[doc["split"]].append(f"{ann.stem} ({len(doc['times'])})")
    for split, names in built.items():
        print(f"{split}: {len(names)} articles: {', '.join(names)}")


if __name__ == "__main__":
    main()
