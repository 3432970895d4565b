"""A sentence that says who was among those returned gives parts, never another event."""

import datetime as dt

from ingest.extraction import extract_events

PUBLISHED = dt.date(2025, 9, 4)


def counts(text, language):
    found = extract_events(text, published=PUBLISHED, language=language)
    return [(e.to_ukraine, e.to_russia) for e in found]


def test_bodies_among_those_repatriated_are_part_of_the_handover():
    text = (
        "Состоялась репатриация: в Украину возвращено 900 тел, которые, по словам "
        "другой стороны, принадлежат украинским военным.\n\n"
        "Среди репатриированных есть 7 тел украинских воинов, погибших в плену."
    )
    assert counts(text, "ru") == [(900, None)]


def test_officers_among_those_freed_are_part_of_the_swap():
    text = (
        "Today 90 Ukrainian defenders came home from Russian captivity in an exchange.\n\n"
        "Among those freed are 12 officers, the ombudsman said."
    )
    assert counts(text, "en") == [(90, None)]


def test_a_group_told_on_its_own_is_still_counted():
    text = "Серед іншого, сьогодні з полону повернули 40 захисників."
    assert counts(text, "uk") == [(40, None)]


def test_a_part_the_swap_already_counts_told_again_on_its_own_is_that_part():
    text = (
        "Сьогодні відбувся обмін: додому повернулися 146 військових і 8 цивільних.\n\n"
        "«Повертаємо додому 146 наших захисників із російського полону», — написав президент.\n\n"
        "Разом із захисниками повертаються й цивільні — 8 наших людей."
    )
    assert counts(text, "uk") == [(154, None)]


def test_from_russian_captivity_spelled_iz_is_home_to_ukraine():
    text = "Сьогодні із російського полону повернулися 93 захисники."
    assert counts(text, "uk") == [(93, None)]
