"""The web page in real headless Chromium (Debian's, driven by Playwright) against a live uvicorn server.

Without /usr/bin/chromium these tests skip with the reason — except in CI (CI=true), where they fail.
Screenshots of the main views go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_api_data import fill

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("VEILLEUR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
KEY = "browser-key"

XSS_ARTICLE = ("La Russie achète des obus d'artillerie à la Corée du Nord. <script>window.__xss=1</script> "
               '<img src=x onerror="window.__xss=1"> Selon le New York Times.')


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    why = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(why)
    pytest.skip(why)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Iterator[str]:
    import uvicorn

    from veilleur.api import create_app

    _require_chromium()
    db = fill(tmp_path_factory.mktemp("web") / "v.db")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, api_key=KEY, extractor=lambda: pipeline),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=base_url)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    problems: list[str] = []
    # the page must be self-contained (no CDN) and clean under its CSP: any console error is a bug
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("request", lambda r: problems.append(f"external request {r.url}")
          if not r.url.startswith((base_url, "data:")) else None)
    pg.on("dialog", lambda d: (problems.append(f"dialog {d.message}"), d.dismiss()))
    pg.problems = problems
    yield pg
    ctx.close()
    assert not problems, problems


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def expect(locator: Any) -> Any:
    # Playwright's expect polls from outside the page: string predicates (wait_for_function)
    # would need 'unsafe-eval', which the page's CSP rightly forbids
    from playwright.sync_api import expect as _expect

    return _expect(locator)


def test_events_table_filters(page: Any) -> None:
    page.goto("/")
    rows = page.locator("#events tbody tr")
    assert rows.count() == 5
    shot(page, "events")
    page.fill("input[name=actor]", "IRN")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*actor=IRN*")
    assert rows.count() == 1
    assert rows.first.locator("td.actor").inner_text() == "IRN"
    assert "1 événement" in page.locator("#count").inner_text()
    page.select_option("select[name=type]", "SANCTION")
    page.click("form.filters button[type=submit]")
    assert page.locator("#events").count() == 0 and page.locator(".empty").is_visible()


def test_evidence_view_highlights(page: Any) -> None:
    page.goto("/?actor=PRK&modality=alleged")
    page.locator("a.evidence-link").first.click()
    page.wait_for_url("**/evidence/prk-rus?event=*")
    art = page.locator("#article")
    assert art.locator("mark.k-trigger").first.inner_text() == "acheté"
    assert art.locator("mark.k-actor").first.inner_text() == "la Corée du Nord"
    assert art.locator("mark.k-recipient").first.inner_text() == "La Russie"
    assert art.locator("mark.k-cue").first.inner_text() == "aurait"
    assert art.locator("mark.k-arms").first.inner_text() == "obus"
    assert {t.strip() for t in art.locator("mark.k-source").all_inner_texts()} >= {"New York Times"}
    tags = art.locator(".tag").all_inner_texts()
    assert "[déclencheur AID]" in tags and "[acteur PRK]" in tags and "[cible RUS]" in tags
    chain = page.locator("ol.path li.node").all_inner_texts()
    assert "Le Monde" in chain[0] and "New York Times" in chain[1] and "renseignement" in chain[2]
    assert "AID" in chain[-1]
    # the raw text is shown whole, residue included
    assert "Le Kremlin n'a pas commenté." in art.inner_text()
    shot(page, "evidence")


def test_graph_node_and_edge_are_links(page: Any) -> None:
    page.goto("/graph")
    assert page.locator("#flow-graph a.edge").count() == 3
    shot(page, "graph")
    page.locator('#flow-graph a.node[data-code="IRN"]').click()
    page.wait_for_url("**/timeline?actor=IRN")
    items = page.locator("#timeline li").all_inner_texts()
    assert len(items) == 1 and "AID IRN → RUS" in items[0]
    shot(page, "timeline")
    page.goto("/graph")
    # a user clicks the arrow's label (the middle of a curved arrow's box is empty space)
    page.locator('#flow-graph a.edge[data-supplier="PRK"][data-recipient="RUS"] text').click()
    page.wait_for_url("**/stories?*")
    actors = page.locator("#stories td.actor").all_inner_texts()
    assert actors and set(actors) == {"PRK"}
    assert set(page.locator("#stories td.recipient").all_inner_texts()) == {"RUS"}


def test_sanctions_view(page: Any) -> None:
    page.goto("/sanctions")
    page.locator("#regimes a", has_text="UN-IRAN").click()
    page.wait_for_url("**/sanctions?regime=UN-IRAN")
    row = page.locator("#links tbody tr").first
    assert "UNSCR 2231" in row.inner_text() and "violates" in row.inner_text()
    shot(page, "sanctions")


def test_upload_with_key_then_see_events(page: Any) -> None:
    page.goto("/upload")
    page.fill("#up-text", "Les États-Unis ont livré des chars Abrams à l'Ukraine, a annoncé le Pentagone.")
    page.fill("#up-date", "2023-01-25")
    page.fill("#up-key", "wrong")
    page.click("#up-submit")
    expect(page.locator("#upload-status")).to_contain_text("Erreur 401")
    page.problems.clear()  # the browser logs the refused request itself; that one is expected
    page.fill("#up-key", KEY)
    page.fill("#up-source", "Le Monde")
    page.click("#up-submit")
    expect(page.locator("#upload-status")).to_contain_text("Enregistré", timeout=90_000)
    events = page.locator("li.upload-event").all_inner_texts()
    assert any("AID USA → UKR" in e for e in events), events
    shot(page, "upload")
    page.locator("li.upload-event a").first.click()
    page.wait_for_url("**/evidence/*")
    assert page.locator("#article mark.k-trigger").count() >= 1
    page.goto("/?actor=USA&since=2023-01-25")
    assert page.locator("#events tbody tr").count() >= 1


def test_xss_article_runs_nothing(page: Any) -> None:
    # stored by the fixture (text and title carry scripts and an onerror image)
    page.goto("/evidence/xss")
    assert page.evaluate("typeof window.__xss") == "undefined"
    art = page.locator("#article").inner_text()
    assert "<script>window.__xss=1</script>" in art and 'onerror="window.__xss=1"' in art
    assert page.locator("#article script, #article img").count() == 0
    assert "<script>" in page.locator("h1").inner_text()
    # and through the form, with the real pipeline, then on every view that shows it
    page.goto("/upload")
    page.fill("#up-text", XSS_ARTICLE)
    page.fill("#up-date", "2022-09-06")
    page.fill("#up-title", "<img src=x onerror=\"window.__xss=1\">")
    page.fill("#up-key", KEY)
    page.click("#up-submit")
    expect(page.locator("#upload-status")).to_contain_text("Enregistré", timeout=90_000)
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.locator("#upload-result a").first.click()
    page.wait_for_url("**/evidence/*")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert "<script>window.__xss=1</script>" in page.locator("#article").inner_text()
    for url in ("/", "/stories", "/graph", "/timeline?actor=PRK", "/sanctions?regime=UN-DPRK"):
        page.goto(url)
        assert page.evaluate("typeof window.__xss") == "undefined", url
