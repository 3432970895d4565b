from ingest.extraction.numbers import find_numbers, parse_number_words


def values(text):
    return [n.value for n in find_numbers(text)]


def test_it_reads_thousands_separators_of_every_style():
    assert values("1,000 and 1 000 and 1.000 and 1000") == [1000, 1000, 1000, 1000]


def test_it_reads_english_number_words():
    assert values("two hundred and five prisoners") == [205]
    assert values("a thousand bodies") == [1000]


def test_it_reads_ukrainian_and_russian_number_words():
    assert values("тисяча тіл") == [1000]
    assert values("двісті захисників") == [200]
    assert values("двести военных") == [200]
    assert values("дві тисячі") == [2000]


def test_it_reads_both_sides_of_a_hyphenated_swap():
    assert values("a 1,000-for-1,000 swap") == [1000, 1000]


def test_it_flags_hedged_numbers():
    hedged = {n.value: n.approximate for n in find_numbers("nearly 800 freed, then 390 more")}
    assert hedged == {800: True, 390: False}
    assert find_numbers("понад 200 військових")[0].approximate


def test_it_flags_ordinals():
    assert [n.is_ordinal for n in find_numbers("the 65th swap, 65-й обмін, 65 people")] == [
        True,
        True,
        False,
    ]


def test_it_refuses_words_that_make_no_number():
    assert parse_number_words(["two", "banana"]) is None


def test_it_does_not_read_an_aircraft_model_as_a_figure():
    assert values("an Su-25 jet and 40 soldiers") == [40]


def test_it_reads_one_and_a_half_thousand_with_its_hedge():
    from ingest.extraction.numbers import find_numbers

    (number,) = find_numbers("понад півтори тисячі людей")
    assert (number.value, number.approximate) == (1500, True)


def test_thousands_without_a_number_before_them_are_no_number():
    assert values("у полоні залишаються тисячі українців") == []
    assert values("тысячи семей ждут") == []
    assert values("дві тисячі полонених") == [2000]
    assert values("обмін тисячу на тисячу") == [1000, 1000]


def test_digits_before_a_thousand_word_count_thousands():
    assert values("передаст Украине 6 тыс. тел") == [6000]
    assert values("6 тисяч тіл") == [6000]
    assert values("6 thousand bodies") == [6000]


def test_collective_number_words_count_people():
    assert values("семеро гражданских и еще троих жителей") == [7, 3]
    assert values("шестеро військових") == [6]
