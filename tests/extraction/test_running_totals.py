"""Figures that count every exchange so far are running totals, never one exchange."""

import datetime as dt

from ingest.extraction import extract_events

PUBLISHED = dt.date(2025, 4, 10)


def counts(text, language="uk"):
    found = extract_events(text, published=PUBLISHED, language=language)
    return [(e.to_ukraine, e.to_russia) for e in found]


def test_already_followed_by_a_figure_is_a_count_so_far():
    assert counts("З полону додому повернули вже 4120 наших громадян.") == []


def test_already_managed_to_bring_back_is_a_count_so_far():
    text = "Від початку вторгнення нам уже вдалося повернути з неволі 4 120 людей."
    assert counts(text) == []


def test_already_before_an_ordinal_ranks_the_exchange_and_is_kept():
    text = "Сьогодні з полону повернулися 84 захисники; це вже 70-й обмін."
    assert counts(text) == [(84, None)]


def test_a_figure_counted_as_of_a_day_is_a_count_so_far():
    text = "За даними омбудсмена, на 2 квітня з полону вдалося повернути 6100 українців."
    assert counts(text) == []


def test_a_figure_counted_as_of_the_start_of_a_month_is_a_count_so_far():
    text = "Загалом на початок квітня вдалось повернути з неволі 2700 осіб."
    assert counts(text) == []


def test_a_figure_over_a_numbered_series_of_exchanges_is_a_count_so_far():
    assert counts("У межах 60 обмінів з полону повернули 4800 людей.") == []


def test_a_figure_for_a_whole_year_in_russian_is_that_years_total():
    text = "В 2024 году из плена на родину вернулись 1700 российских военных."
    assert counts(text, language="ru") == []


def test_the_first_swap_of_a_year_is_one_exchange():
    text = "Это первый в 2026 году обмен: из плена вернулись 120 российских военных."
    assert counts(text, language="ru") == [(None, 120)]


def test_more_people_than_any_one_swap_freed_told_without_an_exchange_is_a_total():
    text = "Ukraine has managed to bring back 4,020 of its citizens, the ombudsman told a forum."
    assert counts(text, language="en") == []
    assert counts("Из плена освобождены 2415 украинцев", language="ru") == []


def test_a_large_handover_of_bodies_is_still_an_event():
    text = "Ukraine has received the bodies of 1,900 fallen soldiers, the headquarters said."
    assert counts(text, language="en") == [(1900, None)]


def test_a_large_figure_told_with_the_exchange_is_still_an_event():
    text = "In the exchange on Friday, Ukraine got back 1,600 of its soldiers, Kyiv said."
    assert counts(text, language="en") == [(1600, None)]
