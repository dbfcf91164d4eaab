"""Full-text search over paragraphs: FTS5 on SQLite, ``to_tsvector`` on PostgreSQL.

Users type words and "quoted phrases"; on SQLite the query is rebuilt from those as FTS5 strings,
so punctuation ("drone-attack", "U.S.") never turns into FTS5 syntax errors.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kronika.store.filters import check_page
from kronika.store.schema import articles, event_sources

_TERM = re.compile(r'"([^"]+)"|(\S+)')
_WORDS = re.compile(r"\w+", re.UNICODE)
_WINDOW = 4000  # characters of a long paragraph given to ts_headline (PostgreSQL)


def fts5_query(q: str) -> str:
    """User text -> an FTS5 query: every word or quoted phrase must occur (AND), as FTS5 strings."""
    terms = []
    for phrase, word in _TERM.findall(q):
        words = _WORDS.findall(phrase or word)
        if words:
            terms.append('"' + " ".join(words) + '"')
    return " ".join(terms)


def search(conn: Connection, q: str, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Paragraphs matching ``q``, best first: article id, title, outlet, published, paragraph
    number, a snippet with matches in ``[brackets]``, and the story events reported in it."""
    check_page(limit, offset)
    if conn.dialect.name == "sqlite":
        match = fts5_query(q)
        if not match:
            return []
        # The best page first, then snippets for its rows only: SQLite computes every output
        # column of every match before sorting, and snippet() is the costly one (a common word at
        # 1k articles: 14.5 ms for all matches against 1.5 ms for the page).
        rows = conn.execute(
            sa.text(
                "WITH page AS (SELECT paragraphs_fts.rowid AS rid, bm25(paragraphs_fts) AS rank "
                "FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid "
                "JOIN articles a ON a.id = p.article_id AND a.current "
                "WHERE paragraphs_fts MATCH :q ORDER BY rank, rid LIMIT :n OFFSET :o) "
                'SELECT p.id, p.article_id, p.n, p.start, p."end", '
                "snippet(paragraphs_fts, 0, '[', ']', '…', 16) AS snippet, page.rank AS rank "
                "FROM paragraphs_fts JOIN page ON page.rid = paragraphs_fts.rowid "
                "JOIN paragraphs p ON p.id = paragraphs_fts.rowid "
                "WHERE paragraphs_fts MATCH :q ORDER BY page.rank, page.rid"
            ),
            {"q": match, "n": limit, "o": offset},
        ).all()
    else:
        rows = conn.execute(
            sa.text(
                # Ranked on the stored vector (migration 0004); the headline only for the page shown,
                # and over a window of the paragraph: ts_headline re-parses all the text it is given
                # (a 176,000-character transcript paragraph took ~0.4 s), so a long paragraph gives
                # it _WINDOW characters from just before the query's first lexeme (English stems are
                # prefixes of their words in most cases; when not found, the paragraph's start).
                'WITH hits AS (SELECT p.id, p.article_id, p.n, p.start, p."end", '
                f"CASE WHEN length(p.text) <= {_WINDOW} THEN p.text ELSE substr(p.text, greatest("
                "strpos(lower(p.text), (regexp_match(query::text, $$'([^']+)'$$))[1]) "
                f"- {_WINDOW // 4}, 1), {_WINDOW}) END AS text, "
                "-ts_rank(p.tsv, query) AS rank, query "
                "FROM paragraphs p JOIN articles a ON a.id = p.article_id AND a.current, "
                "websearch_to_tsquery('english', :q) AS query "
                "WHERE p.tsv @@ query ORDER BY rank LIMIT :n OFFSET :o) "
                'SELECT id, article_id, n, start, "end", rank, '
                "ts_headline('english', text, query, 'StartSel=[, StopSel=], MaxFragments=1, MaxWords=30') "
                "AS snippet FROM hits ORDER BY rank"
            ),
            {"q": q, "n": limit, "o": offset},
        ).all()
    if not rows:
        return []
    meta = {
        r.id: r
        for r in conn.execute(
            sa.select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, articles.c.url).where(
                articles.c.id.in_({r.article_id for r in rows})
            )
        )
    }
    evs: dict[str, list[tuple[int, str]]] = {}
    for r in conn.execute(
        sa.select(event_sources.c.article_id, event_sources.c.sentence_start, event_sources.c.event_id).where(
            event_sources.c.article_id.in_(list(meta))
        )
    ):
        evs.setdefault(r.article_id, []).append((r.sentence_start or -1, r.event_id))
    out = []
    for r in rows:
        m = meta[r.article_id]
        in_par = sorted({eid for start, eid in evs.get(r.article_id, []) if r.start <= start < r.end})
        out.append(
            {
                "article_id": r.article_id,
                "title": m.title,
                "outlet": m.outlet,
                "published": m.published,
                "url": m.url,
                "paragraph": r.n,
                "snippet": r.snippet,
                "rank": round(float(r.rank), 4),
                "events": in_par,
            }
        )
    return out
