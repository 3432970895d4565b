"""Lists of names and what a side wants are plans, never an exchange that happened."""

import datetime as dt

from ingest.extraction import extract_events

PUBLISHED = dt.date(2025, 6, 3)


def counts(text, language="ru"):
    found = extract_events(text, published=PUBLISHED, language=language)
    return [(e.to_ukraine, e.to_russia) for e in found]


def test_a_published_list_of_prisoners_is_not_an_exchange():
    text = "Омбудсмен обнародовала список из 410 пленных, которых Киев якобы не забирает в обмен."
    assert counts(text) == []


def test_a_side_that_wants_people_back_has_not_got_them_yet():
    text = "Київ хоче забрати з полону ще 800 людей, списки для обміну вже складають."
    assert counts(text, language="uk") == []
    text = "Заявили, что Украина не хочет забирать 410 пленных в ходе обмена."
    assert counts(text) == []


def test_people_who_came_back_after_a_list_was_sent_are_counted():
    text = "Москва передала список из 500 имен, и из плена вернулись 120 российских военных."
    assert counts(text) == [(None, 120)]


def test_an_undated_formula_above_the_days_own_swap_is_the_size_of_the_plan():
    text = (
        "Russia and Ukraine began their 800-for-800 prisoner exchange\n\n"
        "On Friday, 270 Ukrainian soldiers came home from Russian captivity, Kyiv said."
    )
    found = extract_events(text, published=PUBLISHED, language="en")
    assert [(e.to_ukraine, e.to_russia) for e in found] == [(270, None)]


def test_an_agreed_formula_stays_an_event_of_its_own():
    text = (
        "The delegations agreed to swap 800 prisoners each, with no date set.\n\n"
        "The last exchange took place on 2 May, when 150 were returned to each side."
    )
    found = extract_events(text, published=PUBLISHED, language="en")
    assert sorted((e.to_ukraine, e.to_russia) for e in found) == [(150, 150), (800, 800)]
