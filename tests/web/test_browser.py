"""A real browser (headless Chromium driven by Playwright) over a real server: ingest the
seed article with ``parley ingest``, search for "Ushakov", open the article, and see the
highlighted quote and the date-conflict flag; a hostile article opens no dialog.

Chromium is Debian's ``/usr/bin/chromium`` (no ``playwright install``). Without it the test
is skipped on a laptop and fails in CI.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from web_helpers import hostile_record

from conftest import IN_CI, shared_path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
SEED_PUBLISHED = "2025-12-22"  # as tests/test_seed.py


def _need(ok: bool, message: str) -> None:
    if not ok:
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path, monkeypatch):
    """``parley ingest`` the seed article (and store a hostile record), then serve the store
    with uvicorn in a thread; yields the base URL."""
    import parley.cli
    from parley.store import connect, store_analyses

    seed = shared_path("seed", "article.txt")
    db = tmp_path / "browser.db"
    monkeypatch.setattr(parley.cli, "COMMANDS", ("parley.store.cli",))
    code = parley.cli.main(["ingest", str(seed), "--published", SEED_PUBLISHED, "--db", str(db)])
    assert code == 0
    conn = connect(db)
    store_analyses(conn, [hostile_record()])
    conn.close()

    import uvicorn

    from parley.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    _need(CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "the playwright package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def test_search_open_and_see_quote_and_date_conflict(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/")
    page.fill("form.filters input[name=q]", "Ushakov")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?q=Ushakov*")
    hit = page.locator("li.hit").first
    assert "Ushakov" in hit.locator(".snippet mark").first.inner_text()
    hit.locator("a.title").click()
    page.wait_for_url("**/articles/sha256:*")

    quote = page.locator(".text .hl-quote", has_text="No one has seriously addressed").first
    assert quote.is_visible()
    assert "Ushakov" in (quote.get_attribute("title") or "")
    background = quote.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # it is highlighted

    flag = page.locator('.text [data-flags~="flag-date_conflict"]', has_text="2012").first
    assert flag.is_visible() and flag.inner_text() == "2012"
    assert page.locator('li.flag[data-kind="date_conflict"]').is_visible()

    flag.click()  # the static script pins the details in the side panel
    pinned = page.locator("#details .note-flag:not([hidden])")
    assert pinned.is_visible() and "date_conflict" in pinned.inner_text()

    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    assert (tmp_path / "article.png").stat().st_size > 10_000
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_hostile_article_opens_no_dialog(server, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/?q=Geneva")
    page.locator("li.hit a.title").first.click()
    page.wait_for_url("**/articles/sha256:*")
    page.locator(".text .hl").first.hover()
    page.locator(".text .hl").first.click()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert "<script>alert(1)</script>" in page.locator(".text").inner_text()
    assert page.locator(".text img").count() == 0


def _no_csp_errors(page):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def test_quotes_page_filters_and_opens_the_article(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = _no_csp_errors(page)
    page.goto(server + "/actor?name=Ushakov")
    page.locator("dd a", has_text="by Yuri Ushakov").click()  # the "statements" count
    page.wait_for_url("**/quotes?speaker=*")
    rows = page.locator("table.quotes tbody tr")
    assert rows.count() >= 1
    first = rows.first
    assert "Ushakov" in first.locator("td").nth(1).inner_text()
    said = first.locator("mark.said").inner_text()
    sentence = first.locator("td.sentence").inner_text()
    assert said and said in sentence and len(sentence) >= len(said)
    # the filter form keeps the speaker and adds a date range; the CSV link follows
    page.fill("form.filters input[name=since]", SEED_PUBLISHED)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"**since={SEED_PUBLISHED}*")
    assert rows.count() >= 1
    csv_href = page.locator("a.csv").get_attribute("href")
    assert csv_href.startswith("/quotes.csv?") and f"since={SEED_PUBLISHED}" in csv_href
    csv = page.request.get(server + csv_href)
    assert csv.ok and csv.text().count("\n") == rows.count() + 1
    first.locator("td").last.locator("a").click()
    page.wait_for_url("**/articles/sha256:*#quote-*")
    target = page.locator(".text .hl-quote:target")  # the quote itself, pinned
    assert target.count() == 1 and said.startswith(target.inner_text().strip()[:20])
    pinned = page.locator("#details .note-quote:not([hidden])")
    assert pinned.count() >= 1 and "Ushakov" in pinned.first.inner_text()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_actors_sorted_by_mentions_then_by_name_and_kind(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server + "/actors")
    mentions = [int(t) for t in page.locator("table.rows tbody td:nth-child(6)").all_inner_texts()]
    assert len(mentions) >= 5 and mentions == sorted(mentions, reverse=True)
    page.locator("th a.sort", has_text="name").click()
    page.wait_for_url("**sort=name*")
    names = page.locator("table.rows tbody td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    page.select_option("select[name=kind]", "person")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**kind=person*")
    kinds = set(page.locator("table.rows tbody td:nth-child(2)").all_inner_texts())
    assert kinds == {"person"}
    page.locator("th a.sort", has_text="mentions").click()  # high first, kind kept
    page.wait_for_url("**sort=-mentions*")
    assert "kind=person" in page.url
    page.locator("table.rows tbody a.actor").first.click()
    page.wait_for_url("**/actor?name=*")
    often = page.locator("dt:has-text('often with') + dd a")
    assert often.count() >= 1
    assert all(":" not in t for t in often.all_inner_texts())  # names, not KB ids


def test_stories_shown_by_default_and_lists_sort_by_column(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server + "/stories")
    story = page.locator("table.rows tbody a[href^='/stories/']").first
    title = story.inner_text()
    assert title and "," not in title.split()[0]  # a sentence, not a keyword list
    story.click()
    page.wait_for_url("**/stories/*")
    linked = page.locator("ol.timeline a[href^='/articles/']").first.inner_text()
    assert len(linked.split()) >= 3  # an article by its title or lead, not by its hash
    page.goto(server + "/")
    page.locator("th a.sort", has_text="entities").click()  # most first, on the server
    page.wait_for_url("**sort=-entities*")
    counts = [int(t) for t in page.locator("table.rows tbody td:nth-child(4)").all_inner_texts()]
    assert len(counts) == 2 and counts == sorted(counts, reverse=True)
    page.locator("th a.sort", has_text="entities").click()
    page.wait_for_url("**sort=entities*")
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("entities")


def test_article_sidebar_scrolls_on_its_own(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server + "/?q=Ushakov")
    page.locator("li.hit a.title").first.click()
    page.wait_for_url("**/articles/sha256:*")
    box = page.locator("aside.side").bounding_box()
    assert box is not None and box["height"] <= 900
    assert page.locator("aside.side").evaluate("e => getComputedStyle(e).overflowY") == "auto"
    published = page.locator("p.meta time").inner_text()
    assert published == "22 December 2025"
