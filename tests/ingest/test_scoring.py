"""Scoring against an annotated corpus: the rules of ../shared/corpus/README.md."""

import datetime as dt
from pathlib import Path

from ingest.scoring import Case, FoundReport, score_by_language, score_corpus

DAY = dt.date(2025, 5, 23)


def case(case_id: str, *events: dict, language: str = "en", non_events=()) -> Case:
    return Case(
        id=case_id,
        path=Path(f"{case_id}.txt"),
        url=None,
        published=DAY,
        language=language,
        expected=list(events),
        optional=[],
        non_events=list(non_events),
    )


def event(key: str, **kwargs) -> dict:
    return {
        "key": key,
        "date": DAY.isoformat(),
        "date_precision": "day",
        "kind": "pow_exchange",
        "status": "completed",
        "to_ukraine": 390,
        "to_russia": 390,
        **kwargs,
    }


def report(**kwargs) -> FoundReport:
    values = {"kind": "pow_exchange", "date": DAY, "to_ukraine": 390, "to_russia": 390}
    return FoundReport(**{**values, **kwargs})


def test_it_scores_precision_recall_and_f1():
    cases = [case("a", event("k1")), case("b", event("k2", to_ukraine=84, to_russia=84))]
    found = {"a": [report()], "b": [report(to_ukraine=85, to_russia=84)]}
    score = score_corpus(cases, found)
    assert (score.precision, score.recall) == (0.5, 0.5)
    assert score.f1 == 0.5


def test_a_date_within_a_day_matches_and_a_count_off_by_one_does_not():
    cases = [case("a", event("k1"))]
    assert score_corpus(cases, {"a": [report(date=DAY + dt.timedelta(days=1))]}).recall == 1
    assert score_corpus(cases, {"a": [report(to_russia=391)]}).recall == 0


def test_published_precision_counts_only_reports_not_sent_to_review():
    cases = [case("a", event("k1"))]
    found = {
        "a": [
            report(),
            report(to_ukraine=1, to_russia=1, needs_review=True),  # wrong, but held back
            report(to_ukraine=2, to_russia=2),  # wrong and published
        ]
    }
    score = score_corpus(cases, found)
    assert score.published == 2
    assert score.published_precision == 0.5
    assert round(score.review_share, 2) == 0.33


def test_a_figure_listed_as_a_non_event_is_a_leak():
    cases = [case("a", non_events=[{"figure": 6422, "why": "running total"}])]
    score = score_corpus(cases, {"a": [report(to_ukraine=6422, to_russia=None)]})
    assert score.leaks == 1


def test_the_figures_are_also_given_for_each_language():
    cases = [case("a", event("k1")), case("b", event("k2"), language="uk")]
    by_language = score_by_language(cases, {"a": [report()], "b": []})
    assert by_language["en"].recall == 1 and by_language["uk"].recall == 0


def test_a_report_of_another_kind_does_not_match():
    cases = [case("a", event("k1"))]
    assert score_corpus(cases, {"a": [report(kind="body_repatriation")]}).recall == 0


def test_a_week_precise_event_takes_a_date_up_to_four_days_off_a_day_precise_one_not():
    week = [case("a", event("k1", date_precision="week"))]
    day = [case("a", event("k1"))]
    four_days = {"a": [report(date=DAY + dt.timedelta(days=4))]}
    assert score_corpus(week, four_days).recall == 1
    assert score_corpus(day, four_days).recall == 0
    assert score_corpus(week, {"a": [report(date=DAY + dt.timedelta(days=5))]}).recall == 0


def test_a_month_precise_event_takes_any_day_of_its_month():
    month = [case("a", event("k1", date_precision="month"))]
    assert score_corpus(month, {"a": [report(date=dt.date(2025, 5, 2))]}).recall == 1
    assert score_corpus(month, {"a": [report(date=dt.date(2025, 6, 1))]}).recall == 0


def test_a_report_of_an_optional_event_is_neither_missing_nor_wrong():
    optional = case("a", event("k1"))
    optional.optional = [event("k2", to_ukraine=84, to_russia=84)]
    score = score_corpus([optional], {"a": [report(), report(to_ukraine=84, to_russia=84)]})
    assert (score.precision, score.recall) == (1.0, 1.0)
