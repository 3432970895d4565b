"""Rules learnt from long wire reports: each test states one rule with its own sentence."""

import datetime as dt

from ingest.extraction import extract_events
from ingest.extraction.counts import BOTH, RUSSIA, UKRAINE, find_figures


def sides(text, language="en"):
    return [(f.value, f.side) for f in find_figures(text, language) if not f.vague]


def events(text, published=dt.date(2024, 6, 28), language="en"):
    return [
        (e.kind, e.date, e.to_ukraine, e.to_russia)
        for e in extract_events(text, published=published, language=language)
    ]


def test_in_each_direction_counts_both_sides():
    assert sides("On May 3, 75 bodies were handed over in each direction.") == [(75, BOTH)]


def test_people_described_by_their_unit_are_not_a_part_of_another_group():
    figures = find_figures("Moscow said 90 soldiers of the Russian army were returned.", "en")
    assert [(f.value, f.subset) for f in figures] == [(90, False)]


def test_people_held_by_russia_go_to_ukraine():
    assert sides("Kyiv secured the release of 120 people held by Russia.") == [(120, UKRAINE)]


def test_going_to_the_russian_side_is_a_destination():
    assert sides("In all, 33 people went to the Russian side.") == [(33, RUSSIA)]


def test_a_ratio_for_one_person_is_not_a_count():
    assert sides('"Fifty of our people for one traitor," the president said.') == []


def test_the_day_inside_a_vaguer_date_is_the_day_of_the_event():
    text = "Earlier this month, on March 4, 80 bodies were handed over in each direction."
    assert events(text, published=dt.date(2024, 3, 20)) == [
        ("body_repatriation", dt.date(2024, 3, 4), 80, 80)
    ]


def test_the_day_a_statement_was_made_yields_to_the_day_of_the_swap():
    text = (
        "Kyiv said on Friday it had brought home 70 Ukrainian soldiers. "
        "The swap, completed on Thursday near the border, also returned 70 Russian soldiers."
    )
    assert events(text, published=dt.date(2024, 3, 23)) == [
        ("pow_exchange", dt.date(2024, 3, 21), 70, 70)
    ]


def test_a_dateline_dates_the_report_not_the_swap():
    text = (
        "LVIV, March 23 (Wire) - Ukraine said it had freed 70 Ukrainian soldiers. "
        "The swap, carried out on Thursday, returned 70 Russian soldiers as well."
    )
    assert events(text, published=dt.date(2024, 3, 23)) == [
        ("pow_exchange", dt.date(2024, 3, 21), 70, 70)
    ]


def test_a_stated_whole_replaces_the_parts_just_counted():
    text = (
        "On Monday Kyiv freed 80 Ukrainian soldiers and handed back a jailed mayor "
        "together with 40 Russian servicemen. In all, 41 people went to the Russian side."
    )
    assert events(text, published=dt.date(2024, 3, 20)) == [
        ("pow_exchange", dt.date(2024, 3, 18), 80, 41)
    ]


def test_people_freed_in_many_earlier_swaps_are_a_running_total():
    text = "Kyiv said it had freed 1,800 people in 30 earlier swaps."
    assert events(text) == []


def test_a_speakers_own_people_go_to_the_speakers_side():
    assert sides("The Russian ministry said 90 of its servicemen were freed.") == [(90, RUSSIA)]


def test_a_named_destination_beats_bringing_ones_own_back():
    text = "Україна повернула російській стороні 12 тіл."
    assert sides(text, "uk") == [(12, RUSSIA)]


def test_a_figure_for_last_year_is_no_exchange():
    assert events("Last year, 14 soldiers from the town came home from captivity.") == []


def test_a_sum_that_holds_the_count_told_before_is_the_count():
    text = (
        "Russia and Ukraine exchanged 60 prisoners each on Tuesday. "
        "Kyiv said 60 soldiers had come home, along with 9 wounded soldiers released on top."
    )
    assert events(text, published=dt.date(2024, 3, 20)) == [
        ("pow_exchange", dt.date(2024, 3, 19), 69, 60)
    ]


def test_mostly_civilians_is_a_mixed_group():
    text = "On 4 March, 40 Ukrainians, most of them civilians, were freed in an exchange."
    assert [e.kind for e in extract_events(text, published=dt.date(2024, 3, 20))] == [
        "pow_exchange"
    ]


def test_the_same_number_given_by_one_speaker_is_that_speakers_account():
    text = (
        "Kyiv said 70 Ukrainians came home on Monday. "
        "The Russian ministry said 60 of its servicemen had been returned and that "
        "an equal number of Ukrainians had been handed over."
    )
    assert events(text, published=dt.date(2024, 3, 20)) == [
        ("pow_exchange", dt.date(2024, 3, 18), 70, 60)
    ]


def test_residents_are_people():
    text = "Москва получила 40 своих военных, а также 5 жителей Курской области."
    assert [(f.value, f.side) for f in find_figures(text, "ru")] == [(40, RUSSIA), (5, RUSSIA)]


def test_a_side_that_brought_back_people_received_them():
    assert sides("On May 4, Ukraine brought back 95 people.") == [(95, UKRAINE)]


def test_living_people_do_not_take_the_kind_of_a_body_handover_before_them():
    text = (
        "On March 2, the bodies of 60 fallen soldiers were returned to Ukraine. "
        "On March 9, Zelensky announced that 90 Ukrainians had come home."
    )
    kinds = [e.kind for e in extract_events(text, published=dt.date(2024, 3, 20))]
    assert kinds == ["body_repatriation", "pow_exchange"]


def test_what_each_side_was_to_free_is_a_plan():
    (event,) = extract_events("Under the deal, each side was to free 500 people.", published=None)
    assert (event.status, event.to_ukraine, event.to_russia) == ("agreed", 500, 500)


