import datetime as dt

from ingest.extraction import KNOWN_MEDIATORS, cues
from ingest.extraction.mentions import find_mentions
from ingest.extraction.sentences import split_sentences

PATTERNS = cues.mediator_patterns(tuple(KNOWN_MEDIATORS))
FRIDAY = dt.date(2024, 6, 28)


def mention(text, language="en", published=FRIDAY):
    found = find_mentions(
        split_sentences(text)[0],
        0,
        published=published,
        language=language,
        mediator_patterns=PATTERNS,
    )
    assert len(found) <= 1
    return found[0] if found else None


def test_it_tells_bodies_from_prisoners():
    assert mention("Kyiv received the bodies of 212 fallen soldiers.").kind == "body_repatriation"
    assert mention("Україні повернули тіла 212 загиблих.", "uk").kind == "body_repatriation"
    assert mention("Украине передали тела 212 погибших.", "ru").kind == "body_repatriation"
    assert mention("The prisoner swap freed 90 Ukrainians.").kind == "pow_exchange"


def test_it_does_not_read_an_institution_name_as_the_kind():
    found = mention(
        "The Coordination Headquarters for the Treatment of Prisoners of War said "
        "212 bodies came back."
    )
    assert found.kind == "body_repatriation"


def test_it_sums_groups_into_one_side_with_a_breakdown():
    found = mention("Moscow said 60 Russian servicemen and 14 civilians were repatriated.")
    assert (found.to_ukraine, found.to_russia) == (None, 74)
    assert found.breakdown == {"military": {"to_russia": 60}, "civilians": {"to_russia": 14}}


def test_it_adds_figures_given_in_addition():
    found = mention(
        "They swapped 120 each, and in addition 9 wounded Ukrainians and 4 wounded Russians."
    )
    assert (found.to_ukraine, found.to_russia) == (129, 124)


def test_it_reads_status_from_the_wording():
    assert mention("Kyiv and Moscow agreed to exchange 300 prisoners each.").status == "agreed"
    assert mention("Both sides will release 300 prisoners each.").status == "agreed"
    assert (
        mention("The exchange began on Friday and will take several days.").status == "in_progress"
    )
    staged = mention("In the first stage of the swap, 120 Ukrainians came home.")
    assert (staged.status, staged.is_stage) == ("in_progress", True)
    assert mention("Ukraine and Russia exchanged 120 prisoners each.").status == "completed"


def test_it_names_a_mediator_only_when_the_text_credits_it():
    assert mention("The swap of 90 each was mediated by the United Arab Emirates.").mediators == [
        "UAE"
    ]
    assert (
        mention("The swap of 90 each is believed to have been brokered by Qatar.").mediators == []
    )
    assert mention("The swap of 90 each followed talks in Istanbul, Turkey.").mediators == []


def test_it_reads_the_running_number_of_the_exchange():
    assert mention("It was the 53rd exchange of the war.").ordinal == 53
    assert mention("Це 53-й обмін полоненими.", "uk").ordinal == 53
    assert mention("Это 53-й обмен пленными.", "ru").ordinal == 53


def test_it_attributes_figures_to_who_gave_them():
    said = mention("Zelensky wrote that 90 Ukrainians had returned home.")
    assert said.attributed_to == "the Ukrainian president"
    ministry = mention("Russia's defence ministry said 90 Russian soldiers were returned.")
    assert ministry.attributed_to == "Russia's Ministry of Defence"
    assert mention("90 Ukrainians returned home.").attributed_to == "the outlet"


def test_it_dates_the_mention_and_skips_announcement_dates_of_plans():
    assert mention("90 Ukrainians returned home on Thursday.").date.date == dt.date(2024, 6, 27)
    assert mention("On Thursday the sides agreed to swap 90 each.").date is None


def test_it_rejects_running_totals():
    assert mention("In all, 3,310 Ukrainians have been freed since the start of the war.") is None
    assert mention("Since 2022, Kyiv has brought home 3,310 people through such exchanges.") is None


