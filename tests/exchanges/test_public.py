"""One rule decides what the public pages show: the queryset's and the record's agree."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from exchanges.models import Exchange
from tests.factories import make_exchange

pytestmark = pytest.mark.django_db


def test_the_queryset_rule_and_the_records_property_agree_in_every_state():
    states = itertools.product([False, True], repeat=4)
    for needs_review, verified, corrected, curated in states:
        exchange = make_exchange(
            date=dt.date(2025, 1, 1),
            needs_review=needs_review,
            verified=verified,
            corrected_at=timezone.now() if corrected else None,
            curated_key=f"k-{needs_review}-{verified}-{corrected}" if curated else None,
        )
        in_public = Exchange.objects.public().filter(pk=exchange.pk).exists()
        assert in_public == exchange.is_public
        assert in_public == (not needs_review or verified or corrected or curated)
