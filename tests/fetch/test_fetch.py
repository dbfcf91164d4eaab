"""URLs and feeds (issue 14.3), against a local HTTP server the tests start (no outside network)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kronika.errors import KronikaError
from kronika.fetch import Fetcher, feed_items, read_urls
from kronika.settings import Settings

ROOT = Path(__file__).resolve().parents[2]

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title>
<meta name="author" content="Desk Writer"><meta property="article:published_time" content="{date}">
<meta property="og:site_name" content="Local Desk"></head><body><article><h1>{title}</h1>
<p>{body}</p><p>Officials said the talks would continue next month in the capital.</p></article></body></html>"""

ARTICLES = {
    "/news/talks.html": (
        "Leaders meet in Astana",
        "2023-06-01",
        "Kazakhstan's president met Russia's president in Astana on Thursday to discuss trade and transit routes.",
    ),
    "/news/strike.html": (
        "Drones over Kyiv",
        "2023-06-02",
        "Russia attacked Kyiv with drones overnight into Friday, the Ukrainian air force said.",
    ),
    "/news/later.html": (
        "EU urges calm",
        "2023-06-03",
        "The European Union urged Kazakhstan on Saturday to show restraint during the protests.",
    ),
    "/private/secret.html": ("Not for robots", "2023-06-01", "Nothing to see here, said the spokesman."),
}


def rss(paths: list[str], base: str) -> str:
    items = "".join(
        f"<item><title>{ARTICLES[p][0]}</title><link>{base}{p}</link>"
        f"<pubDate>Thu, 0{i + 1} Jun 2023 10:00:00 GMT</pubDate></item>"
        for i, p in enumerate(paths)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Desk</title>{items}</channel></rss>'


class Site:
    """What the local server serves and what it was asked."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self.feed = ["/news/talks.html", "/news/strike.html"]
        self.flaky_left = 1
        self.base = ""


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = self.path
            site.hits[path] += 1
            if path == "/robots.txt":
                return self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
            if path == "/flaky.html":
                if site.flaky_left:
                    site.flaky_left -= 1
                    return self._send(503, "busy", "text/plain")
                return self._send(
                    200,
                    PAGE.format(**dict(zip(("title", "date", "body"), ARTICLES["/news/talks.html"], strict=True))),
                    "text/html",
                )
            if path == "/feed.xml":
                return self._send(200, rss(site.feed, site.base), "application/rss+xml")
            if path in ARTICLES:
                title, date, body = ARTICLES[path]
                return self._send(200, PAGE.format(title=title, date=date, body=body), "text/html")
            return self._send(404, "not here", "text/plain")

        def _send(self, status: int, body: str, ctype: str) -> None:
            data = body.encode("utf-8")
            etag = '"' + hashlib.sha1(data).hexdigest()[:12] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                site.conditional[self.path] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", f"{ctype}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if status == 200:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", "Thu, 01 Jun 2023 10:00:00 GMT")
            self.end_headers()
            self.wfile.write(data)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(s))
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


def test_robots_retries_and_the_conditional_cache(site, tmp_path) -> None:
    with Fetcher(cache=tmp_path / "cache", delay=0) as f:
        with pytest.raises(KronikaError, match=r"robots\.txt") as err:
            f.fetch(site.base + "/private/secret.html")
        assert err.value.code == "E141" and site.hits["/private/secret.html"] == 0
        got = f.fetch(site.base + "/flaky.html")  # a 503 first, then the page
        assert b"Leaders meet" in got.body and site.hits["/flaky.html"] == 2 and not got.not_modified
        again = f.fetch(site.base + "/flaky.html")  # asked with If-None-Match: 304, served from the cache
        assert again.not_modified and again.body == got.body and site.conditional["/flaky.html"] == 1
        with pytest.raises(KronikaError, match="404") as missing:
            f.fetch(site.base + "/gone.html")
        assert missing.value.code == "E142"
    assert site.hits["/robots.txt"] == 1  # once per site
    assert len(list((tmp_path / "cache").glob("*.body"))) == 1


def test_feed_items_and_pages_read_as_articles(site, tmp_path) -> None:
    with Fetcher(cache=tmp_path / "cache", delay=0) as f:
        items = feed_items(f, site.base + "/feed.xml")
        assert [i["url"] for i in items] == [site.base + p for p in site.feed]
        assert items[0]["title"] == "Leaders meet in Astana" and items[0]["published"] == "2023-06-01"
        docs = list(read_urls([*items, site.base + "/private/secret.html"], Settings(), f))
    a, b, refused = docs
    assert a.metadata.title == "Leaders meet in Astana" and a.metadata.url == site.base + "/news/talks.html"
    assert a.metadata.published == "2023-06-01" and "Astana on Thursday" in a.text
    assert b.metadata.publication == "Local Desk"
    assert refused.code == "E141" and refused.stage == "fetch"
    with Fetcher(cache=tmp_path / "cache", delay=0) as f:  # a new run: unchanged pages are left out
        assert list(read_urls(items, Settings(), f, skip_unchanged=True)) == []


@pytest.mark.slow
def test_cli_analyze_url_ingest_url_list_feed_and_watch(site, tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "KRONIKA_CACHE": str(tmp_path / "cache")}

    def kronika(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kronika", *args], capture_output=True, text=True, env=env, timeout=600
        )

    one = kronika("analyze", site.base + "/news/strike.html")
    assert one.returncode == 0, one.stderr
    rec = json.loads(one.stdout)
    assert rec["metadata"]["url"] == site.base + "/news/strike.html" and rec["events"]
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# two pages\n{site.base}/news/talks.html\n{site.base}/private/secret.html\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    got = kronika("ingest", "--url-list", str(urls), "--delay", "0", "--db", db, "--format", "json")
    assert got.returncode == 1 and "robots.txt" in got.stderr  # the refused page is a failure, the other stored
    assert json.loads(got.stdout)["new"] == 1
    fed = kronika("ingest", "--feed", site.base + "/feed.xml", "--delay", "0", "--db", db, "--format", "json")
    assert fed.returncode == 0, fed.stderr
    assert json.loads(fed.stdout)["new"] == 1 and json.loads(fed.stdout)["skipped"] == 1  # talks already stored
    site.feed.append("/news/later.html")
    w = kronika(
        "watch", "--feed", site.base + "/feed.xml", "--every", "0s", "--rounds", "2", "--delay", "0", "--db", db
    )
    assert w.returncode == 0, w.stderr
    lines = [x for x in w.stdout.splitlines() if "round" in x]
    assert "1 new" in lines[0] and "0 new" in lines[1]  # only the new item; then nothing changed
