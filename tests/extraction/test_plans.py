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


def test_a_return_told_as_achieved_under_an_agreement_is_done_not_planned():
    # "Within this agreement we managed to bring home …": the deal is named, the swap is done.
    ukrainian = "У межах цієї домовленості вдалося повернути додому 120 українських військових."
    russian = "В рамках договорённости удалось вернуть домой 75 российских военнослужащих."
    english = "Under the agreement, Kyiv managed to return 64 prisoners of war on Thursday."
    for text, language in ((ukrainian, "uk"), (russian, "ru"), (english, "en")):
        found = extract_events(text, published=THURSDAY, language=language)
        assert [e.status for e in found] == ["completed"], text


def test_a_return_someone_hopes_to_manage_is_still_a_plan():
    text = "Сподіваємося, що вдасться повернути ще 100 захисників у межах домовленості."
    found = extract_events(text, published=THURSDAY, language="uk")
    assert all(e.status != "completed" for e in found)
