"""Reconciliation alone, fed the annotated events of whole corpora.

The events a careful reader found (cases.json) go straight into
`reconcile_source`, article by article, in two different orders: every key
must end up in exactly one record and no record may hold two keys. This keeps
reconciliation honest independently of how well extraction does.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from exchanges.models import Exchange, Report
from ingest.extraction import ExtractedEvent
from ingest.reconcile import reconcile_source
from ingest.scoring import Case, load_corpus
from tests.conftest import REPO_ROOT
from tests.factories import make_source

pytestmark = pytest.mark.django_db

# The annotations have no stage flag; their wording says it ("second tranche").
STAGE_WORDING = re.compile(
    r"\b(first|second|third|fourth|fifth|final|last|further) (stage|tranche|part|day)\b"
)


def annotated_events(case: Case) -> list[tuple[str, ExtractedEvent]]:
    events = []
    for event in case.expected + case.optional:
        wording = f"{event.get('categories', '')} {event.get('evidence', '')}".lower()
        events.append(
            (
                event["key"],
                ExtractedEvent(
                    kind=event["kind"],
                    status="in_progress" if event["status"] == "stage" else event["status"],
                    date=dt.date.fromisoformat(event["date"]) if event.get("date") else None,
                    date_precision=event.get("date_precision") or "unknown",
                    to_ukraine=event.get("to_ukraine"),
                    to_russia=event.get("to_russia"),
                    ordinal=event.get("ordinal"),
                    mediators=list(event.get("mediators") or []),
                    is_stage=bool(STAGE_WORDING.search(wording)),
                    sentence=event.get("evidence", ""),
                ),
            )
        )
    return events


def reconcile_corpus(cases: list[Case]) -> dict[str, set[int]]:
    """Records per expected key (optional events are reconciled too, but not scored)."""
    keys_to_reports: dict[str, list[int]] = {}
    for case in cases:
        source = make_source(url=None, published=case.published)
        labelled = annotated_events(case)
        reconcile_source(source, [e for _, e in labelled])
        reports = list(Report.objects.filter(source=source).order_by("position"))
        for (key, _), report in list(zip(labelled, reports, strict=True))[: len(case.expected)]:
            keys_to_reports.setdefault(key, []).append(report.pk)
    records: dict[str, set[int]] = {}
    for key, report_ids in keys_to_reports.items():
        for report in Report.objects.filter(pk__in=report_ids).select_related("exchange"):
            records.setdefault(key, set()).add(report.exchange.parent_id or report.exchange_id)
    return records


def assert_one_record_per_key(records: dict[str, set[int]]) -> None:
    duplicates = {key: ids for key, ids in records.items() if len(ids) > 1}
    assert not duplicates, f"keys spread over several records: {duplicates}"
    owners: dict[int, str] = {}
    for key, (record_id,) in records.items():
        assert record_id not in owners, f"{key} and {owners.get(record_id)} share a record"
        owners[record_id] = key


@pytest.mark.parametrize("order", ["as listed", "shuffled"])
def test_the_seed_events_reconcile_to_one_record_per_key(seeds_dir, order):
    cases = load_corpus(seeds_dir)
    if order == "shuffled":
        random.Random(4).shuffle(cases)
    assert_one_record_per_key(reconcile_corpus(cases))


@pytest.mark.parametrize("order", ["as listed", "reversed"])
def test_the_sample_events_reconcile_to_one_record_per_key(order):
    cases = load_corpus(REPO_ROOT / "samples" / "articles")
    if order == "reversed":
        cases.reverse()
    assert_one_record_per_key(reconcile_corpus(cases))
    assert Exchange.objects.filter(parent=None).count() == len(
        {e["key"] for c in cases for e in c.expected}
    )


def test_the_development_corpus_events_reconcile_to_one_record_per_key():
    folder = REPO_ROOT / "tests" / "corpus"
    if not (folder / "cases.json").exists():
        pytest.skip("the development corpus is not written yet")
    assert_one_record_per_key(reconcile_corpus(load_corpus(folder)))
