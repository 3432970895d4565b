import datetime as dt

from ingest.extraction import extract_events

THURSDAY = dt.date(2026, 3, 5)


def events(text, published=THURSDAY):
    return [
        (e.status, e.date, e.to_ukraine, e.to_russia)
        for e in extract_events(text, published=published, language="en")
    ]


def test_more_each_due_on_a_weekday_is_a_plan_dated_the_coming_such_day():
    text = "The two sides freed 150 soldiers each on Thursday, with 250 more due on Saturday."
    assert ("agreed", dt.date(2026, 3, 7), 250, 250) in events(text)


def test_the_remaining_group_per_side_restated_is_the_same_plan():
    text = (
        "The two sides freed 150 soldiers each on Thursday, with 250 more due on Saturday.\n"
        "The remaining 250 per side are to be handed over on Saturday, officials said."
    )
    assert [e for e in events(text) if e[0] == "agreed"] == [
        ("agreed", dt.date(2026, 3, 7), 250, 250)
    ]


def test_more_due_without_saying_each_side_gives_that_many_is_no_plan():
    text = "Kyiv brought home 150 soldiers on Thursday, with 250 more due on Saturday."
    assert all(e[0] != "agreed" for e in events(text))
