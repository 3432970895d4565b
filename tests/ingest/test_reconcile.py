"""Reconciliation: one real exchange is one record, however many sources report it."""

import datetime as dt

import pytest

from exchanges.models import Exchange, Report
from ingest.extraction import ExtractedEvent
from ingest.reconcile import reconcile_source
from tests.factories import make_source

pytestmark = pytest.mark.django_db

MAY_23 = dt.date(2025, 5, 23)


def event(**kwargs) -> ExtractedEvent:
    defaults = {
        "kind": "pow_exchange",
        "status": "completed",
        "date": MAY_23,
        "date_precision": "day",
        "sentence": "A sentence.",
    }
    defaults.update(kwargs)
    return ExtractedEvent(**defaults)


def ingest(*events, published=dt.date(2025, 5, 24), **source_kwargs):
    source = make_source(published=published, **source_kwargs)
    reconcile_source(source, list(events), run_label="test")
    return source


def top_level():
    return list(Exchange.objects.filter(parent=None))


def test_it_makes_one_record_of_two_sources_with_the_same_figures():
    ingest(event(to_ukraine=205, to_russia=205))
    ingest(event(to_ukraine=205, to_russia=205, date=dt.date(2025, 5, 24)))
    assert len(top_level()) == 1
    assert Report.objects.filter(exchange=top_level()[0]).count() == 2


def test_it_keeps_two_exchanges_a_day_apart_with_different_figures_apart():
    ingest(event(date=dt.date(2024, 9, 13), to_ukraine=49))
    ingest(event(date=dt.date(2024, 9, 14), to_ukraine=103, to_russia=103))
    assert len(top_level()) == 2


def test_it_merges_conflicting_figures_on_the_same_day_and_flags_them():
    ingest(
        event(
            date=dt.date(2024, 1, 31),
            to_ukraine=195,
            to_russia=195,
            attributed_to="Russia's Ministry of Defence",
        )
    )
    ingest(event(date=dt.date(2024, 1, 31), to_ukraine=207, attributed_to="Zelensky"))
    (exchange,) = top_level()
    assert exchange.has_conflict
    assert exchange.needs_review
    assert "disagree" in exchange.review_reason
    assert exchange.to_ukraine in {195, 207}
    assert exchange.to_russia == 195


def test_a_tie_between_figures_goes_to_the_receiving_sides_own_authority():
    ingest(
        event(
            date=dt.date(2024, 12, 30),
            to_ukraine=150,
            to_russia=150,
            attributed_to="Russian defence ministry",
        )
    )
    ingest(event(date=dt.date(2024, 12, 30), to_ukraine=189, attributed_to="President Zelensky"))
    (exchange,) = top_level()
    assert exchange.to_ukraine == 189
    assert exchange.to_russia == 150


def test_an_agreed_exchange_becomes_the_record_of_the_swap_when_it_happens():
    ingest(
        event(
            status="agreed", date=None, date_precision="unknown", to_ukraine=1000, to_russia=1000
        ),
        published=dt.date(2025, 5, 17),
    )
    ingest(event(status="completed", to_ukraine=1000, to_russia=1000))
    (exchange,) = top_level()
    assert exchange.status == "completed"
    assert exchange.date == MAY_23


def test_a_later_agreed_report_does_not_move_a_done_exchange_back():
    ingest(event(status="completed", to_ukraine=1000, to_russia=1000))
    ingest(
        event(
            status="agreed", date=None, date_precision="unknown", to_ukraine=1000, to_russia=1000
        ),
        published=dt.date(2025, 5, 17),
    )
    (exchange,) = top_level()
    assert exchange.status == "completed"


def test_an_agreement_does_not_match_a_swap_from_before_it_was_announced():
    ingest(event(date=dt.date(2025, 3, 19), to_ukraine=175, to_russia=175))
    ingest(
        event(status="agreed", date=None, date_precision="unknown", to_ukraine=175, to_russia=175),
        published=dt.date(2025, 5, 17),
    )
    assert len(top_level()) == 2