def test_it_keeps_a_ranking_that_mentions_the_start_of_the_war():
    found = mention("It was the largest swap since the invasion, with 300 freed by each side.")
    assert (found.to_ukraine, found.to_russia) == (300, 300)


def test_it_rejects_proposals_and_talk_of_exchanges_in_general():
    assert mention("Kyiv proposed an all-for-all exchange of prisoners.") is None
    assert mention("Such exchanges have become a rare channel of contact.") is None


def test_it_gives_no_count_for_rough_sums_and_lower_bounds():
    found = mention("Over 600 prisoners were swapped on Thursday.")
    assert found is not None and not found.has_counts and found.has_vague_figure


def test_it_ignores_sentences_about_other_things():
    assert mention("The ceasefire talks resumed in Geneva on Thursday.") is None


def test_it_does_not_add_up_a_total_and_its_parts():
    found = mention("Each side freed 120 people: 100 soldiers and 20 civilians.")
    assert (found.to_ukraine, found.to_russia) == (120, 120)
    labelled = mention("Kyiv said 60 soldiers and 4 civilians came home, 64 in all.")
    assert labelled.to_ukraine == 64


def test_it_adds_a_group_handed_over_separately():
    found = mention(
        "Both sides freed 80 prisoners each, and Russia separately handed over 9 wounded soldiers."
    )
    assert (found.to_ukraine, found.to_russia) == (89, 80)


def test_it_keeps_each_sides_own_figure_when_the_sides_disagree():
    found = mention(
        "Moscow's defence ministry spoke of 110 prisoners on each side, "
        "while the Ukrainian side said 118 Ukrainians had returned."
    )
    assert (found.to_ukraine, found.to_russia) == (118, 110)


def test_it_does_not_count_the_size_of_the_whole_exchange_in_a_stage():
    found = mention("Third day of the 600-for-600 swap: 150 more soldiers came home to Ukraine.")
    assert (found.to_ukraine, found.to_russia) == (150, None)


def test_it_does_not_count_a_total_over_two_days():
    found = mention("In all, 90 soldiers were freed on Monday and Tuesday.")
    assert found is None or not found.has_counts


def test_it_rejects_a_hope_to_bring_people_home():
    assert mention("The minister said Kyiv was counting on bringing home 800 Ukrainians.") is None


def test_it_reads_a_stage_headline_without_the_size_of_the_whole_exchange():
    found = mention("Swap '700 for 700': the first stage is over, 150 Ukrainians came home")
    assert (found.to_ukraine, found.to_russia) == (150, None)


def test_it_reads_what_a_deal_foresees_as_a_plan():
    found = mention("The deal foresees the release of 400 prisoners by each side.")
    assert found.status == "agreed"


def test_it_does_not_date_an_exchange_by_the_day_of_the_talks():
    found = mention("The bodies of 700 soldiers were handed over under the deal reached on 2 June.")
    assert found.date is None


def test_it_rejects_a_years_total():
    assert mention("In 2023, Russia handed over 3,100 bodies and received 240.") is None


def test_people_said_to_be_home_came_home():
    from ingest.extraction import extract_events

    found = extract_events("Zelensky says 57 Ukrainians are home.", published=None)
    assert [(e.to_ukraine, e.to_russia) for e in found] == [(57, None)]


def test_a_crossing_into_government_held_territory_is_a_return_to_ukraine():
    # Rule: people who crossed into Ukrainian- or government-held territory came home to Ukraine.
    found = mention("Officials said 57 of their men crossed back into government-held territory.")
    assert found.counts() == {"to_ukraine": 57}


def test_a_figure_counted_through_a_number_of_earlier_exchanges_is_a_running_total():
    # Rule: people freed 'through 31 earlier swaps' are a total over many exchanges.
    assert mention("Before it, Kyiv counted 1,412 people freed through 31 earlier swaps.") is None


def test_bodies_already_handed_over_are_a_running_total():
    # Rule: 'уже были переданы' (had already been handed over) counts past handovers, not today's.
    text = "Он напомнил, что в мае Украине уже были переданы тела 900 военных, а РФ получила 40."
    assert mention(text, "ru") is None


