import datetime as dt
from pathlib import Path

from ingest.extraction import extract_events


def events(text, published=dt.date(2024, 6, 28), language="en"):
    return [
        (e.kind, e.date, e.to_ukraine, e.to_russia, e.status)
        for e in extract_events(text, published=published, language=language)
    ]


def test_it_returns_nothing_for_an_article_without_an_exchange():
    assert events("Drones struck Kharkiv overnight. Three people were injured.") == []


def test_it_merges_the_same_event_stated_in_prose_and_in_a_table():
    text = (
        "Ukraine and Russia exchanged 90 prisoners each on 25 June.\n"
        "Date To Ukraine To Russia Mediator\n"
        "25 Jun 2024 90 90 UAE\n"
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 25), 90, 90, "completed")]


def test_it_splits_distinct_events_in_a_round_up():
    text = (
        "- 25 June 2024: Russia and Ukraine swapped 90 POWs each.\n"
        "- 31 May 2024: 75 prisoners from each side were exchanged.\n"
    )
    assert events(text) == [
        ("pow_exchange", dt.date(2024, 6, 25), 90, 90, "completed"),
        ("pow_exchange", dt.date(2024, 5, 31), 75, 75, "completed"),
    ]


def test_it_fills_the_date_from_a_nearby_sentence():
    text = (
        "Ukraine and Russia carried out a prisoner exchange on Tuesday.\n"
        "Zelensky said 90 Ukrainians had come home. Moscow said 90 Russian soldiers returned."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 25), 90, 90, "completed")]


def test_it_reads_uneven_body_repatriations():
    text = (
        "Russia handed over 1,000 bodies on Thursday, "
        "and Ukraine handed over 38 bodies of Russian soldiers."
    )
    assert events(text) == [("body_repatriation", dt.date(2024, 6, 27), 1000, 38, "completed")]


def test_it_keeps_a_plan_without_a_date():
    text = "On Thursday Kyiv and Moscow agreed that each side would release 300 prisoners."
    assert events(text) == [("pow_exchange", None, 300, 300, "agreed")]


def test_it_folds_the_plan_into_its_first_stage():
    text = (
        "The sides are expected to swap 500 each over several days.\n"
        "In the first stage on Friday, 200 Ukrainians and 200 Russians were freed."
    )
    found = extract_events(text, published=dt.date(2024, 6, 28), language="en")
    assert [(e.date, e.to_ukraine, e.to_russia, e.status, e.is_stage) for e in found] == [
        (dt.date(2024, 6, 28), 200, 200, "in_progress", True)
    ]


def test_it_reports_a_civilian_return_when_only_civilians_came_back():
    assert events("On Thursday Russia returned 12 Ukrainian civilians to Ukraine.") == [
        ("civilian_return", dt.date(2024, 6, 27), 12, None, "completed")
    ]


def test_it_keeps_an_undated_event_without_inventing_a_date():
    found = extract_events(
        "The first part of the prisoner exchange has been completed, Kyiv said.",
        published=None,
        language="en",
    )
    assert [(e.date, e.status, e.is_stage, e.needs_review) for e in found] == [
        (None, "in_progress", True, True)
    ]


def test_it_rejects_cumulative_and_detention_figures():
    text = (
        "Ukraine and Russia exchanged 90 prisoners each on Tuesday.\n"
        "Since 2022, 3,310 Ukrainians have been freed. Some 8,000 remain in captivity."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 25), 90, 90, "completed")]


def test_it_cites_sentences_and_offsets_for_the_event_and_each_figure():
    text = (
        "Headline here\n"
        "Moscow said 90 Russian soldiers returned. Kyiv said 95 Ukrainians came home."
    )
    event = extract_events(text, published=None, language="en")[0]
    assert text[event.start : event.end] == event.sentence
    assert {e.field for e in event.evidence} >= {"to_ukraine", "to_russia"}
    for evidence in event.evidence:
        assert text[evidence.start : evidence.end] == evidence.sentence
    assert (event.to_ukraine, event.to_russia) == (95, 90)


