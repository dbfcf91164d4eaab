"""Screenshots of the web UI for the docs: ``python tools/screenshots.py --db kronika.db --out docs/screenshots``.

Starts ``kronika serve`` on a free local port, drives Chromium through Playwright (the system
``/usr/bin/chromium`` when there is one), saves PNGs of the map, the dyad chart, ``/docs`` and
pages at a 375 px phone width, and stops the server.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

PAGES = [
    ("map", "/map", 1280),
    ("dyad", "/dyad?actor=KAZ&with=RUS", 1280),
    ("docs", "/docs", 1280),
    ("phone-home", "/", 375),
    ("phone-timeline", "/timeline", 375),
    ("phone-network", "/network", 375),
    ("phone-actor", "/actors/kb:KAZ", 375),
    ("phone-map", "/map", 375),
]


def _page(spec: str) -> tuple[str, str, int]:
    name, _, rest = spec.partition("=")
    path, _, width = rest.partition("@")
    if not name or not path.startswith("/"):
        raise SystemExit(f"--page {spec!r}: expected NAME=/path[@width]")
    return name, path, int(width or 1280)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", default="docs/screenshots")
    ap.add_argument(
        "--page",
        action="append",
        default=[],
        metavar="NAME=PATH[@WIDTH]",
        help="shoot only these pages (e.g. story=/events/ev-...@1280); default: the docs' set",
    )
    args = ap.parse_args()
    pages = [_page(p) for p in args.page] or PAGES
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "kronika", "serve", "--db", args.db, "--port", str(port), "--analysis-workers", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        exe = shutil.which("chromium") or os.environ.get("CHROMIUM")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
            for name, path, width in pages:
                page = browser.new_page(viewport={"width": width, "height": 900 if width > 500 else 812})
                page.goto(f"http://127.0.0.1:{port}{path}", wait_until="networkidle")
                if path == "/docs":
                    page.wait_for_selector(".swagger-ui .info", timeout=30000)
                    page.locator(".opblock-summary-path", has_text="/api/timeline").first.click()  # its answers
                page.wait_for_timeout(800)
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                page.screenshot(path=str(out / f"{name}.png"), full_page=width < 500 or bool(args.page))
                print(f"{name}: {path} at {width}px, horizontal overflow {overflow}px")
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
