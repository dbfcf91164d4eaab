"""Browser tests: Playwright driving Debian's Chromium against ``kronika serve`` on loopback.

What the issue asks to see: the reader on the reference article with an event's sentence lit up
on click, the timeline filtered to Kazakhstan showing January 2022 and May 2023, and a pasted
article turned into its record. Screenshots go to ``tests/artifacts/``. Every page must load with
no console error (a Content-Security-Policy violation would show up there).
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .records import hostile_article

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

PASTED = (
    "On Wednesday the presidents of Mongolia and Kazakhstan met in Ulaanbaatar and signed an agreement on "
    "rail freight.\n\nThe ministers of transport will meet again in the autumn to review progress."
)


@pytest.fixture(scope="session")
def served(tmp_path_factory, reference_record):
    """``kronika serve`` equivalent: the app over a store holding the reference article, in a thread."""
    pytest.importorskip("playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    import uvicorn

    from kronika.record import Article
    from kronika.store import open_store
    from kronika.web import create_app

    db = tmp_path_factory.mktemp("browser-kb") / "kronika.db"
    store = open_store(str(db))
    store.ingest([Article.from_dict(reference_record), hostile_article()])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store=store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "record": reference_record}
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="session")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, served):
    ctx = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=served["base"])
    p = ctx.new_page()
    p.set_default_timeout(20_000)
    errors: list[str] = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.text else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("dialog", lambda d: (errors.append(f"a script ran: {d.message}"), d.dismiss()))
    p.errors = errors
    yield p
    ctx.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=False)


def test_reader_lights_up_an_event_sentence(page, served):
    rec = served["record"]
    page.goto(f"/articles/{rec['id']}")
    assert page.locator("#article-title").inner_text() == rec["metadata"]["title"]
    assert page.locator("mark.ent.t-PERSON").count() > 5  # leaders highlighted
    assert page.locator(".text .time").count() > 3
    may9 = next(t for t in rec["times"] if t["value"] == "2023-05-09")
    time_el = page.locator(f'.text .time[data-time="{rec["times"].index(may9)}"]')
    time_el.hover()
    assert "2023-05-09" in time_el.get_attribute("data-tip")
    shot(page, "reader")
    consult = [i for i, e in enumerate(rec["events"]) if e["type"] == "CONSULT"]
    index = consult[0] if consult else 0
    button = page.locator(f'button.margin-event[data-ev="{index}"]')
    button.click()
    lit = page.locator(".sent.lit")
    assert lit.count() > 0
    assert button.get_attribute("aria-pressed") == "true"
    lit_text = "".join(lit.all_inner_texts())
    sentence = rec["events"][index]["sentence"]["text"]
    assert " ".join(lit_text.split()) == " ".join(sentence.split())
    lit.first.scroll_into_view_if_needed()
    shot(page, "reader-event-lit")
    page.locator("#cite-button").click()
    expect(page.locator("#cite-text")).to_contain_text(rec["metadata"]["title"])
    assert page.errors == []


def test_timeline_filtered_to_kazakhstan(page):
    page.goto("/timeline")
    page.fill("#f-actor", "Kazakhstan")
    page.click("#f-apply")
    page.wait_for_url("**/timeline?actor=Kazakhstan**")
    page.wait_for_selector("#timeline-chart[data-ready=true]")
    dates = page.locator("#timeline-list li.event").evaluate_all("els => els.map(e => e.dataset.date)")
    assert any(d.startswith("2022-01") for d in dates), dates
    assert any(d.startswith("2023-05") for d in dates), dates
    assert page.locator("#timeline-chart rect.dot").count() == len([d for d in dates if d])
    shot(page, "timeline-kazakhstan")
    first = page.locator("#timeline-chart rect.dot").first
    event_id = first.get_attribute("data-event-id")
    first.click()
    details = page.locator(f'li.event[data-event-id="{event_id}"] details')
    assert details.get_attribute("open") is not None
    assert page.locator(f'li.event[data-event-id="{event_id}"] ul.sources li').count() >= 1
    page.locator("#tl-zoom-in").click()
    page.locator("#tl-zoom-in").click()
    shot(page, "timeline-zoomed")
    assert page.errors == []


def test_paste_an_article_and_get_its_record(page):
    page.goto("/")
    page.fill("#an-title", "Rail freight talks")
    page.fill("#an-published", "2024-06-12")
    page.fill("#an-text", PASTED)
    page.check("#an-store")  # a same-origin write from the page must pass the server's Origin check
    page.click("#an-submit")
    expect(page.locator("#an-status")).to_have_text(re.compile(r"^Analyzed\. Stored"), timeout=60_000)
    record = page.locator("#an-json").text_content()
    assert '"schema": "kronika.article/1"' in record
    assert '"title": "Rail freight talks"' in record
    assert "Ulaanbaatar" in record
    assert "Rail freight talks" in page.locator("#an-summary").inner_text()
    page.locator("#analyze-result").scroll_into_view_if_needed()
    shot(page, "home-pasted")
    page.locator("#an-open").click()
    page.wait_for_url("**/articles/**")
    assert page.locator("#article-title").inner_text() == "Rail freight talks"
    assert page.errors == []


def test_other_pages_render_without_errors(page, served):
    page.goto("/network")
    page.wait_for_selector("#network-chart[data-ready=true]")
    assert page.locator("#network-chart g.node").count() > 3
    shot(page, "network")
    page.locator("#network-chart g.node").first.dispatch_event("click")  # labels may overlap: no pointer
    page.wait_for_url("**/actors/**")
    page.wait_for_selector("#mentions-chart rect")
    shot(page, "actor")
    page.goto("/timeline?type=ASSAULT")
    page.locator("#timeline-list a.nsrc").first.click()
    page.wait_for_url("**/events/**")
    assert page.locator("table.sources-table tbody tr").count() >= 1
    shot(page, "story-event")
    page.goto("/search?q=drone")
    assert page.locator("ol.results li").count() >= 1
    shot(page, "search")
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    shot(page, "docs")
    page.goto("/")
    shot(page, "home")
    hostile = hostile_article()
    page.goto(f"/articles/{hostile.id}")
    page.locator("button.margin-event").first.click()
    page.locator(".text .time").first.hover()
    shot(page, "reader-hostile")
    assert "<script>" in page.locator("#article-title").inner_text()  # shown as text, not run
    assert page.errors == []