def test_it_joins_kyivs_and_moscows_figures_for_one_exchange():
    text = (
        "Ukraine's Coordination Headquarters said 118 Ukrainians came home on Thursday.\n"
        "Russia's defence ministry put the exchange at 110 prisoners on each side."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 27), 118, 110, "completed")]


def test_it_merges_a_headline_and_a_body_that_state_the_same_figures():
    text = (
        "Swap 60 for 60: Moscow also hands over 5 wounded\n"
        "On Thursday Ukraine and Russia swapped 60 prisoners each. In addition, "
        "Russia handed over 5 wounded Ukrainian soldiers."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 27), 65, 60, "completed")]


def test_it_dates_an_undated_statement_by_its_dateline():
    text = "Kyiv, 26 June 2024\n\nAs a result of talks, 44 Ukrainian soldiers were returned home."
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 26), 44, None, "completed")]


def test_it_dates_an_event_on_the_same_day_as_the_one_before():
    text = (
        "On Thursday Ukraine and Russia swapped 60 prisoners each.\n"
        "On the same day, Russia handed over the bodies of 300 soldiers to Ukraine."
    )
    assert events(text)[1] == ("body_repatriation", dt.date(2024, 6, 27), 300, None, "completed")


def test_it_reads_the_same_number_as_the_other_sides_count():
    text = (
        "On Thursday 70 Ukrainian soldiers came home from captivity.\n"
        "Russia received the same number of its servicemen."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 27), 70, 70, "completed")]


def test_it_folds_a_plan_into_the_exchange_that_carried_it_out():
    text = (
        "On Tuesday Ukraine and Russia swapped 60 prisoners each.\n"
        "The leaders had said the day before that they would swap 60 for 60 "
        "and hand over 3 wounded Ukrainians."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 25), 60, 60, "completed")]


def test_it_drops_talk_of_exchanges_with_neither_date_nor_figure():
    text = "Relatives often learn that a soldier is alive only when he is returned in an exchange."
    assert events(text) == []


def test_each_of_two_events_in_one_sentence_takes_the_date_of_its_own_clause():
    text = (
        "It followed last week's swap in which Kyiv said 61 Ukrainians came back, "
        "and after a handover earlier this month in which Ukraine received 40 bodies."
    )
    assert sorted(events(text, published=dt.date(2024, 6, 28)), key=str) == sorted(
        [
            ("pow_exchange", dt.date(2024, 6, 21), 61, None, "completed"),
            ("body_repatriation", dt.date(2024, 6, 1), 40, None, "completed"),
        ],
        key=str,
    )


def test_a_bare_figure_beside_bodies_counts_bodies_too():
    text = "Ukraine receives 600 fallen soldiers on Monday; Russia receives 31"
    assert events(text) == [("body_repatriation", dt.date(2024, 6, 24), 600, 31, "completed")]


def test_the_kind_of_a_headline_comes_from_the_clause_with_its_figures():
    text = (
        "Prisoner swap frees 40 on each side; the two also trade the dead\n"
        "Ukraine and Russia exchanged 40 prisoners each on Thursday."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 27), 40, 40, "completed")]


def test_a_total_line_under_a_table_is_not_an_event():
    text = (
        "Date To Ukraine To Russia\n"
        "3 May 2024 40 40\n"
        "9 Jun 2024 50 50\n"
        "Total: 90 prisoners were exchanged each way.\n"
    )
    assert [e[1] for e in events(text)] == [dt.date(2024, 5, 3), dt.date(2024, 6, 9)]


def test_figures_summed_over_several_transfers_are_no_event():
    text = "In May alone, Kyiv said Russia handed over 2,400 bodies in several transfers."
    assert events(text) == []


