"""Each side's figure when the text tells it in parts or in more than one sentence."""

import datetime as dt

from ingest.extraction import extract_events


def counts(text, published=dt.date(2025, 10, 2), language="en"):
    found = extract_events(text, published=published, language=language)
    return [(e.kind, e.to_ukraine, e.to_russia) for e in found]


def test_civilians_also_freed_in_the_next_sentence_add_to_the_soldiers_of_the_swap():
    text = (
        "On Thursday Moscow and Kyiv traded prisoners of war, 120 for 120, the Russian "
        "defence ministry said. Both sides also handed back 9 civilians each."
    )
    assert counts(text) == [("pow_exchange", 129, 129)]


def test_it_works_the_same_in_russian_and_for_one_side():
    text = (
        "Сегодня из плена вернулись еще 240 украинских защитников, сообщил президент. "
        "Также сегодня освобождены трое гражданских украинцев."
    )
    assert counts(text, language="ru") == [("pow_exchange", 243, None)]


def test_the_civilians_told_again_are_added_once():
    text = (
        "Сегодня из плена вернулись еще 240 украинских защитников, сообщил президент. "
        "Также сегодня освобождены трое гражданских украинцев. "
        "Еще 240 защитников возвращаются домой. Также удалось вернуть троих гражданских украинцев."
    )
    assert counts(text, language="ru") == [("pow_exchange", 243, None)]


def test_civilians_also_freed_are_not_added_to_a_figure_that_may_hold_them():
    text = (
        "Сьогодні в результаті обміну додому повернулися 60 українців. "
        "Також вдалося звільнити 8 цивільних українців."
    )
    assert counts(text, language="uk")[0][1:] == (60, None)


def test_a_second_thing_also_said_is_not_a_second_group():
    text = (
        "On Thursday 30 Ukrainian soldiers came home in exchange for 30 Russian soldiers, "
        "the ombudsman said. She also said 6 Russian civilian sailors had been exchanged "
        "for 14 Ukrainian civilian sailors in March."
    )
    assert (("pow_exchange", 30, 30)) in counts(text)


def test_a_second_part_listed_after_including_is_a_part_too():
    text = "On Thursday 150 Ukrainians came home, including 110 soldiers and 40 civilians."
    assert counts(text) == [("pow_exchange", 150, None)]


def test_parts_listed_after_among_them_do_not_add_to_the_whole_in_russian():
    text = "В пятницу домой вернулись 300 наших граждан, включая 200 военных и 100 гражданских."
    assert counts(text, language="ru")[0][1:] == (None, 300)


def test_we_freed_counts_the_speakers_own_people():
    text = (
        'A further prisoner swap took place. "Today we freed 64 of our servicemen '
        'from captivity," the head of the presidential office wrote.'
    )
    assert counts(text) == [("pow_exchange", 64, None)]


def test_managed_to_free_counts_the_outlets_own_people_in_ukrainian():
    text = "У вівторок відбувся черговий обмін полоненими: вдалося звільнити 64 моряків."
    assert counts(text, language="uk")[0][1:] == (64, None)


def test_a_freed_part_listed_in_particular_is_no_side_of_its_own():
    text = (
        "У вівторок відбулася репатріація: додому повернули 500 тіл загиблих. "
        "Зокрема, вдалося повернути 300 тіл з одного напрямку та 200 з іншого."
    )
    assert counts(text, language="uk") == [("body_repatriation", 500, None)]


def test_russia_brought_back_its_own_servicemen_in_russian():
    text = (
        "В четверг Россия вернула 70 военнослужащих из плена, "
        "взамен переданы 70 пленных военнослужащих ВСУ."
    )
    assert counts(text, language="ru") == [("pow_exchange", 70, 70)]


def test_ukraine_brought_back_its_own_people_in_russian_and_its_own_figure_wins():
    text = (
        "Минобороны России сообщило, что в четверг 160 российских военных вернулись домой "
        "в обмен на 160 украинских пленных. Украина вернула 175 человек, заявили в Киеве."
    )
    assert counts(text, language="ru") == [("pow_exchange", 175, 160)]


def test_russia_returning_bodies_still_hands_them_over():
    text = "В пятницу Россия вернула 900 тел погибших, сообщили в штабе."
    assert counts(text, language="ru")[0][1:] == (900, None)


