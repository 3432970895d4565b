"""The pages in headless Debian Chromium: they load cleanly, charts draw, filters and
the CSV link work, and nothing is requested from anywhere but our own server."""

from __future__ import annotations

import csv
import os
from urllib.parse import urlsplit

import pytest

from tests.conftest import CHROMIUM, need
from tests.factories import make_known_dataset, make_report, make_source

pytestmark = [
    pytest.mark.browser,
    # Transactional tests run after the others (pytest-django orders them so); the
    # rows they need from data migrations are made again by the factories.
    pytest.mark.django_db(transaction=True),
]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    need(os.path.exists(CHROMIUM), f"needs Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own database
    # access (fixtures creating rows for the live server) is still plain synchronous
    # code. Allowed for this module only, and put back afterwards.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def data(live_server):
    data = make_known_dataset()
    data["source"] = make_source(title="A failed fetch", status="failed", error="HTTP 404")
    make_report(exchange=data["bodies"], source=make_source(outlet="Ukrinform"))
    return data


class Visit:
    """A page that records console errors and refuses requests to any other host."""

    def __init__(self, browser, live_server, **context_options):
        self.base = live_server.url
        self.context = browser.new_context(accept_downloads=True, **context_options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        own = urlsplit(self.base).netloc
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def guard(route):
            if urlsplit(route.request.url).netloc == own:
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort()

        self.page.route("**/*", guard)

    def go(self, path: str):
        response = self.page.goto(self.base + path)
        assert response.status == 200, path
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, live_server, data):
    visit = Visit(browser, live_server)
    yield visit
    visit.close()


def test_it_loads_every_page_cleanly_and_draws_each_chart(visit, data):
    pages = [
        "/",
        "/totals/",
        "/mediators/",
        "/mediators/uae/",
        "/exchanges/",
        data["may"].get_absolute_url(),
        "/sources/",
        data["source"].get_absolute_url(),
    ]
    for path in pages:
        page = visit.go(path)
        page.wait_for_load_state("load")
        charts = page.locator("[data-chart]")
        for i in range(charts.count()):
            charts.nth(i).locator(".main-svg").first.wait_for(state="attached", timeout=10_000)
    assert visit.errors == []
    assert visit.outside == []
    # Every chart page drew at least one chart.
    for path in ["/", "/totals/", "/mediators/", "/mediators/uae/"]:
        page = visit.go(path)
        page.locator(".chart-drawn .main-svg").first.wait_for(state="attached", timeout=10_000)


def test_it_changes_the_rows_when_a_filter_is_applied(visit):
    page = visit.go("/exchanges/")
    assert page.locator("table.data-table tbody tr").count() == 6  # one awaits review
    page.select_option("select[name=kind]", "body_repatriation")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "kind=body_repatriation" in page.url
    rows = page.locator("table.data-table tbody tr")
    assert rows.count() == 1
    assert "6,057" in rows.first.inner_text()
    assert visit.errors == [] and visit.outside == []


def test_it_downloads_the_filtered_csv(visit, data, tmp_path):
    page = visit.go("/?mediator=uae")
    with page.expect_download() as info:
        page.click("text=Download CSV")
    path = tmp_path / "exchanges.csv"
    info.value.save_as(path)
    with path.open(newline="", encoding="utf-8") as f:
        ids = [int(row["id"]) for row in csv.DictReader(f)]
    assert ids == [data["may"].pk, data["jan"].pk]
    assert visit.outside == []


def test_it_fits_a_phone_screen(browser, live_server, data):
    visit = Visit(browser, live_server, viewport={"width": 390, "height": 844})
    try:
        for path in ["/", "/totals/", "/exchanges/"]:
            page = visit.go(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
    finally:
        visit.close()


def test_the_api_docs_page_works_from_our_own_files_and_the_header_links_it(visit):
    page = visit.go("/")
    with page.expect_navigation():
        page.click("header nav >> text=API")
    assert page.url.endswith("/api/docs/")
    # Swagger UI has fetched the schema and drawn the operations.
    page.locator(".opblock-summary-path", has_text="/api/exchanges/").first.wait_for(timeout=15_000)
    page.locator(".opblock-summary-path").first.click()
    page.wait_for_timeout(300)
    assert page.locator(".opblock-summary-path").count() >= 5
    assert visit.errors == []
    assert visit.outside == []


def test_the_feed_link_of_a_filtered_page_gives_that_filter_s_feed(visit, data):
    import feedparser

    page = visit.go("/exchanges/?kind=body_repatriation")
    href = page.locator('link[rel=alternate][type="application/atom+xml"]').get_attribute("href")
    assert href == "/feeds/exchanges.atom?kind=body_repatriation"
    shown = page.locator("a", has_text="Atom feed of their changes").get_attribute("href")
    assert shown == href
    body = page.evaluate("href => fetch(href).then(r => r.text())", href)
    feed = feedparser.parse(body)
    assert [e.id for e in feed.entries] == [
        visit.base + data["bodies"].get_absolute_url(),
    ]
    assert visit.errors == [] and visit.outside == []