def test_stages_hang_under_their_exchange_and_are_not_counted_twice():
    ingest(event(status="in_progress", to_ukraine=1000, to_russia=1000))
    ingest(event(status="in_progress", is_stage=True, to_ukraine=390, to_russia=390, ordinal=65))
    ingest(
        event(
            status="in_progress",
            is_stage=True,
            date=dt.date(2025, 5, 24),
            to_ukraine=307,
            to_russia=307,
        ),
        published=dt.date(2025, 5, 25),
    )
    (parent,) = top_level()
    stages = list(parent.stages.order_by("date"))
    assert [(s.to_ukraine, s.stage_number) for s in stages] == [(390, 1), (307, 2)]
    assert parent.to_ukraine == 1000
    assert parent.ordinal == 65
    assert parent.end_date == dt.date(2025, 5, 24)
    counted = Exchange.objects.counted()
    assert sorted(e.to_ukraine for e in counted) == [307, 390]


def test_a_stage_reported_first_creates_its_exchange():
    ingest(event(status="in_progress", is_stage=True, to_ukraine=390, to_russia=390))
    ingest(event(status="in_progress", to_ukraine=1000, to_russia=1000))
    (parent,) = top_level()
    assert parent.stages.count() == 1
    assert parent.to_ukraine == 1000


def test_an_undated_report_without_figures_gets_its_own_record_for_review():
    ingest(event(date=None, date_precision="unknown", status="in_progress"))
    ingest(event(to_ukraine=84, to_russia=84))
    assert len(top_level()) == 2
    undated = Exchange.objects.get(date=None)
    assert undated.needs_review
    assert "No date" in undated.review_reason


def test_ingesting_the_same_source_again_changes_nothing():
    source = ingest(event(to_ukraine=84, to_russia=84, mediators=["UAE"]))
    exchange = Exchange.objects.get()
    history_before = exchange.history.count()
    updated_before = exchange.updated_at
    result = reconcile_source(source, [event(to_ukraine=84, to_russia=84, mediators=["UAE"])])
    exchange.refresh_from_db()
    assert result.reports_unchanged == 1
    assert result.created == [] and result.updated == []
    assert exchange.history.count() == history_before
    assert exchange.updated_at == updated_before


def test_re_ingesting_with_new_values_moves_the_report_and_drops_the_empty_record():
    source = ingest(event(to_ukraine=84, to_russia=84))
    old = Exchange.objects.get()
    reconcile_source(source, [event(date=dt.date(2025, 8, 14), to_ukraine=84, to_russia=84)])
    assert not Exchange.objects.filter(pk=old.pk).exists()
    assert Exchange.objects.get().date == dt.date(2025, 8, 14)


def test_mediators_from_every_source_are_joined():
    ingest(event(to_ukraine=84, to_russia=84, mediators=["UAE"]))
    ingest(event(to_ukraine=84, to_russia=84, mediators=["USA"]))
    assert sorted(m.name for m in Exchange.objects.get().mediators.all()) == ["UAE", "USA"]


def test_an_editors_value_is_never_overwritten_and_a_disagreeing_source_flags_review():
    ingest(event(to_ukraine=84, to_russia=84))
    exchange = Exchange.objects.get()
    exchange.to_ukraine = 85
    exchange.lock("to_ukraine")
    exchange.needs_review = False
    exchange.save()
    ingest(event(to_ukraine=84, to_russia=84, ordinal=67))
    exchange.refresh_from_db()
    assert exchange.to_ukraine == 85
    assert exchange.ordinal == 67  # untouched fields keep updating
    assert exchange.needs_review
    assert "editor set 85" in exchange.review_reason


def test_body_repatriations_and_prisoner_exchanges_on_one_day_stay_apart():
    ingest(event(date=dt.date(2024, 5, 31), to_ukraine=75, to_russia=75))
    ingest(event(date=dt.date(2024, 5, 31), kind="body_repatriation", to_ukraine=212, to_russia=45))
    assert len(top_level()) == 2


