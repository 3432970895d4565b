"""Any text at all goes through every step without an error, within bounds and quickly."""

import datetime as dt
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extraction import KNOWN_MEDIATORS, cues, extract_events
from ingest.extraction.counts import find_figures
from ingest.extraction.dates import find_dates
from ingest.extraction.mentions import find_mentions
from ingest.extraction.numbers import find_numbers
from ingest.extraction.sentences import MAX_TEXT_CHARS, split_sentences
from ingest.extraction.tables import find_table_rows

# A guard against hanging (runaway regexes, parsers), not a speed check: speed is
# measured by the benchmarks. Generous, so a busy CI machine never trips it.
HANG = 30

PATTERNS = cues.mediator_patterns(tuple(KNOWN_MEDIATORS))
# Words the steps react to, so that generated text reaches the deeper branches.
VOCABULARY = [
    "1,000", "205", "each", "for", "bodies", "prisoners", "swap", "exchange", "returned", "home",
    "Ukraine", "Russia", "handed over", "on Friday", "19 April 2025", "29.01.2026", "|", "\n",
    "more than", "since", "агреed", "тіла", "обмін", "повернулися", "84", "по", "обмен", "ОАЭ",
    "-", "•", ".", ",", " ", "UAE", "mediated by", "64th", "first stage",
    "Date To Ukraine To Russia",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=2000),
    st.lists(st.sampled_from(VOCABULARY), max_size=300).map(" ".join),
    st.binary(max_size=2000).map(lambda b: b.decode("latin-1")),
)
dates = st.one_of(
    st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
)
languages = st.sampled_from(["en", "uk", "ru", "xx"])
# The deadline guards against hangs, generously: speed is the benchmarks' business.
SETTINGS = settings(max_examples=150, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_it_splits_any_text_into_sentences_with_true_offsets(text):
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


@SETTINGS
@given(texts)
def test_it_finds_numbers_inside_any_text(text):
    for number in find_numbers(text):
        assert 0 <= number.start < number.end <= len(text)
        assert number.value >= 0


@SETTINGS
@given(texts, dates)
def test_it_finds_dates_inside_any_text(text, published):
    for found in find_dates(text, published):
        assert 0 <= found.start < found.end <= len(text)
        assert found.precision in {"day", "week", "month"}


@SETTINGS
@given(texts, languages)
def test_it_finds_figures_inside_any_text(text, language):
    for figure in find_figures(text, language):
        assert 0 <= figure.start < figure.end <= len(text)


@SETTINGS
@given(texts, dates, languages)
def test_it_finds_mentions_and_table_rows_in_any_text(text, published, language):
    for index, sentence in enumerate(split_sentences(text)):
        find_mentions(
            sentence, index, published=published, language=language, mediator_patterns=PATTERNS
        )
    for row in find_table_rows(text, published, PATTERNS):
        assert text[row.start : row.end] == row.text


@SETTINGS
@given(texts, dates, languages)
def test_it_extracts_events_from_any_text(text, published, language):
    for event in extract_events(text, published=published, language=language):
        assert text[event.start : event.end] == event.sentence
        assert event.kind in {"pow_exchange", "body_repatriation", "civilian_return"}
        assert event.status in {"agreed", "in_progress", "completed"}
        for evidence in event.evidence:
            assert text[evidence.start : evidence.end] == evidence.sentence


def test_it_reads_no_further_than_its_cap_in_a_huge_article():
    paragraph = (
        "Ukraine and Russia exchanged 90 prisoners each on 25 June 2024, mediated by the UAE. "
        "Since 2022, 3,310 people have been freed.\n"
    )
    text = paragraph * (MAX_TEXT_CHARS // len(paragraph) + 1)
    text += "On 14 August 2025 Ukraine and Russia swapped 84 prisoners for 84.\n"
    found = extract_events(text, published=dt.date(2025, 8, 28), language="en")
    # Speed is the benchmark's business (bench/ingest.py); here: the cap holds.
    assert [(e.to_ukraine, e.to_russia) for e in found] == [(90, 90)]


def test_it_survives_pathological_repetition():
    for text in ("1," * 50_000, "a " * 100_000, "| " * 50_000 + "\n", "each " * 40_000 + "5"):
        started = time.perf_counter()
        extract_events(text, published=dt.date(2024, 6, 28), language="en")
        assert time.perf_counter() - started < HANG
