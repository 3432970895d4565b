import datetime as dt

from ingest.extraction import extract_events


def mediators(text, published=dt.date(2024, 6, 28)):
    return [
        (e.to_ukraine, sorted(e.mediators))
        for e in extract_events(text, published=published, language="en")
    ]


def test_a_mediator_thanked_in_a_sentence_of_its_own_belongs_to_the_exchange():
    text = (
        "Kyiv said 60 Ukrainians came home on Tuesday.\n"
        "Later the foreign minister thanked Qatar for its mediation."
    )
    assert mediators(text) == [(60, ["Qatar"])]


def test_a_mediator_said_again_belongs_to_the_exchange_told_just_before():
    text = (
        "Ukraine received 300 bodies on Monday with the help of the Red Cross.\n"
        "Two weeks earlier, on 10 June, Ukraine had received 120 bodies. "
        "Then, too, the Red Cross assisted."
    )
    assert mediators(text) == [(300, ["ICRC"]), (120, ["ICRC"])]


def test_all_of_these_names_the_mediator_of_every_listed_exchange():
    text = (
        "- 3 May: 400 bodies to Ukraine.\n"
        "- 9 June: 500 bodies to Ukraine.\n"
        "All of these handovers took place with the Red Cross taking part."
    )
    assert mediators(text) == [(400, ["ICRC"]), (500, ["ICRC"])]


def test_a_guessed_mediator_is_not_listed():
    text = (
        "Ukraine got back 40 soldiers on Monday.\n"
        "Observers believe the Vatican may have helped quietly."
    )
    assert mediators(text) == [(40, [])]


def test_a_mediator_that_made_no_statement_is_not_listed():
    text = (
        "Ukraine got back 40 soldiers on Monday.\n"
        "Qatar, which helped with earlier swaps, made no statement."
    )
    assert mediators(text) == [(40, [])]


def test_a_nationality_is_not_a_mediator():
    text = (
        "Ukraine got back 40 soldiers on Monday, among them two citizens of the United States; "
        "Qatar helped arrange the release."
    )
    assert mediators(text) == [(40, ["Qatar"])]


def test_the_mediator_of_one_event_in_a_two_event_sentence_stays_with_it():
    text = (
        "On Monday each side freed 60 prisoners in a swap brokered by Qatar, "
        "and Ukraine separately received 200 bodies."
    )
    assert sorted(mediators(text)) == [(60, ["Qatar"]), (200, [])]


def test_thanks_repeated_for_a_credited_mediator_do_not_move_it_to_another_exchange():
    text = (
        "Ukraine and Russia swapped 60 prisoners each on Monday in a deal mediated by Qatar.\n"
        "On the same day Ukraine received 200 bodies.\n"
        "Zelensky thanked Qatar on social media."
    )
    assert mediators(text) == [(60, ["Qatar"]), (200, [])]


def test_a_mediator_named_at_the_end_of_a_run_together_table_row_is_read():
    text = "Date To Ukraine To Russia Mediator\n5 Jun 2024 60 60 includes woundedQatar\n"
    assert mediators(text) == [(60, ["Qatar"])]


def test_a_mediator_name_found_inside_a_longer_word_is_no_mention_of_it():
    from ingest.extraction.events import _mediator_hits
    from ingest.extraction.types import KNOWN_MEDIATORS

    text = "The USSR archive, Qatari envoys and the U.S.-led talks."
    hits = _mediator_hits(tuple(KNOWN_MEDIATORS), text)
    assert [text[at : at + 5] for at in hits] == ["Qatar", "U.S.-"]


def test_a_mediator_or_ordinal_on_a_round_up_line_belongs_to_that_lines_exchange():
    import datetime as dt

    from ingest.extraction import extract_events

    text = (
        "On 2 October the sides swapped 100 prisoners each. Qatar mediated.\n\n"
        "Earlier swaps:\n"
        "- 3 March: 60 for 60. Qatar mediation; Kyiv's 40th exchange.\n"
        "- 9 May: 70 for 70. The Vatican helped.\n"
    )
    found = extract_events(text, published=dt.date(2024, 10, 3))
    assert [(e.date.day, e.mediators, e.ordinal) for e in found] == [
        (2, ["Qatar"], None),
        (3, ["Qatar"], 40),
        (9, ["Vatican"], None),
    ]


def test_a_mediator_name_matches_whatever_apostrophe_the_text_uses():
    import datetime as dt

    from ingest.extraction import extract_events

    text = (
        "24 серпня з полону повернулися 146 військових. "
        "Обмін відбувся за посередництва Об’єднаних Арабських Еміратів."
    )
    (event,) = extract_events(text, published=dt.date(2025, 8, 25), language="uk")
    assert event.mediators == ["UAE"]


def test_credit_for_making_exchanges_possible_is_no_guess():
    import datetime as dt

    from ingest.extraction import extract_events

    text = (
        "On 4 May, 50 Ukrainians came home in an exchange for 50 Russians. "
        "We thank Qatar for its mediation, which made this exchange possible."
    )
    (event,) = extract_events(text, published=dt.date(2024, 5, 5))
    assert event.mediators == ["Qatar"]


def test_a_leader_thanked_for_the_swap_stands_for_the_country_that_mediated():
    text = (
        "Ukraine brought home 84 defenders on Friday.\n"
        "Zelensky thanked Recep Tayyip Erdoğan for his help in returning them."
    )
    assert mediators(text) == [(84, ["Turkey"])]


def test_a_leader_credited_with_the_swap_in_the_same_sentence_names_the_mediator():
    text = "Thanks to Mohamed bin Zayed, 150 Ukrainians came home on Thursday."
    assert mediators(text) == [(150, ["UAE"])]


def test_an_envoy_who_brokered_the_swap_stands_for_his_country():
    text = "The 90-for-90 swap on Monday was brokered by Steve Witkoff, officials said."
    assert mediators(text) == [(90, ["USA"])]


def test_a_leader_merely_named_beside_a_swap_is_no_mediator():
    text = (
        "Ukraine brought home 84 defenders on Friday.\n"
        "Erdogan met Putin in Ankara the same day to discuss grain shipments."
    )
    assert mediators(text) == [(84, [])]
