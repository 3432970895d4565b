from ingest.extraction.counts import BOTH, RUSSIA, UKRAINE, find_figures


def sides(text, language="en"):
    return [(f.value, f.side) for f in find_figures(text, language) if not f.vague]


def test_it_gives_a_handed_over_figure_to_the_other_side():
    assert sides("Moscow handed over 500 bodies, while Kyiv handed over 21.") == [
        (500, UKRAINE),
        (21, RUSSIA),
    ]


def test_it_reads_the_side_from_the_nationality_of_the_people_counted():
    assert sides("95 Ukrainians returned home.") == [(95, UKRAINE)]
    assert sides("The ministry said 90 Russian soldiers were freed.") == [(90, RUSSIA)]


def test_it_reads_each_and_n_for_n_as_both_sides():
    assert sides("The two sides freed 150 prisoners each.") == [(150, BOTH)]
    assert sides("a 300-for-300 swap") == [(300, BOTH), (300, BOTH)]
    assert sides("по 48 військовополонених") == [(48, BOTH)]


def test_it_completes_an_uneven_pair():
    assert sides("Russia returned 757 bodies for 12") == [(757, UKRAINE), (12, RUSSIA)]


def test_it_lets_a_coordinated_group_inherit_the_side():
    assert sides("Russia said 60 Russian servicemen and 14 civilians were repatriated.") == [
        (60, RUSSIA),
        (14, RUSSIA),
    ]


def test_it_reads_ukrainian_return_as_bringing_people_home():
    assert sides("Україна повернула 48 захисників", "uk") == [(48, UKRAINE)]


def test_it_reads_russian_ministry_phrasing():
    text = "Возвращены 48 российских военнослужащих, в обмен переданы 48 военнопленных ВСУ."
    assert sides(text, "ru") == [(48, RUSSIA), (48, UKRAINE)]


def test_it_ignores_ages_durations_and_years():
    assert sides("Freed after 700 days in captivity, aged 19, in 2024.") == []


def test_it_keeps_hedged_figures_without_a_side():
    figures = find_figures("more than 300 soldiers were swapped", "en")
    assert [(f.value, f.vague, f.side) for f in figures] == [(300, True, None)]


def test_it_drops_figures_of_people_held_rather_than_returned():
    assert sides("Some 8,000 Ukrainian soldiers are held in Russia.") == []


def test_it_reads_a_destination_right_after_each_figure():
    assert sides("12 May: 600 to Ukraine, 31 to Russia.") == [(600, UKRAINE), (31, RUSSIA)]


def test_it_reads_bodies_repatriated_without_a_side_as_brought_home():
    assert sides("In March, 320 bodies were repatriated.") == [(320, UKRAINE)]


def test_it_reads_ukrainian_collective_numerals():
    assert sides("Додому повернулися 40 військових і троє цивільних", "uk") == [
        (40, UKRAINE),
        (3, UKRAINE),
    ]


def test_it_reads_from_russian_captivity_as_a_destination_not_a_nationality():
    assert sides("Kyiv secured the release of 140 people from Russian captivity.") == [
        (140, UKRAINE)
    ]


def test_it_reads_a_destination_named_before_the_figure():
    assert sides("З російської неволі звільнено 60 військових", "uk") == [(60, UKRAINE)]


def test_it_takes_the_first_kind_of_people_named_after_a_count():
    figures = find_figures("they swap 60 prisoners each and exchange the dead", "en")
    assert [f.category for f in figures] == ["military"]


def test_it_marks_part_of_a_group_counted_elsewhere():
    figures = find_figures("Officials said 40 of the freed Ukrainians were medics.", "en")
    assert [f.subset for f in figures] == [True]


def test_a_nationality_joined_to_held_names_a_territory_not_the_people():
    assert sides("The ministry said 64 Russian soldiers came back from Ukrainian-held land.") == [
        (64, RUSSIA)
    ]


def test_the_side_a_russian_text_hands_them_to_is_the_destination():
    assert sides("Украинской стороне переданы 80 военнопленных.", "ru") == [(80, UKRAINE)]


def test_a_few_dozen_is_no_count():
    assert sides("Ukraine got 900 bodies and Russia a few dozen bodies.") == [(900, UKRAINE)]


def test_people_returned_along_with_others_went_the_same_way():
    text = "Moscow said 70 Russian soldiers were returned, along with two civilians."
    assert sides(text) == [(70, RUSSIA), (2, RUSSIA)]


def test_a_destination_after_a_second_verb_belongs_to_the_second_count_only():
    text = "Kyiv got back 65 soldiers and sent 70 to Russia."
    assert sides(text) == [(65, UKRAINE), (70, RUSSIA)]


def test_a_destination_after_two_counts_with_no_verb_between_them_is_both_counts():
    text = "In all 120 soldiers and 3 civilians were returned to Ukraine."
    assert sides(text) == [(120, UKRAINE), (3, UKRAINE)]


def test_a_speakers_own_servicemen_are_its_side_whatever_nationality_follows():
    text = (
        "Russia's Defense Ministry gave a smaller figure, saying 150 of its servicemen "
        "had been returned in exchange for 150 Ukrainian prisoners."
    )
    assert sides(text) == [(150, RUSSIA), (150, UKRAINE)]


def test_each_before_two_joined_counts_covers_both():
    assert sides("Ukraine and Russia each handed over 185 servicemen and 20 civilians.") == [
        (185, BOTH),
        (20, BOTH),
    ]


def test_ones_after_a_nationality_count_people_of_that_side():
    text = "1,000 Ukrainian bodies had been handed over in exchange for 19 Russian ones."
    assert sides(text) == [(1000, UKRAINE), (19, RUSSIA)]


def test_a_dash_standing_for_the_verb_gives_the_count_to_the_side_before_it():
    assert sides("Украина получила 1000 тел, Россия — 38.", "ru") == [
        (1000, UKRAINE),
        (38, RUSSIA),
    ]


def test_the_dative_next_to_a_handing_over_verb_is_the_receiving_side():
    assert sides("Украине передали 1000 тел погибших.", "ru") == [(1000, UKRAINE)]
    assert sides("В Украине передали 1000 тел погибших.", "ru") != [(1000, UKRAINE)]


def test_returned_to_each_side_is_both_sides_count():
    assert sides("Moscow said 205 prisoners had been returned to each side.") == [(205, BOTH)]
