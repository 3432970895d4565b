"""Dates are shown as precisely as the sources give them, no more."""

import datetime as dt

from exchanges.templatetags.dashboard import describe_date


def test_it_shows_a_day():
    assert describe_date(dt.date(2025, 5, 23), "day") == "23 May 2025"


def test_it_shows_only_the_month_when_only_the_month_is_known():
    assert describe_date(dt.date(2025, 5, 1), "month") == "May 2025"


def test_it_shows_a_week_as_the_week_of_its_first_day():
    assert describe_date(dt.date(2025, 5, 12), "week") == "week of 12 May 2025"


def test_it_shows_a_multi_day_exchange_as_a_range():
    assert describe_date(dt.date(2025, 5, 23), "day", dt.date(2025, 5, 25)) == "23–25 May 2025"
    assert describe_date(dt.date(2025, 5, 30), "day", dt.date(2025, 6, 1)) == "30 May – 1 June 2025"


def test_it_says_when_the_date_is_unknown():
    assert describe_date(None, "unknown") == "date unknown"