def test_the_same_number_of_civilians_freed_on_another_day_is_another_group():
    text = (
        "On Thursday 120 Ukrainian soldiers came home in exchange for 120 Russian soldiers. "
        "Six Ukrainian civilians were also freed. "
        "On 5 August, six Ukrainian civilians were freed in an exchange."
    )
    found = counts(text)
    assert found[0] == ("pow_exchange", 126, 120)
    assert len(found) == 2


def test_bodies_moved_with_no_side_named_came_home_as_the_outlet_sees_it():
    # A recap's bullets: the receiver is unsaid; a Kyiv-facing outlet means Ukraine.
    for text in (
        "On 8 November, 440 bodies were returned, the headquarters said.",
        "On 8 November, the headquarters reported the return of 440 bodies.",
        "On 8 November, Ukraine recovered the remains of 440 soldiers.",
    ):
        assert counts(text, published=dt.date(2024, 11, 20)) == [
            ("body_repatriation", 440, None)
        ], text


def test_bodies_handed_to_a_named_side_keep_that_side():
    text = "On 8 November, Ukraine returned the bodies of 37 Russian soldiers to Russia."
    assert counts(text, published=dt.date(2024, 11, 20)) == [("body_repatriation", None, 37)]


def test_bodies_agreed_to_be_returned_are_a_plan_not_a_return_home():
    text = "The parties also agreed to return the bodies of 4,000 fallen soldiers."
    assert all(to_ukraine is None for _, to_ukraine, _ in counts(text))


def test_one_fronts_share_of_the_bodies_is_no_exchange_of_its_own():
    text = (
        "Most of the fallen, 301, died on the Donetsk front. Another 88 bodies were returned "
        "from the Kharkiv direction, the headquarters said."
    )
    assert counts(text, published=dt.date(2024, 11, 20)) == []


def test_the_side_is_read_from_evidence_further_on_in_the_count_s_clause():
    # The noun phrase is broken by an aside, and the actor follows its verb.
    assert counts(
        "На вихідних 440 тіл, імовірно, загиблих українських військових передала російська "
        "сторона.",
        language="uk",
    ) == [("body_repatriation", 440, None)]
    assert counts(
        "On Friday 440 bodies, presumably of fallen soldiers, were handed over by the Russian side."
    ) == [("body_repatriation", 440, None)]


def test_a_source_named_after_the_count_is_no_actor_and_a_speaker_before_it_no_nationality():
    assert counts("Six civilians were also among those released, according to Kyiv.") == []
    found = counts(
        "The Ukrainian coordination centre listed those returning: 87 army soldiers and "
        "43 national guards."
    )
    assert all(to_ukraine is None and to_russia is None for _, to_ukraine, to_russia in found)


def test_a_nationality_past_the_count_s_noun_phrase_is_not_its_side():
    text = (
        "The swap came as 200,000 reservists were to be called up, a move that drew protests "
        "in many Russian cities."
    )
    assert counts(text) == []


def test_the_speaker_as_it_received_its_own_civilians_and_they_add_to_its_side():
    # Kyiv counts its civilians with its soldiers; Moscow's are told apart, as "it".
    text = (
        "Russia and Ukraine swapped 120 prisoners of war each on Thursday. "
        "The Russian Defence Ministry confirmed the swap, adding that it also received "
        "9 civilians. Kyiv said 120 of its servicemen were home, along with 9 civilians."
    )
    assert counts(text) == [("pow_exchange", 129, 129)]


def test_each_side_s_figure_stays_each_when_a_total_of_both_follows():
    text = (
        "The swap on Thursday freed 120 prisoners of war each. It also included 9 civilians "
        "from each side, bringing the total to 258 people."
    )
    assert counts(text) == [("pow_exchange", 129, 129)]


def test_bodies_of_another_group_and_the_fallen_are_bodies():
    found = extract_events(
        "Сегодня на родину вернули тела ещё 500 украинских военных, погибших в боях.",
        published=dt.date(2025, 7, 17),
        language="ru",
    )
    assert [e.kind for e in found] == ["body_repatriation"]
    found = extract_events(
        "Украинская сторона передала нам 24 павших российских военнослужащих.",
        published=dt.date(2025, 7, 17),
        language="ru",
    )
    assert [(e.kind, e.to_russia) for e in found] == [("body_repatriation", 24)]


def test_describing_words_in_quotes_still_describe_the_people_counted():
    text = (
        "On Thursday Russia said it had handed over 90 Ukrainian prisoners of war and 12 "
        '"seriously wounded" Ukrainian captives, while Kyiv delivered 90 Russian prisoners.'
    )
    assert counts(text) == [("pow_exchange", 102, 90)]