def test_a_since_date_followed_by_when_dates_the_earlier_exchange():
    text = (
        "Ukraine and Russia swapped 90 prisoners each on Tuesday.\n"
        "It was the first swap since 3 May, when the sides traded 44 prisoners each."
    )
    assert events(text) == [
        ("pow_exchange", dt.date(2024, 6, 25), 90, 90, "completed"),
        ("pow_exchange", dt.date(2024, 5, 3), 44, 44, "completed"),
    ]


def test_on_that_day_refers_to_the_day_a_since_clause_just_named():
    text = (
        "Ukraine and Russia swapped 90 prisoners each on Tuesday.\n"
        "It was the first exchange since 3 May. On that day each side freed 44 prisoners."
    )
    assert events(text) == [
        ("pow_exchange", dt.date(2024, 6, 25), 90, 90, "completed"),
        ("pow_exchange", dt.date(2024, 5, 3), 44, 44, "completed"),
    ]


def statuses(text, published=dt.date(2024, 6, 28), language="en"):
    return [
        (e.to_ukraine, e.status)
        for e in extract_events(text, published=published, language=language)
    ]


def test_work_on_the_next_swap_having_begun_leaves_todays_swap_completed():
    text = (
        "Kyiv welcomed home 80 soldiers on Friday in exchange for 80 Russians.\n"
        "An aide said work on the next swap had already begun."
    )
    assert statuses(text) == [(80, "completed")]


def test_a_final_stage_completes_an_exchange_that_began_days_earlier():
    text = (
        "The closing stage of the exchange began on Thursday.\n"
        "In the final stage on Friday, 120 Ukrainians were freed for 120 Russians."
    )
    assert statuses(text) == [(120, "completed")]


def test_the_sides_completing_the_exchange_make_it_completed_despite_a_second_stage():
    text = (
        "Russia and Ukraine completed the swap agreed in Vienna on Tuesday, "
        "with a second stage freeing 90 each."
    )
    assert statuses(text) == [(90, "completed")]


def test_a_first_stage_said_to_be_done_is_still_a_stage_in_progress():
    text = "Обмін «500 на 500»: перший етап завершено, у вівторок додому повернулися 150 українців."
    assert statuses(text, language="uk") == [(150, "in_progress")]


def test_todays_second_stage_is_not_merged_into_yesterdays_first_stage():
    text = (
        "Second stage of the swap: 150 more soldiers came home\n"
        "Today the second stage of the exchange took place.\n"
        "Yesterday the first stage took place, when 100 prisoners were exchanged for 100."
    )
    found = [
        (e.date, e.to_ukraine)
        for e in extract_events(text, published=dt.date(2024, 6, 28), language="en")
    ]
    assert sorted(found) == [(dt.date(2024, 6, 27), 100), (dt.date(2024, 6, 28), 150)]


def test_it_dates_an_undated_entry_by_the_date_heading_above_it():
    text = (
        "Live: prisoner swap\n\nTuesday 25 June 2024\n\n11:20\n"
        "Russia's defence ministry says 90 Russian servicemen were returned; "
        "90 Ukrainian prisoners were handed over."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 25), 90, 90, "completed")]


def test_each_timestamped_post_is_its_own_day_and_today():
    text = (
        "[10.06.2024 12:00]\nSWAP! Forty for forty, per both sides.\n\n---\n"
        "[20.06.2024 09:15]\n300 bodies of fallen defenders repatriated to Ukraine today.\n\n---\n"
        "[27.06.2024 13:55]\nANOTHER SWAP. 60 for 60."
    )
    assert events(text) == [
        ("pow_exchange", dt.date(2024, 6, 10), 40, 40, "completed"),
        ("body_repatriation", dt.date(2024, 6, 20), 300, None, "completed"),
        ("pow_exchange", dt.date(2024, 6, 27), 60, 60, "completed"),
    ]


def test_pairs_added_with_plus_add_up_per_side():
    text = (
        "On Thursday Russia and Ukraine swapped 100 for 100, "
        "plus 12 wounded Ukrainians for 7 wounded Russians."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 27), 112, 107, "completed")]


