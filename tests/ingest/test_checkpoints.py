"""Official running figures are found in an article, in English, Ukrainian and Russian."""

import datetime as dt

import pytest

from ingest.checkpoints import find_checkpoints

PUBLISHED = dt.date(2026, 3, 12)

# (language, sentence, [(measure, value, at_least, year, mediator), ...])
EXAMPLES = [
    (
        "en",
        "Since the start of the full-scale invasion, 6,422 people have returned home, "
        "the ombudsman said.",
        [("people_to_ukraine", 6422, False, None, None)],
    ),
    (
        "en",
        "Since 2022, more than 3,000 Ukrainians have been freed in the course of the 50 "
        "exchanges, according to the ombudsman's office.",
        [("people_to_ukraine", 3000, True, None, None), ("exchanges", 50, False, None, None)],
    ),
    (
        "en",
        "The swap brought the overall number exchanged through UAE mediation efforts to 4,349.",
        [("people_via_mediator", 4349, False, None, "UAE")],
    ),
    (
        "en",
        "Since February 2022 Ukraine has brought back 15,801 bodies of the fallen.",
        [("bodies_to_ukraine", 15801, False, None, None)],
    ),
    (
        "en",
        "Since the start of this year, 1,358 Ukrainians have come home.",
        [("people_to_ukraine", 1358, False, 2026, None)],
    ),
    (
        "uk",
        "З початку повномасштабного вторгнення додому повернули 6422 українців, повідомив "
        "омбудсман Дмитро Лубінець.",
        [("people_to_ukraine", 6422, False, None, None)],
    ),
    (
        "uk",
        "Загалом з початку вторгнення Україні повернуто 15 801 тіло загиблих.",
        [("bodies_to_ukraine", 15801, False, None, None)],
    ),
    (
        "ru",
        "По подсчетам Координационного штаба, с начала полномасштабного вторжения состоялось "
        "65 обменов.",
        [("exchanges", 65, False, None, None)],
    ),
    (
        "ru",
        "Всего при посредничестве ОАЭ было освобождено 4 641 человек.",
        [("people_via_mediator", 4641, False, None, "UAE")],
    ),
]

NOT_CHECKPOINTS = [
    ("en", "On Friday 390 Ukrainians came home, Zelensky said."),
    (
        "en",
        "Altogether, 372 people were released on Wednesday, the largest tally since the war began.",
    ),
    ("en", "Some of the 115 soldiers had been in captivity since 2022."),
    ("en", "In Istanbul, Moscow said it was ready to hand over 6,000 bodies since the war began."),
    ("uk", "Загалом, за домовленістю, кожна сторона має звільнити по 1 000 людей."),
    (
        "ru",
        "Всего с начала специальной военной операции из плена вернулись более 4 000 "
        "российских военных.",
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), EXAMPLES)
def test_it_finds_the_running_total(language, text, expected):
    found = find_checkpoints(text, language=language, published=PUBLISHED)
    assert [(f.measure, f.value, f.at_least, f.year, f.mediator) for f in found] == expected
    assert all(f.sentence == text for f in found)


@pytest.mark.parametrize(("language", "text"), NOT_CHECKPOINTS)
def test_it_leaves_one_events_figures_plans_and_the_other_sides_totals(language, text):
    assert find_checkpoints(text, language=language, published=PUBLISHED) == []


def test_it_names_who_gave_the_figure():
    (found,) = find_checkpoints(
        "According to Ukraine's Coordination Headquarters for the Treatment of Prisoners of War, "
        "at least 4,757 Ukrainians have been freed since March 2022.",
        published=PUBLISHED,
    )
    assert found.claimant.startswith("Coordination Headquarters")
    assert found.value == 4757


def test_it_keeps_the_sentences_place_in_the_text():
    text = "A swap took place.\nSince February 2022, 4,552 people have been brought home."
    (found,) = find_checkpoints(text, published=PUBLISHED)
    assert text[found.start : found.end] == found.sentence


def test_a_mediator_s_tally_names_it_by_the_names_it_is_given():
    # The pipeline passes the database's mediators: an alias an editor adds is read here
    # too, and a mediator no list knows gives no tally of its own.
    from ingest.extraction import MediatorName

    text = "The overall number exchanged through Kingdom mediation reached 1,150."
    assert find_checkpoints(text, published=PUBLISHED) == []
    found = find_checkpoints(
        text, published=PUBLISHED, mediators=[MediatorName("Saudi Arabia", ("Kingdom",))]
    )
    assert [(c.measure, c.value, c.mediator) for c in found] == [
        ("people_via_mediator", 1150, "Saudi Arabia")
    ]
