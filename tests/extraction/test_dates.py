import datetime as dt

from ingest.extraction.dates import find_dates

SATURDAY = dt.date(2024, 6, 8)


def first(text, published=SATURDAY):
    found = find_dates(text, published)
    return (found[0].date, found[0].precision) if found else None


def test_it_reads_absolute_dates_in_english():
    assert first("on 12 March 2024") == (dt.date(2024, 3, 12), "day")
    assert first("on March 12, 2024") == (dt.date(2024, 3, 12), "day")
    assert first("on 04.02.2024") == (dt.date(2024, 2, 4), "day")


def test_it_places_a_day_without_a_year_before_publication():
    assert first("on December 30") == (dt.date(2023, 12, 30), "day")
    assert first("on June 3") == (dt.date(2024, 6, 3), "day")


def test_it_reads_ukrainian_and_russian_months_in_the_genitive():
    assert first("3 березня 2024 року") == (dt.date(2024, 3, 3), "day")
    assert first("3 марта 2024 года") == (dt.date(2024, 3, 3), "day")


def test_it_reads_a_month_alone_as_month_precision():
    assert first("in October 2023") == (dt.date(2023, 10, 1), "month")
    assert first("у лютому") == (dt.date(2024, 2, 1), "month")


def test_it_resolves_weekdays_against_publication():
    assert first("on Thursday") == (dt.date(2024, 6, 6), "day")
    assert first("last Saturday") == (dt.date(2024, 6, 1), "day")
    assert first("у четвер") == (dt.date(2024, 6, 6), "day")
    assert first("в четверг") == (dt.date(2024, 6, 6), "day")


def test_it_resolves_yesterday_last_week_and_this_month():
    assert first("вчера") == (dt.date(2024, 6, 7), "day")
    assert first("вчора") == (dt.date(2024, 6, 7), "day")
    assert first("last week") == (dt.date(2024, 6, 1), "week")
    assert first("earlier this month") == (dt.date(2024, 6, 1), "month")


def test_it_never_invents_a_relative_date_without_publication():
    assert first("on Thursday", published=None) is None
    assert first("yesterday", published=None) is None


def test_it_flags_a_date_that_only_bounds_a_period():
    assert find_dates("freed since March 2022", SATURDAY)[0].bounds_other


def test_it_does_not_take_a_feast_for_last_weekday():
    assert first("on Easter Saturday") is None


def test_it_reads_a_year_run_into_the_next_cell():
    assert first("June 5, 2024110") == (dt.date(2024, 6, 5), "day")


def test_it_gives_no_date_for_a_month_that_only_bounds_a_period():
    assert first("the first swap since February") is None


def test_it_reads_the_end_of_a_month_as_month_precision():
    assert first("at the end of April") == (dt.date(2024, 4, 1), "month")


def test_a_weekday_a_plan_is_due_on_is_the_coming_one_and_dates_no_event():

    (friday,) = find_dates("Another 50 are due on Friday.", dt.date(2024, 6, 26))
    assert friday.date == dt.date(2024, 6, 28)
    assert friday.bounds_other


def test_a_weekday_whose_event_is_still_to_go_ahead_is_the_coming_day():
    found = find_dates("if Saturday's swap goes ahead", dt.date(2026, 3, 5))
    assert [(d.date, d.bounds_other) for d in found] == [(dt.date(2026, 3, 7), True)]


def test_a_weekday_a_group_is_to_cross_on_is_the_coming_day():
    found = find_dates("the rest are to cross on Saturday", dt.date(2026, 3, 5))
    assert [d.date for d in found] == [dt.date(2026, 3, 7)]


def test_a_date_in_a_clause_about_something_else_belongs_to_that_thing():
    # Rule: 'which began on <date>' dates what the clause is about, not the exchange.
    dates = find_dates("Many were captured in the offensive, which began on May 10.", SATURDAY)
    assert dates and dates[0].bounds_other


def test_nakanune_with_a_comma_is_the_day_before_publication():
    # Rule: 'Накануне,' standing alone is the day before; 'накануне праздника' is a feast's eve.
    assert first("Накануне, стороны обменялись пленными.") == (dt.date(2024, 6, 7), "day")
    assert first("накануне праздника") is None


def test_a_date_of_the_exchange_compared_with_belongs_to_that_one():
    # Rule: 'bigger than the one carried out last month' dates the earlier exchange, not this one.
    dates = find_dates("It could be bigger than the one carried out last month.", SATURDAY)
    assert dates and dates[0].bounds_other


def test_it_reads_mid_and_early_month_joined_by_a_hyphen():
    assert first("in mid-October") == (dt.date(2023, 10, 1), "month")
    assert first("since early-May") == (dt.date(2024, 5, 1), "month")


def test_it_places_weeks_ago_to_the_week():
    assert first("three weeks ago") == (dt.date(2024, 5, 18), "week")
    assert first("a week ago") == (dt.date(2024, 6, 1), "week")
    assert first("два тижні тому") == (dt.date(2024, 5, 25), "week")


def test_a_date_of_a_capture_or_an_offensive_is_not_the_exchanges():
    capture = find_dates("captured when Mariupol fell in May 2022, freed on Monday", SATURDAY)
    assert [(d.date, d.bounds_other) for d in capture] == [
        (dt.date(2022, 5, 1), True),
        (dt.date(2024, 6, 3), False),
    ]
    offensive = find_dates("where Ukrainian forces launched an incursion on Aug. 6", SATURDAY)
    assert offensive[0].bounds_other


def test_one_year_ago_today_is_not_today():
    found = find_dates("One year ago today, on 29 June 2022, the swap took place", SATURDAY)
    assert [(d.date, d.precision) for d in found] == [(dt.date(2022, 6, 29), "day")]


def test_the_day_of_a_crash_is_not_the_exchanges():
    found = find_dates("The swap follows the crash of an Il-76 plane on Jan 24.", SATURDAY)
    assert found[0].bounds_other
