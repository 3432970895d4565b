from ingest.extraction.sentences import MAX_TEXT_CHARS, split_sentences


def test_it_keeps_offsets_that_slice_back_to_each_sentence():
    text = "Kyiv got 95 soldiers back. Moscow said 90 returned!\n\n  Another line here."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Kyiv got 95 soldiers back.",
        "Moscow said 90 returned!",
        "Another line here.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_it_does_not_split_after_abbreviations():
    text = "The U.S. envoy arrived on Feb. 3 with Mr. Smith. The swap followed."
    assert [s.text for s in split_sentences(text)] == [
        "The U.S. envoy arrived on Feb. 3 with Mr. Smith.",
        "The swap followed.",
    ]


def test_it_strips_bullets_and_keeps_each_list_item_apart():
    text = "Highlights\n- 120 soldiers came home\n• 40 civilians too"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Highlights",
        "120 soldiers came home",
        "40 civilians too",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert len({s.block for s in sentences}) == 3


def test_it_marks_a_line_without_a_full_stop_as_a_heading():
    sentences = split_sentences("Ukraine brings home 84 defenders\nThe exchange took place today.")
    assert [s.is_heading for s in sentences] == [True, False]


def test_it_reads_only_the_start_of_a_huge_text():
    sentences = split_sentences("word. " * (MAX_TEXT_CHARS // 3))
    assert sentences[-1].end <= MAX_TEXT_CHARS