def test_a_second_step_adds_to_the_exchange_and_the_same_number_is_the_other_side():
    text = (
        "On Thursday Moscow said 80 Russian soldiers had been returned and that the same "
        "number of Ukrainian prisoners had been handed over. In a second, separate step, "
        "it gave back 10 wounded Ukrainian POWs in return for 4 wounded Russian soldiers."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 27), 90, 84, "completed")]


def test_a_list_of_names_handed_over_is_no_exchange():
    text = "On Thursday Ukraine handed over a list of 120 children deported to Russia."
    assert all(120 not in (e[2], e[3]) for e in events(text))


def test_people_held_since_a_year_are_no_running_total():
    text = "On Thursday 60 Ukrainian soldiers came home, some held by Russia since 2022."
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 27), 60, None, "completed")]


def test_a_ranked_exchange_carried_out_on_a_day_dates_the_figures():
    text = (
        "Russia and Ukraine carried out one of their largest prisoner exchanges on Thursday.\n"
        "Moscow said 130 Russian servicemen had been returned."
    )
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 27), None, 130, "completed")]


def test_along_with_them_adds_to_the_figures_just_given():
    text = "Today 40 Ukrainian soldiers came home. Along with them, 5 civilians came home."
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 28), 45, None, "completed")]


def test_the_previous_handover_does_not_date_todays():
    text = (
        "Today Ukraine received the bodies of 500 soldiers, and Russia received 20.\n"
        "The previous repatriation, in May, also brought 500 bodies to Ukraine."
    )
    assert events(text)[0] == ("body_repatriation", dt.date(2024, 6, 28), 500, 20, "completed")


def test_a_clause_without_a_subject_takes_the_actor_before_it():
    text = "Last week Russia handed over 700 bodies, and received 12 bodies in return."
    assert [e[2:4] for e in events(text)] == [(700, 12)]


def test_it_reads_no_event_in_a_box_of_links_to_other_stories():
    text = (
        "On Monday, 50 Ukrainian soldiers came home in an exchange for 50 Russians.\n\n"
        "Related:\n- Exchange of 90 for 90 frees a journalist (October)\n- Explainer: mediators\n\n"
        "READ ALSO: 30 bodies returned to Ukraine\n\n"
        "Families welcomed the news."
    )
    found = extract_events(text, published=dt.date(2024, 6, 26))
    assert [(e.to_ukraine, e.to_russia) for e in found] == [(50, 50)]


def test_a_weekday_heading_dates_the_list_items_below_it():
    text = (
        "Officials gave few details of the two latest swaps.\n\n"
        "Saturday's swap\n"
        "- 88 prisoners of war were set free by each side.\n"
    )
    found = extract_events(text, published=dt.date(2024, 9, 16), language="en")
    assert [(e.date, e.to_ukraine, e.to_russia) for e in found if e.to_ukraine] == [
        (dt.date(2024, 9, 14), 88, 88)
    ]


def test_a_count_released_by_each_side_counts_for_both_sides_further_away():
    text = "On Monday 77 captured soldiers were finally handed back by each side."
    found = extract_events(text, published=dt.date(2024, 9, 16), language="en")
    assert [(e.to_ukraine, e.to_russia) for e in found] == [(77, 77)]


def test_a_swap_agreed_after_a_body_handover_is_a_swap_of_prisoners():
    text = (
        "Kyiv received 757 bodies from Russia on Monday.\n\n"
        "Negotiators also agreed a 500-for-500 swap to follow."
    )
    found = extract_events(text, published=dt.date(2025, 11, 20), language="en")
    assert [(e.kind, e.status, e.to_ukraine, e.to_russia) for e in found] == [
        ("body_repatriation", "completed", 757, None),
        ("pow_exchange", "agreed", 500, 500),
    ]


