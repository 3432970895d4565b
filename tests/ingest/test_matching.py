"""`match_score`: whether a report can be about an exchange, and how well it fits.

Unit tests on unsaved records: the candidate's stages, mediators and report
facts are given, as the candidate loader would give them, so no database is needed.
"""

from __future__ import annotations

import datetime as dt

from exchanges.models import Exchange, Report, Source
from ingest.candidates import Candidate, ReportFacts
from ingest.matching import best_match, match_score

DAY = dt.date(2025, 5, 23)
SOURCE = Source(published=dt.date(2025, 5, 24))


def candidate(*, mediators=(), from_this_source=False, announced_on=None, **kwargs) -> Candidate:
    values = {
        "date": DAY,
        "date_precision": "day",
        "kind": "pow_exchange",
        "status": "completed",
        "to_ukraine": 390,
        "to_russia": 390,
    }
    values.update(kwargs)
    return Candidate(
        Exchange(**values),
        from_this_source=from_this_source,
        known_stages=[],
        known_facts=ReportFacts(announced_on=announced_on),
        known_mediator_names=set(mediators),
    )


def report(**kwargs) -> Report:
    values = {
        "date": DAY,
        "date_precision": "day",
        "kind": "pow_exchange",
        "status": "completed",
        "to_ukraine": 390,
        "to_russia": 390,
        "mediator_names": [],
    }
    values.update(kwargs)
    return Report(**values)


def score(report_kwargs=None, source=SOURCE, **exchange_kwargs):
    return match_score(report(**(report_kwargs or {})), source, candidate(**exchange_kwargs))


def test_it_matches_the_same_exchange_told_the_same_way():
    assert score() is not None


def test_it_never_matches_another_kind():
    assert score({"kind": "body_repatriation"}) is None


def test_it_never_matches_two_different_official_numbers():
    assert score({"ordinal": 64}, ordinal=65) is None


def test_an_ordinal_other_sources_gave_the_exchange_agrees_with_it():
    curated = {"curated_values": {"ordinal_also": [64]}}
    assert score({"ordinal": 64}, ordinal=65, **curated) is not None


def test_the_same_official_number_scores_three_more():
    assert score({"ordinal": 64}, ordinal=64) == score() + 3


def test_a_day_precise_date_may_be_a_day_off_but_not_two_when_figures_only_partly_agree():
    one_side = {"to_russia": None}
    assert score({**one_side, "date": DAY + dt.timedelta(days=1)}) is not None
    assert score({**one_side, "date": DAY + dt.timedelta(days=2)}) is None


def test_the_same_figures_for_both_sides_outweigh_a_date_a_few_days_off():
    assert score({"date": DAY + dt.timedelta(days=5)}) is not None
    assert score({"date": DAY + dt.timedelta(days=8)}) is None


def test_a_nearer_date_scores_higher():
    near = score({"date": DAY + dt.timedelta(days=1), "to_russia": None})
    assert score({"to_russia": None}) > near


def test_a_date_inside_a_multi_day_span_is_no_distance():
    span = {"end_date": DAY + dt.timedelta(days=2)}
    assert score({"date": DAY + dt.timedelta(days=2), "to_russia": None}, **span) == score(
        {"to_russia": None}, **span
    )


def test_a_month_precise_date_never_matches_another_month_without_the_same_ordinal():
    june = {"date": dt.date(2025, 6, 1), "date_precision": "month"}
    assert score(june, date=dt.date(2025, 5, 31)) is None
    assert score({**june, "ordinal": 64}, date=dt.date(2025, 5, 31), ordinal=64) is not None


def test_figures_that_all_differ_do_not_match_on_another_day():
    other = {"to_ukraine": 84, "to_russia": 84}
    assert score({**other, "date": DAY + dt.timedelta(days=1)}) is None


def test_figures_that_all_differ_match_on_the_exact_day_as_a_dispute():
    assert score({"to_ukraine": 84, "to_russia": 84}) is not None


def test_equal_figures_add_two_each():
    assert score() - score({"to_russia": 84}) == 2


def test_best_match_prefers_the_exchange_whose_figures_agree():
    agreeing = candidate()
    disputed = candidate(to_ukraine=84, to_russia=84)
    assert best_match(report(), SOURCE, [disputed, agreeing]) is agreeing


def test_one_articles_two_events_are_distinct_unless_it_restates_one():
    assert score({"to_ukraine": 84, "to_russia": 84}, from_this_source=True) is None
    assert score(from_this_source=True) is not None


def test_a_shared_mediator_helps_and_a_different_one_counts_against():
    same = score({"mediator_names": ["UAE"]}, mediators=["UAE"])
    other = score({"mediator_names": ["UAE"]}, mediators=["Turkey"])
    assert same - other == 1.5
    assert score({"mediator_names": ["UAE"]}) == score()


def test_an_undated_report_matches_a_dated_exchange_only_by_its_ordinal():
    undated = {"date": None, "date_precision": "unknown"}
    assert score(undated) is None
    assert score({**undated, "ordinal": 64}, ordinal=64) is not None


def test_an_undated_agreement_matches_a_swap_within_its_window_after_publication():
    agreed = {"date": None, "date_precision": "unknown", "status": "agreed"}
    assert score(agreed, source=Source(published=DAY - dt.timedelta(days=10))) is not None
    assert score(agreed, source=Source(published=DAY - dt.timedelta(days=120))) is None


def test_a_dated_report_matches_an_undated_agreement_once_announced():
    undated = {"date": None, "date_precision": "unknown", "status": "agreed"}
    announced = {**undated, "announced_on": DAY - dt.timedelta(days=20)}
    assert score(**announced) is not None
    assert score(**{**undated, "announced_on": DAY + dt.timedelta(days=20)}) is None


def test_a_dated_report_never_matches_an_undated_exchange_that_happened():
    assert score(date=None, date_precision="unknown") is None


def test_two_undated_mentions_match_only_by_ordinal_or_agreeing_figures():
    undated = {"date": None, "date_precision": "unknown"}
    assert score(undated, **undated) is not None
    assert score({**undated, "to_ukraine": 84}, **undated) is None
