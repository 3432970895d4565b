"""In headless Chromium: an editor clears a review queue of five items, each in a click or two."""

from __future__ import annotations

import pytest

from exchanges.models import Exchange, Report
from tests.editors.test_browser_correction import CHROMIUM_ARGS
from tests.factories import EDITOR_PASSWORD, make_editor, make_exchange, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_queue() -> dict:
    """Five flagged items, one for each decision an editor makes."""
    unsure = make_exchange(to_ukraine=84, to_russia=84, needs_review=True, review_reason="Unsure.")
    make_report(
        unsure,
        sentence="Ukraine and Russia swapped 84 prisoners each on Thursday.",
        needs_review=True,
    )
    misread = make_exchange(to_ukraine=95, to_russia=95, needs_review=True, review_reason="Unsure.")
    make_report(misread, sentence="In all 95 came home, 5 of them civilians.", needs_review=True)
    disputed = make_exchange(to_ukraine=90, needs_review=True, has_conflict=True)
    make_report(disputed, to_ukraine=84)
    make_report(disputed, to_ukraine=84)
    wrong = make_report(disputed, to_ukraine=90, sentence="Some 90 soldiers returned, a blog said.")
    trial = make_exchange(to_ukraine=12, to_russia=None, needs_review=True, review_reason="Unsure.")
    court = make_report(
        trial, to_ukraine=12, sentence="A court sentenced 12 prisoners of war.", needs_review=True
    )
    split = make_exchange(to_ukraine=300, needs_review=True, has_conflict=True)
    make_report(split, to_ukraine=300)
    official = make_report(split, to_ukraine=307, attributed_to="Coordination HQ")
    return {
        "unsure": unsure,
        "misread": misread,
        "disputed": disputed,
        "wrong": wrong,
        "trial": trial,
        "court": court,
        "split": split,
        "official": official,
    }


def test_an_editor_clears_a_queue_of_five_items_each_in_a_few_clicks(need_chromium, live_server):
    from playwright.sync_api import sync_playwright

    editor = make_editor()
    items = make_queue()
    base = live_server.url
    clicks = []

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=need_chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}/admin/exchanges/reviewitem/")
            page.fill("#id_username", "editor")
            page.fill("#id_password", EDITOR_PASSWORD)
            page.click("input[type=submit]")
            page.click("a.review-start")

            def act(selector: str) -> None:
                clicks.append(selector)
                page.click(selector)

            # 1. The reading is right: accept.
            page.wait_for_selector("mark")
            assert page.inner_text(".review-card mark") == "84"
            act("button.review-accept")
            # 2. The record counted civilians twice: correct in place.
            page.wait_for_selector(f"text=Review #{items['misread'].pk}")
            page.fill("#id_fix-to_ukraine", "90")
            page.fill("#id_fix-breakdown_civilians_to_ukraine", "5")
            act("button.review-correct")
            # 3. One source misread the figure: reject that reading.
            page.wait_for_selector(f"text=Review #{items['disputed'].pk}")
            act(f"#report-{items['wrong'].pk} button.review-wrong")
            # 4. A court case is no exchange.
            page.wait_for_selector(f"text=Review #{items['trial'].pk}")
            act(f"#report-{items['court'].pk} button.review-not_an_exchange")
            # 5. The official figure is the right one: take it.
            page.wait_for_selector(f"text=Review #{items['split'].pk}")
            act(f"#report-{items['official'].pk} button.review-take")
            page.wait_for_selector("text=The review queue is empty.")

            public = page.request.get(f"{base}/exchanges/{items['misread'].pk}/")
            assert public.status == 200
        finally:
            browser.close()

    assert len(clicks) == 5
    assert not Exchange.objects.filter(needs_review=True).exists()
    assert not Exchange.objects.filter(pk=items["trial"].pk).exists()
    assert Report.objects.get(pk=items["court"].pk).rejected == "not_an_exchange"
    values = {
        name: Exchange.objects.values_list("to_ukraine", flat=True).get(pk=items[name].pk)
        for name in ("unsure", "misread", "disputed", "split")
    }
    assert values == {"unsure": 84, "misread": 90, "disputed": 84, "split": 307}
    assert Exchange.objects.get(pk=items["misread"].pk).breakdown == {
        "civilians": {"to_ukraine": 5}
    }
    for name in ("unsure", "misread", "disputed", "split"):
        exchange = Exchange.objects.get(pk=items[name].pk)
        assert exchange.is_public
        assert exchange.history.first().history_user == editor
