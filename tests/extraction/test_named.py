from ingest.extraction import cues
from ingest.extraction.counts import find_figures
from ingest.extraction.named import count_named_people


def counted(text, language="en"):
    figures = find_figures(cues.lowercase(text), language, cues.lowercase(text))
    count_named_people(text, figures)
    return [(f.value, f.side) for f in figures if f.side]


def test_a_person_named_with_a_group_handed_over_is_one_more():
    assert counted("Russia received 55 servicemen and Viktor Medvedchuk.") == [(56, "to_russia")]


def test_a_person_described_before_the_name_counts_too_in_ukrainian():
    text = "Росія отримала 55 своїх військових і кума Путіна Віктора Медведчука."
    assert counted(text, "uk") == [(56, "to_russia")]


def test_a_country_named_after_a_count_is_no_person():
    assert counted("Ukraine received 95 prisoners and Saudi Arabia helped.") == [(95, "to_ukraine")]
