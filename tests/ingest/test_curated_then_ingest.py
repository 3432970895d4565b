"""Articles ingested after the curated file attach to its records as further sources:
after load + ingest of the sample articles and the seeds, no curated exchange is doubled."""

from io import StringIO

import pytest
from django.core.management import call_command

from exchanges.models import Exchange
from tests.conftest import REPO_ROOT, SEEDS_DIR, need

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded_then_ingested(django_capture_on_commit_callbacks):
    need(SEEDS_DIR.is_dir(), f"the seeds are not at {SEEDS_DIR}")
    call_command("load_curated", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "ingest", str(REPO_ROOT / "samples" / "articles"), str(SEEDS_DIR), stdout=StringIO()
        )


def doubles() -> list[str]:
    """Records ingest made that a curated record of the same kind already covers."""
    found = []
    for made in Exchange.objects.filter(curated_key__isnull=True, date__isnull=False):
        same = Exchange.objects.filter(
            curated_key__isnull=False,
            kind=made.kind,
            date__range=(made.date, made.end_date or made.date),
        )
        if made.ordinal:
            same = same | Exchange.objects.filter(curated_key__isnull=False, ordinal=made.ordinal)
        if same.exists():
            found.append(str(made))
    return found


def test_no_curated_exchange_is_duplicated(loaded_then_ingested):
    assert doubles() == []
    # Only the seed that states neither a date nor a figure stands apart (for an editor).
    assert list(
        Exchange.objects.filter(curated_key__isnull=True).values_list("date", "to_ukraine")
    ) == [(None, None)]


def test_the_articles_are_further_sources_of_the_curated_records(loaded_then_ingested):
    exchange = Exchange.objects.get(curated_key="2024-01-31-pow")
    outlets = {r.source.outlet or r.source.url for r in exchange.reports.all()}
    assert len(outlets) >= 3  # the curated source plus Kyiv's and Moscow's sample articles
    stage = Exchange.objects.get(curated_key="2025-05-23-pow-istanbul-1000-for-1000-stage-1")
    assert stage.reports.filter(curated=False).count() >= 2  # the sample and the seed


def test_the_curated_figures_stand_and_a_disagreement_is_flagged(loaded_then_ingested):
    exchange = Exchange.objects.get(curated_key="2024-01-31-pow")
    assert (exchange.to_ukraine, exchange.to_russia) == (207, 195)
    assert exchange.has_conflict