def test_citizens_counted_by_their_own_side_are_people():
    # Rule: 'о возвращении 70 своих граждан' counts people brought home by the speaking side.
    found = mention("Украинская сторона сообщила о возвращении 70 своих граждан.", "ru")
    assert found.counts() == {"to_ukraine": 70}


def test_the_russian_defence_ministry_named_with_rf_speaks_for_russia():
    # Rule: 'Міністерство оборони РФ' is Moscow's voice, so its figure is Russia's account.
    text = "Міністерство оборони РФ заявило, що Росії передали 120 її військових."
    found = mention(text, "uk")
    assert set(found.voices.values()) == {"to_russia"}  # Moscow speaks


def test_a_sum_over_the_stages_of_two_days_is_no_exchange_of_its_own():
    # Rule: 'загалом за два дні' adds up stages told apart; it is not one more exchange.
    assert mention("Загалом за два дні з полону повернулися 410 українців.", "uk") is None


def test_people_now_on_ukrainian_soil_came_home_to_ukraine():
    # Rule: people who are 'on Ukrainian soil' after a swap were returned to Ukraine.
    found = mention("In all, 61 of our people are back on Ukrainian soil tonight after the swap.")
    assert found.counts() == {"to_ukraine": 61}


def test_the_number_of_negotiating_sides_is_no_count_of_people():
    # Rule: 'the two sides', 'both delegations' count who negotiates, not who is freed.
    found = mention("The two delegations agreed that each would return 300 captured soldiers.")
    assert 2 not in [f.value for f in found.figures]


def test_each_as_the_subject_a_few_words_before_the_figure_gives_both_sides():
    # Rule: 'each would hand over the remains of N' names N for both sides.
    found = mention("They agreed that each would hand over the remains of 700 fallen soldiers.")
    assert found.counts() == {"to_ukraine": 700, "to_russia": 700}


def test_a_total_since_moscow_launched_the_invasion_is_a_running_total():
    text = (
        "According to officials, 3,956 people have been freed from Russian captivity "
        "since Moscow launched its full-scale invasion in February 2022."
    )
    assert mention(text) is None


def test_a_swap_that_takes_several_days_is_in_progress():
    assert mention("The swap of 1,000 each will take several days.").status == "in_progress"


def test_a_total_over_several_days_of_handovers_is_a_running_total():
    text = (
        "Medinsky put the total at 6,060 bodies to Ukraine and 78 to Russia "
        "over several days of handovers."
    )
    assert mention(text) is None


def test_the_day_a_when_clause_hangs_on_dates_the_figures_in_it():
    text = (
        "Today's swap follows a repatriation on Tuesday, when Russia handed over "
        "the bodies of 1,000 soldiers."
    )
    found = mention(text, published=dt.date(2025, 8, 24))
    assert (found.date.date, found.to_ukraine) == (dt.date(2025, 8, 19), 1000)


def test_civilians_among_a_larger_count_make_a_mixed_swap_not_a_civilian_one():
    found = mention("Ukraine received 157 people in the exchange, among them seven civilians.")
    assert found.military and found.to_ukraine == 157


def test_counts_so_far_in_ukrainian_and_russian_are_running_totals():
    assert mention("З березня 2022 року з полону визволено 4757 українців.", "uk") is None
    assert mention("Станом на 7 серпня 2023 року з полону звільнили 2598 військових.", "uk") is None
    text = "К середине сентября 2024 года из плена вернулись 3569 украинцев."
    assert mention(text, "ru") is None


def test_prisoners_said_to_be_on_a_crashed_plane_are_not_an_exchange():
    text = (
        "Moscow said 65 Ukrainian prisoners of war who were being taken for an exchange "
        "were on board and accused Ukraine of shooting it down."
    )
    assert mention(text) is None
    text = "Росіяни заявили, що літаком нібито везли на обмін 65 українських полонених."
    assert mention(text, "uk") is None


def test_residents_are_civilians():
    found = mention("25 жителей Курской области вернулись в Россию.", "ru")
    assert found.civilian