def test_two_different_ordinals_are_never_one_exchange():
    ingest(event(to_ukraine=100, to_russia=100, ordinal=51))
    ingest(event(to_ukraine=100, to_russia=100, ordinal=52))
    assert len(top_level()) == 2


def test_history_records_which_ingest_run_changed_an_exchange():
    ingest(event(to_ukraine=84, to_russia=84))
    ingest(event(to_ukraine=84, to_russia=84, ordinal=67))
    reasons = list(Exchange.objects.get().history.values_list("history_change_reason", flat=True))
    assert "test" in reasons


def test_an_exchange_whose_stages_add_up_to_its_figures_takes_no_further_stage():
    ingest(event(status="in_progress", to_ukraine=500, to_russia=500))
    ingest(event(status="in_progress", is_stage=True, to_ukraine=200, to_russia=200))
    ingest(
        event(
            status="in_progress",
            is_stage=True,
            date=dt.date(2025, 5, 24),
            to_ukraine=300,
            to_russia=300,
        )
    )
    ingest(
        event(status="in_progress", is_stage=True, date=dt.date(2025, 6, 9)),
        published=dt.date(2025, 6, 10),
    )
    assert len(top_level()) == 2
    assert Exchange.objects.get(date=dt.date(2025, 5, 23), parent=None).stages.count() == 2


def test_a_running_swap_smaller_than_an_agreed_one_is_its_first_stage():
    ingest(
        event(
            status="agreed", date=None, date_precision="unknown", to_ukraine=1000, to_russia=1000
        ),
        published=dt.date(2025, 5, 17),
    )
    ingest(event(status="in_progress", to_ukraine=390, to_russia=390))
    (parent,) = top_level()
    assert parent.stages.get().to_ukraine == 390
    assert parent.status == "in_progress"


def test_two_events_of_one_article_never_become_one_record():
    ingest(
        event(date=dt.date(2024, 9, 13), to_ukraine=49),
        event(date=dt.date(2024, 9, 13), to_ukraine=103, to_russia=103),
    )
    assert len(top_level()) == 2


def test_the_same_figures_for_both_sides_match_despite_a_date_a_few_days_off():
    ingest(event(to_ukraine=1000, to_russia=1000))
    ingest(event(date=dt.date(2025, 5, 16), to_ukraine=1000, to_russia=1000))
    assert len(top_level()) == 1


def test_a_completed_swap_after_an_announcement_is_not_taken_for_its_stage():
    ingest(
        event(
            status="agreed", date=None, date_precision="unknown", to_ukraine=1000, to_russia=1000
        ),
        published=dt.date(2025, 5, 17),
    )
    ingest(event(status="completed", date=dt.date(2025, 5, 20), to_ukraine=205, to_russia=205))
    assert len(top_level()) == 2


def test_a_report_that_only_restates_an_undisputed_exchange_leaves_it_untouched():
    ingest(event(to_ukraine=84, to_russia=84, mediators=["UAE"]))
    exchange = Exchange.objects.get()
    history_before = exchange.history.count()
    result = reconcile_source(make_source(), [event(to_ukraine=84, to_russia=84)])
    exchange.refresh_from_db()
    assert exchange.reports.count() == 2
    assert result.updated == [] and exchange.history.count() == history_before


def test_a_report_that_adds_something_still_updates_the_exchange():
    ingest(event(to_ukraine=84, to_russia=84))
    reconcile_source(make_source(), [event(to_ukraine=84, to_russia=84, ordinal=67)])
    assert Exchange.objects.get().ordinal == 67


def test_one_more_source_repeating_a_disputed_figure_writes_no_history_row():
    ingest(event(to_ukraine=195, to_russia=195, attributed_to="Russia's Ministry of Defence"))
    ingest(event(to_ukraine=207, attributed_to="Zelensky"))
    exchange = Exchange.objects.get()
    assert exchange.needs_review
    reason, history_before = exchange.review_reason, exchange.history.count()

    ingest(event(to_ukraine=207, attributed_to="Zelensky"))

    exchange.refresh_from_db()
    assert exchange.reports.count() == 3
    assert exchange.review_reason == reason
    assert exchange.history.count() == history_before