def test_a_dated_second_group_with_no_figures_is_a_stage_of_its_own():
    text = (
        "The sides began the prisoner exchange agreed in Istanbul.\n\n"
        "On Wednesday, the first stage brought home young soldiers. "
        "On Thursday, a second group of gravely ill prisoners followed."
    )
    found = extract_events(text, published=dt.date(2025, 6, 13), language="en")
    assert [(e.status, e.date) for e in found] == [
        ("in_progress", dt.date(2025, 6, 11)),
        ("in_progress", dt.date(2025, 6, 12)),
    ]


def test_what_happened_since_then_is_not_the_event_the_sentence_recalls():
    text = (
        "Talks have stalled. The latest swap took place in early March, "
        "and since then the sides have only returned bodies of the fallen."
    )
    assert extract_events(text, published=dt.date(2025, 6, 1), language="en") == []


def test_a_sentence_opening_with_a_day_dates_the_exchange_told_next():
    # Rule: 'On Tuesday, …' with no exchange of its own sets the day of the next sentence's swap.
    text = "On Tuesday, the waiting ended for families. Kyiv and Moscow swapped 40 for 40."
    assert events(text) == [("pow_exchange", dt.date(2024, 6, 25), 40, 40, "completed")]


def test_a_same_day_total_two_sentences_on_holds_the_parts_told_before():
    # Rule: 'In total N …' told the same day, a sentence or two later, is the whole of that side.
    text = (
        "Today 70 Ukrainian soldiers came back from Russian captivity. "
        "Together with them, 5 civilians returned. "
        "In total 75 of our people are on Ukrainian soil tonight."
    )
    assert [e[2] for e in events(text)] == [75]


def test_a_line_opening_with_a_bare_day_dates_the_swap_it_tells():
    text = (
        "- 5 March 2026. The largest swap in half a year, agreed at talks in Geneva in February. "
        "Over two days the sides handed over 500 prisoners of war each.\n"
    )
    found = events(text, published=dt.date(2026, 3, 7))
    assert found == [("pow_exchange", dt.date(2026, 3, 5), 500, 500, "completed")]


def test_the_days_of_a_running_swap_added_up_are_not_another_exchange():
    text = (
        "On Saturday another 307 prisoners were exchanged for 307, the second stage.\n"
        "The exchange began on Friday, when 390 people went each way.\n"
        "Zelensky said 697 Ukrainians had been freed over the two days.\n"
    )
    found = events(text, published=dt.date(2025, 5, 24))
    assert sorted(e[2] for e in found) == [307, 390]


def test_a_whole_swap_told_over_its_days_stays():
    text = "Over two days the sides handed over 500 prisoners of war each, on 5 and 6 March."
    assert [e[2:4] for e in events(text, published=dt.date(2026, 3, 7))] == [(500, 500)]


def test_a_running_total_by_a_days_night_is_not_another_exchange():
    text = (
        "The first group crossed on Friday: 390 people each way. On Saturday a further 307 "
        "Ukrainian servicemen came home. By Saturday night 697 Ukrainians were back.\n"
    )
    found = events(text, published=dt.date(2025, 5, 25))
    assert 697 not in [e[2] for e in found]


def test_a_headline_above_the_dateline_takes_the_datelines_day():
    text = (
        "Moskalkova: 25 residents of Kursk region returned to Russia from Ukraine\n"
        "28 March 2025, 12:47\n"
        "Twenty-five residents of the Kursk border area have returned to Russia, "
        "the ombudsman said.\n"
    )
    found = events(text, published=dt.date(2025, 3, 28))
    assert [(e[1], e[3]) for e in found] == [(dt.date(2025, 3, 28), 25)]


def test_every_pass_that_turns_mentions_into_events_is_declared_with_what_it_does():
    from ingest.extraction import events as module

    passes = module.MENTION_PASSES + module.DRAFT_BUILDERS + module.DRAFT_PASSES
    assert all(callable(step) and len(what) > 20 for step, what in passes)
    source = Path(module.__file__).read_text("utf-8")
    body = source[source.index("def find_events") : source.index("def _date_lead_by_publication")]
    # find_events runs the declared lists, not a hand-written sequence of passes.
    assert "_merge_restatements(" not in body and "merge_counted(" not in body
