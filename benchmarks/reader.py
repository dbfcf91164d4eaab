"""Throughput of the reader alone (no spaCy): documents/s on generated scraped articles.

    python benchmarks/reader.py [--docs 1000] [--html-share 0.2]

Generates hard-wrapped texts with ``[text](#)`` links, glued title/author, byline, bio, citation and
rights notice (the damage the reader repairs), HTML pages and a JSON Lines corpus, then times
``kronika.read.read_inputs`` over them (CPU seconds of this process, steadier than wall time on a
shared machine). The baseline, measured in the same run on the same files, is
the least any reader must do: read, decode UTF-8 and split on blank lines. Prints JSON; nothing here
is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

_PROSE = (
    "the government said talks would resume after the summit while officials in the capital denied any "
    "change of policy and the ministry confirmed that troops had left the border region on Tuesday as "
    "analysts expected new sanctions trade routes energy exports and security guarantees to dominate"
)
WORDS = _PROSE.split()
NAMES = ["Ann B. Lee", "Timur Bekov", "Dana Abenova", "Marat Iskakov", "Irina Volkova", "Emre Kaya"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"[{words[i]}](#)"
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _wrap(paragraph: str, rng: random.Random) -> str:
    """Hard-wrap at ~70 columns, sometimes with a blank line in mid-sentence (the scraper damage)."""
    out, line = [], ""
    for word in paragraph.split(" "):
        if len(line) + len(word) > 70:
            out.append(line)
            line = word
            if rng.random() < 0.15 and not out[-1].endswith("."):
                out.append("")
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    return "\n".join(out)


EXPECTED_PARAGRAPHS: dict[str, int] = {}  # generated text file -> its true paragraph count


def text_document(n: int, rng: random.Random) -> str:
    author = rng.choice(NAMES)
    title = f"Report Number {n} on Regional Security"
    paras = [" ".join(_sentence(rng) for _ in range(rng.randint(3, 7))) for _ in range(rng.randint(4, 9))]
    body = "\n\n".join(_wrap(p, rng) for p in paras)
    EXPECTED_PARAGRAPHS[title] = len(paras)
    return (
        f"\n\n{title}- {author}\n\n\n\n{body}\n\n\n\n{author}, Dr., Institute for Regional Studies, Almaty\n\n"
        f"{author} is a Senior Fellow at the Institute for Regional Studies. Research interests include security.\n\n"
        f'To cite this work: {author}, "{title}", *Bench Review*, Online, {rng.randint(1, 28)} May 2023, '
        f"<https://bench.example/2023/05/{n}/>\n\nCopyright@*Bench Review*. All rights reserved.\n"
    )


def html_document(n: int, rng: random.Random) -> str:
    paras = "".join(f"<p>{' '.join(_sentence(rng) for _ in range(4))}</p>" for _ in range(rng.randint(4, 8)))
    return (
        f'<html lang="en"><head><title>Page {n}</title><meta property="og:title" content="Page {n} Title">'
        f'<meta name="author" content="{rng.choice(NAMES)}"><meta property="article:published_time" '
        f'content="2023-05-18"><meta property="og:site_name" content="Bench Wire"></head><body><nav><a href="/">Home'
        f"</a></nav><article><h1>Page {n} Title</h1>{paras}</article><footer>© Bench Wire</footer></body></html>"
    )


def make_corpus(root: Path, docs: int, html_share: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    n_html = int(docs * html_share)
    n_jsonl = docs // 5
    n_text = docs - n_html - n_jsonl
    (root / "text").mkdir()
    (root / "html").mkdir()
    for i in range(n_text):
        (root / "text" / f"{i:05d}.txt").write_text(text_document(i, rng))
    for i in range(n_html):
        (root / "html" / f"{i:05d}.html").write_text(html_document(i, rng))
    with (root / "corpus.jsonl").open("w") as fh:
        for i in range(n_jsonl):
            fh.write(json.dumps({"id": str(i), "title": f"Item {i}", "text": text_document(n_text + i, rng)}) + "\n")
    return [str(root / name) for name, n in (("text", n_text), ("html", n_html), ("corpus.jsonl", n_jsonl)) if n]


def baseline(paths: list[str]) -> int:
    """Read, decode and split on blank lines: the floor any reader pays."""
    n = 0
    for p in paths:
        path = Path(p)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            text = f.read_bytes().decode("utf-8")
            if f.suffix == ".jsonl":
                for line in text.splitlines():
                    [x for x in json.loads(line)["text"].split("\n\n") if x.strip()]
                    n += 1
            else:
                [x for x in text.split("\n\n") if x.strip()]
                n += 1
    return n


def _paragraph_accuracy(articles: list) -> float | None:  # type: ignore[type-arg]
    """Share of generated hard-wrapped texts whose paragraphs all came out whole."""
    scored = [a for a in articles if a.metadata.title in EXPECTED_PARAGRAPHS and a.source.format == "text"]
    if not scored:
        return None
    return round(sum(len(a.paragraphs) == EXPECTED_PARAGRAPHS[a.metadata.title] for a in scored) / len(scored), 4)


def timed(fn, *args):  # type: ignore[no-untyped-def]
    """Result and CPU seconds of this process (steadier than wall time on a shared machine)."""
    t0 = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents to generate (default 1000)")
    ap.add_argument("--html-share", type=float, default=0.2, help="share of HTML pages (default 0.2)")
    args = ap.parse_args()
    import trafilatura  # noqa: F401  (imported before timing: a one-off cost, not per document)

    from kronika.read import read_inputs
    from kronika.record import Article

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp), args.docs, args.html_share)
        size = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
        n_base, t_base = timed(baseline, paths)
        out, t_read = timed(lambda: list(read_inputs(paths)))
        articles = [a for a in out if isinstance(a, Article)]
        text_only = [p for p in paths if p.endswith("text")]
        n_text, t_text = timed(lambda: sum(1 for _ in read_inputs(text_only)))
        html_only = [p for p in paths if p.endswith("html")]
        n_html, t_html = timed(lambda: sum(1 for _ in read_inputs(html_only)))
    result = {
        "documents": len(out),
        "read_ok": len(articles),
        "megabytes": round(size / 1e6, 2),
        "reader_cpu_seconds": round(t_read, 3),
        "reader_docs_per_s": round(len(out) / t_read, 1),
        "reader_text_docs_per_s": round(n_text / t_text, 1) if n_text else None,
        "reader_html_docs_per_s": round(n_html / t_html, 1) if n_html else None,
        "baseline_docs_per_s": round(n_base / t_base, 1),
        "ratio_reader_to_baseline": round((len(out) / t_read) / (n_base / t_base), 4),
        "mean_paragraphs": round(sum(len(a.paragraphs) for a in articles) / max(1, len(articles)), 2),
        "text_docs_with_exact_paragraphs": _paragraph_accuracy(articles),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
