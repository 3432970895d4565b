import datetime as dt

from ingest.extraction import extract_events


def dated(text, published=dt.date(2025, 5, 25)):
    return [
        (e.date, e.to_ukraine, e.to_russia)
        for e in extract_events(text, published=published, language="en")
    ]


def test_the_first_day_of_an_exchange_said_to_start_on_a_weekday_is_that_day():
    text = (
        "Over two days, starting on Friday, the sides swapped 600 prisoners each.\n\n"
        "The first day saw 250 soldiers freed by each side."
    )
    assert (dt.date(2025, 5, 23), 250, 250) in dated(text)


def test_the_second_day_after_a_first_day_is_the_next_day_of_a_span():
    text = (
        "The swap ran from 5-6 March: 400 were traded for 400 over 5–6 March.\n"
        "On the first day 150 people were freed on each side. "
        "On the second, officials reported 250 for 250."
    )
    found = dated(text, published=dt.date(2026, 3, 12))
    assert (dt.date(2026, 3, 5), 150, 150) in found
    assert (dt.date(2026, 3, 6), 250, 250) in found


def test_a_first_day_with_no_start_given_stays_undated():
    text = "The first day saw 250 soldiers freed by each side."
    assert dated(text) == [(None, 250, 250)]
