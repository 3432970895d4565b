"""In headless Chromium: an editor logs in, corrects a count, and the public sees it."""

from __future__ import annotations

import csv
import io

import pytest

from tests.factories import EDITOR_PASSWORD, make_editor, make_exchange, make_report

pytestmark = [
    pytest.mark.browser,
    # The Editors group is made again by the helpers after an earlier flush.
    pytest.mark.django_db(transaction=True),
]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def test_an_editor_corrects_a_count_and_the_public_page_and_csv_show_it(need_chromium, live_server):
    from playwright.sync_api import sync_playwright

    make_editor()
    exchange = make_exchange(to_ukraine=84, to_russia=60)
    make_report(exchange, to_ukraine=None)
    base = live_server.url

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=need_chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}/admin/exchanges/exchange/{exchange.pk}/change/")
            page.fill("#id_username", "editor")
            page.fill("#id_password", EDITOR_PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_selector("#id_to_ukraine")
            page.fill("#id_to_ukraine", "85")
            page.click("input[name=_save]")
            page.wait_for_selector(".messagelist .success")

            page.goto(f"{base}/exchanges/{exchange.pk}/")
            text = page.inner_text("main")
            assert "85" in text
            assert "84" not in text

            response = page.request.get(f"{base}/exchanges.csv")
            assert response.status == 200
            rows = {row["id"]: row for row in csv.DictReader(io.StringIO(response.text()))}
            assert rows[str(exchange.pk)]["to_ukraine"] == "85"
        finally:
            browser.close()

    exchange.refresh_from_db()
    assert exchange.to_ukraine == 85
    assert exchange.locked_fields == ["to_ukraine"]