def test_people_traded_for_a_number_are_a_pair():
    text = "Earlier, on 2 March, 64 prisoners had been traded for 64."
    assert events(text, published=dt.date(2024, 3, 20)) == [
        ("pow_exchange", dt.date(2024, 3, 2), 64, 64)
    ]


def test_a_group_swapped_for_a_number_is_an_exchange():
    text = "On Sunday, the last group of 45 had been swapped for 45."
    assert events(text, published=dt.date(2024, 3, 20)) == [
        ("pow_exchange", dt.date(2024, 3, 17), 45, 45)
    ]


def test_people_riding_along_are_counted_though_described_as_held():
    text = "Домой вернулись 50 российских военных, а также двое жителей, удерживавшихся на Украине."
    assert sides(text, "ru") == [(50, RUSSIA), (2, RUSSIA)]


def test_a_named_person_handed_over_with_a_group_is_one_more():
    from ingest.extraction.named import count_named_people

    for text in (
        "Kyiv handed back 30 Russian soldiers and Oleh Petrenko, a former mayor.",
        "Kyiv handed back Oleh Petrenko, a former mayor, together with 30 Russian soldiers.",
        "Ukraine returned 30 Russian soldiers plus Petrenko.",
    ):
        figures = find_figures(text, "en")
        count_named_people(text, figures)
        assert [(f.value, f.side) for f in figures] == [(31, RUSSIA)], text


def test_a_country_joined_to_a_count_is_no_person():
    from ingest.extraction.named import count_named_people

    text = "Kyiv handed over 30 Russian soldiers and Saudi Arabia."
    figures = find_figures(text, "en")
    count_named_people(text, figures)
    assert [f.value for f in figures] == [30]


def test_a_possessive_is_not_the_actor_of_an_elided_verb():
    text = "Kyiv gave up the Kremlin's ally, together with 40 Russian soldiers, and got back 90."
    assert sides(text) == [(40, RUSSIA), (90, UKRAINE)]


def test_n_of_them_closing_a_clause_is_the_whole_group():
    assert sides('"Our people are back -- 140 of them," the president wrote.') == [(140, UKRAINE)]
    figures = find_figures("40 of them were marines.", "en")
    assert all(f.subset for f in figures)


def test_time_stuck_somewhere_since_the_invasion_is_no_running_total():
    text = (
        "On Monday 60 Ukrainian soldiers came home. Moscow said 62 Russians were returned, "
        "among them 20 sailors who had been stuck in Ukrainian ports since the invasion."
    )
    assert events(text, published=dt.date(2024, 3, 20)) == [
        ("pow_exchange", dt.date(2024, 3, 18), 60, 62)
    ]


def test_a_plan_made_days_before_the_swap_it_led_to_is_no_event_of_its_own():
    text = (
        "On Wednesday 112 Ukrainians came home in an exchange for 100 Russians. "
        "The president had said on Monday that Russia would hand over 12 wounded Ukrainians."
    )
    found = extract_events(text, published=dt.date(2024, 3, 21))
    assert [(e.status, e.date) for e in found] == [("completed", dt.date(2024, 3, 20))]


def test_a_plan_larger_than_the_swap_before_it_stays_a_plan():
    text = (
        "On Wednesday Ukraine and Russia exchanged 100 prisoners each. "
        "On Monday the sides had agreed to swap 1,000 for 1,000."
    )
    found = extract_events(text, published=dt.date(2024, 3, 21))
    assert sorted(e.status for e in found) == ["agreed", "completed"]


def test_people_tried_rather_than_exchanged_are_no_exchange():
    text = (
        "When the garrison surrendered in May, lawmakers demanded that some of them "
        "be put on trial rather than exchanged."
    )
    assert events(text) == []


def test_people_added_to_a_swap_add_to_its_count():
    text = "On 3 May, Moscow added 12 wounded Ukrainians to a 90-for-90 swap."
    assert events(text, published=dt.date(2024, 5, 10)) == [
        ("pow_exchange", dt.date(2024, 5, 3), 102, 90)
    ]


def test_as_many_people_counts_in_slavic_languages_too():
    text = "24 травня з полону звільнено 50 українців. Росія отримала стільки ж людей."
    assert events(text, published=dt.date(2025, 5, 25), language="uk") == [
        ("pow_exchange", dt.date(2025, 5, 24), 50, 50)
    ]


def test_men_and_women_are_the_parts_of_the_group_they_follow():
    text = "24 травня додому повернулися 60 наших людей: 52 чоловіки та 8 жінок."
    assert [
        e.to_ukraine for e in extract_events(text, published=dt.date(2025, 5, 25), language="uk")
    ] == [60]


def test_another_group_on_the_next_day_is_another_handover():
    text = (
        "Friday: another 500 bodies came back to Ukraine. "
        "Saturday: Ukraine received the bodies of 500 more fallen soldiers."
    )
    found = events(text, published=dt.date(2025, 6, 15))
    assert sorted(d for _, d, _, _ in found) == [dt.date(2025, 6, 13), dt.date(2025, 6, 14)]


def test_a_headline_dated_this_week_restates_the_days_handover():
    text = (
        "Third handover this week: bodies returned\n\n"
        "Ukraine received the bodies of 900 fallen soldiers on Saturday."
    )
    assert events(text, published=dt.date(2025, 6, 15)) == [
        ("body_repatriation", dt.date(2025, 6, 14), 900, None)
    ]


def test_people_a_crashed_plane_was_carrying_were_not_exchanged():
    text = (
        "In May came the first swap after a transport plane crashed; "
        "Moscow claimed it had been carrying 40 Ukrainian prisoners."
    )
    assert all(e[2] != 40 for e in events(text))
