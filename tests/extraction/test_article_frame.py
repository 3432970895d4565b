"""The article as a frame: its own date places a lead event that no sentence dates."""

import datetime as dt

from ingest.extraction import extract_events


def lead(text, published=None, language="en"):
    found = extract_events(text, published=published, language=language)
    return [(e.date, e.date_precision, e.to_ukraine, e.to_russia) for e in found]


def test_a_lead_swap_no_sentence_dates_is_placed_in_the_week_it_was_reported():
    text = (
        "Another prisoner swap between Kyiv and Moscow\n\n"
        "A further exchange has taken place, and 116 Ukrainians are back home, "
        "the head of the presidential office said."
    )
    assert lead(text, published=dt.date(2023, 2, 4)) == [(dt.date(2023, 2, 4), "week", 116, None)]


def test_it_works_the_same_in_russian():
    text = (
        "Украина и Россия провели очередной обмен пленными.\n\n"
        "Из российского плена вернулись 107 украинских военнослужащих, сообщил Ермак."
    )
    assert lead(text, published=dt.date(2022, 11, 3), language="ru")[0][:2] == (
        dt.date(2022, 11, 3),
        "week",
    )


def test_a_text_without_a_publication_date_takes_the_one_its_byline_prints():
    text = (
        "Byline: Staff reporter\n4 February 2023\n\n"
        "Ukraine says 116 of its soldiers came home on Saturday in a swap with Russia."
    )
    assert lead(text) == [(dt.date(2023, 2, 4), "day", 116, None)]


def test_a_byline_date_also_anchors_a_weekday():
    text = (
        "Kyiv, 17 February 2023\n\n"
        "The swap of Thursday brought 101 Ukrainian prisoners of war home, Kyiv said."
    )
    assert lead(text)[0][0] == dt.date(2023, 2, 16)


def test_a_recap_of_an_earlier_swap_is_not_placed_at_the_publication_date():
    text = (
        "Talks on further swaps continue, officials said.\n\n"
        "Previously, in a separate deal, 95 soldiers had come home."
    )
    assert all(date is None for date, *_ in lead(text, published=dt.date(2024, 3, 1)))


def test_an_announced_swap_is_not_placed_at_the_publication_date():
    text = "Russia and Ukraine will exchange 1,200 prisoners each, the negotiator announced."
    assert all(date is None for date, *_ in lead(text, published=dt.date(2025, 7, 24)))


def test_a_second_day_of_talks_in_the_lead_does_not_make_the_swap_one_day_of_several():
    # "the second day" counts the talks; the swap told later is the report's own news.
    text = (
        "KYIV - Delegations ended a second day of talks on Thursday and agreed on a new "
        "prisoner exchange.\n\n"
        "No breakthrough was announced on territory, officials said.\n\n"
        "A news agency later reported that the two countries had exchanged 84 prisoners each."
    )
    assert lead(text, published=dt.date(2025, 8, 12)) == [(dt.date(2025, 8, 12), "week", 84, 84)]


def test_a_stage_told_without_figures_does_not_date_the_report_s_own_swap():
    text = (
        "Ukraine brought home the bodies of 909 fallen defenders, the headquarters said.\n\n"
        "The first stage of the large exchange took place on June 9."
    )
    assert lead(text, published=dt.date(2025, 6, 20)) == [(dt.date(2025, 6, 20), "week", 909, None)]