def test_a_disputed_figure_flags_again_an_exchange_an_editor_marked_reviewed():
    ingest(event(to_ukraine=195, to_russia=195, attributed_to="Russia's Ministry of Defence"))
    ingest(event(to_ukraine=207, attributed_to="Zelensky"))
    Exchange.objects.update(needs_review=False)

    ingest(event(to_ukraine=195, attributed_to="Russia's Ministry of Defence"))

    assert Exchange.objects.get().needs_review


def test_a_report_restating_a_stage_leaves_the_stage_and_its_exchange_untouched():
    stage_event = event(status="in_progress", is_stage=True, to_ukraine=390, to_russia=390)
    ingest(event(status="in_progress", to_ukraine=1000, to_russia=1000))
    ingest(stage_event)
    (parent,) = top_level()
    stage = parent.stages.get()
    history_before = parent.history.count() + stage.history.count()

    result = reconcile_source(make_source(published=dt.date(2025, 5, 24)), [stage_event])

    assert stage.reports.count() == 2
    assert result.updated == []  # neither the stage nor its exchange was recomputed
    assert parent.history.count() + stage.history.count() == history_before


def test_a_stage_report_with_new_figures_still_updates_the_stage():
    ingest(event(status="in_progress", to_ukraine=1000, to_russia=1000))
    ingest(event(status="in_progress", is_stage=True, to_ukraine=390, to_russia=390))
    ingest(event(status="in_progress", is_stage=True, to_ukraine=390, to_russia=390, ordinal=65))
    (parent,) = top_level()
    assert parent.stages.get().ordinal == 65
    assert parent.ordinal == 65


def test_a_change_of_mediators_is_one_history_row_that_names_them():
    ingest(event(to_ukraine=84, to_russia=84, mediators=["UAE"]))
    exchange = Exchange.objects.get()
    history_before = exchange.history.count()

    ingest(event(to_ukraine=84, to_russia=84, mediators=["USA"]))

    assert exchange.history.count() == history_before + 1
    latest = exchange.history.first()
    assert sorted(row.mediator.name for row in latest.mediators.all()) == ["UAE", "USA"]


def test_a_smaller_swap_the_day_before_in_the_same_article_is_not_taken_for_a_stage():
    ingest(
        event(date=dt.date(2024, 9, 14), to_ukraine=103, to_russia=103),
        event(date=dt.date(2024, 9, 13), to_ukraine=49),
    )
    assert sorted(e.to_ukraine for e in top_level()) == [49, 103]
    assert not Exchange.objects.filter(parent__isnull=False).exists()


def test_an_unsure_report_does_not_hold_back_a_record_a_confident_source_supports():
    ingest(event(to_ukraine=84, to_russia=84))
    ingest(event(to_ukraine=84, to_russia=84, needs_review=True, review_reason="weak date"))
    (exchange,) = top_level()
    assert not exchange.needs_review
    assert exchange.is_public


def test_a_record_only_unsure_sources_support_waits_for_review():
    ingest(event(to_ukraine=84, to_russia=84, needs_review=True, review_reason="weak date"))
    (exchange,) = top_level()
    assert exchange.needs_review and not exchange.is_public
    assert "weak date" in exchange.review_reason


def test_a_record_goes_public_once_a_later_source_settles_every_doubt():
    ingest(event(to_ukraine=84, to_russia=84, needs_review=True, review_reason="weak date"))
    ingest(event(to_ukraine=84, to_russia=84))
    (exchange,) = top_level()
    assert not exchange.needs_review and exchange.review_reason == ""
    assert Exchange.objects.public().get() == exchange


def test_a_settled_doubt_does_not_clear_a_record_an_editor_holds():
    ingest(event(to_ukraine=84, to_russia=84, needs_review=True, review_reason="weak date"))
    exchange = top_level()[0]
    exchange.locked_fields = ["to_ukraine"]
    exchange.save()
    ingest(event(to_ukraine=84, to_russia=84))
    exchange.refresh_from_db()
    assert exchange.needs_review
