"""Each event's confidence, from the evidence behind it, and what goes to review."""

import datetime as dt

import pytest

from ingest.extraction import confidence, extract_events
from ingest.management.commands.train_confidence import choose_threshold

TEXT = "Ukraine and Russia swapped 90 prisoners each on 25 June 2024, with the UAE mediating."


def test_every_event_carries_the_features_it_was_scored_from():
    (event,) = extract_events(TEXT, published=dt.date(2024, 6, 26), language="en")
    assert set(event.features) == set(confidence.FEATURES)
    assert event.features["date_day"] == 1.0
    assert event.features["equal_sides"] == 1.0
    assert event.features["mediator"] == 1.0
    assert event.features["lead_event"] == 1.0
    assert 0.0 <= event.confidence <= 1.0


def test_an_event_below_the_threshold_goes_to_review_with_its_reason(monkeypatch):
    monkeypatch.setattr(confidence, "_model", lambda: (-5.0, {}, 0.5))
    (event,) = extract_events(TEXT, published=dt.date(2024, 6, 26), language="en")
    assert event.needs_review
    assert event.review_reason.startswith("weak evidence")


def test_strong_evidence_is_published(monkeypatch):
    monkeypatch.setattr(confidence, "_model", lambda: (-1.0, {"date_day": 3.0}, 0.5))
    (event,) = extract_events(TEXT, published=dt.date(2024, 6, 26), language="en")
    assert event.confidence == pytest.approx(0.881, abs=0.001)
    assert not event.needs_review


def test_the_stored_weights_name_only_known_features():
    intercept, weights, threshold = confidence._model()
    assert set(weights) <= set(confidence.FEATURES)
    assert 0.0 <= threshold <= 1.0


def test_the_threshold_is_the_lowest_that_reaches_the_target_precision():
    probabilities = [0.9, 0.8, 0.6, 0.4, 0.2]
    labels = [1, 1, 0, 1, 0]
    flagged = [False] * 5
    assert choose_threshold(probabilities, labels, flagged, target=0.75) == 0.4
    assert choose_threshold(probabilities, labels, flagged, target=1.0) == 0.8


@pytest.mark.parametrize(
    "folder", ["tests/corpus_blind", "tests/corpus_unseen_e", ".cache/corpus_real/held"]
)
def test_training_refuses_the_corpora_kept_to_measure(folder):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="never train on"):
        call_command("train_confidence", folder)
