import datetime as dt

from ingest.extraction import KNOWN_MEDIATORS, cues
from ingest.extraction.tables import find_table_rows

PATTERNS = cues.mediator_patterns(tuple(KNOWN_MEDIATORS))
PUBLISHED = dt.date(2024, 7, 1)


def rows(text):
    return [
        (r.date.date, r.kind, r.to_ukraine, r.to_russia, r.mediators, r.ordinal)
        for r in find_table_rows(text, PUBLISHED, PATTERNS)
    ]


def test_it_reads_pipe_rows_by_their_header():
    text = (
        "| Date | Type | To Ukraine | To Russia | Mediator |\n|---|---|---|---|---|\n"
        "| 12 June | Bodies | 254 | 45 | Red Cross |\n| Total | | 254 | 45 | |"
    )
    assert rows(text) == [(dt.date(2024, 6, 12), "body_repatriation", 254, 45, ["ICRC"], None)]


def test_it_reads_rows_whose_cells_are_separated_by_spaces():
    text = "Date To Ukraine To Russia Mediator\n25 Jun 2024 90 90 UAE\nTotal 90 90"
    assert rows(text) == [(dt.date(2024, 6, 25), None, 90, 90, ["UAE"], None)]


def test_it_splits_cells_that_run_together():
    text = "ДатаПередано УкраинеВозвращено в РоссиюПосредник\n25.06.20249090ОАЭ"
    assert rows(text) == [(dt.date(2024, 6, 25), None, 90, 90, ["UAE"], None)]


def test_it_reads_an_ordinal_column():
    text = (
        "| Дата | Повернулися в Україну | Передано Росії | Номер обміну |\n"
        "| 25 червня | 90 | 90 | 53-й |"
    )
    assert rows(text)[0][5] == 53


def test_it_ignores_lines_without_a_header():
    assert rows("25 Jun 2024 90 90 UAE") == []


def test_a_body_handover_told_in_a_rows_notes_cell_is_an_exchange_of_its_own():
    import datetime as dt

    from ingest.extraction import extract_events

    text = (
        "| Date | To Ukraine | To Russia | Notes |\n"
        "|---|---|---|---|\n"
        "| 14 Apr | 60 | 60 | Same day: bodies returned, 150 to Ukraine and 20 to Russia |\n"
        "| 2 May | 80 | 80 | Mostly marines |\n"
    )
    found = extract_events(text, published=dt.date(2025, 5, 10), language="en")
    assert [(e.kind, e.date, e.to_ukraine, e.to_russia) for e in found] == [
        ("pow_exchange", dt.date(2025, 4, 14), 60, 60),
        ("body_repatriation", dt.date(2025, 4, 14), 150, 20),
        ("pow_exchange", dt.date(2025, 5, 2), 80, 80),
    ]


def test_another_account_of_the_rows_own_figures_in_its_notes_is_no_new_exchange():
    import datetime as dt

    from ingest.extraction import extract_events

    text = (
        "| Date | To Ukraine | To Russia | Notes |\n"
        "|---|---|---|---|\n"
        "| 14 Apr | 62 | 60 | Moscow announced 60 for 60; Kyiv counted 62 |\n"
    )
    found = extract_events(text, published=dt.date(2025, 5, 10), language="en")
    assert [(e.to_ukraine, e.to_russia) for e in found] == [(62, 60)]


def test_a_tables_caption_gives_its_rows_their_kind():
    # Rule: a row with no kind of its own takes the kind its table's caption names,
    # not the kind of the paragraph before the table.
    text = (
        "On Monday the remains of 300 soldiers were handed back.\n"
        "| Swaps of captured soldiers in spring 2023 | | |\n"
        "| Date | Home to Ukraine | Home to Russia |\n"
        "| 6 May | 45 | 3 |"
    )
    assert rows(text) == [(dt.date(2024, 5, 6), "pow_exchange", 45, 3, [], None)]


def test_a_long_paragraph_before_a_table_is_no_caption():
    text = (
        "The bodies of 300 soldiers were handed back on Monday, officials said, adding "
        "that more handovers would follow in the coming weeks and months ahead.\n"
        "Date To Ukraine To Russia\n6 May 2023 45 3"
    )
    assert rows(text)[0][1] is None


def test_a_header_naming_the_side_that_received_reads_its_column():
    text = (
        "| Дата | Россия получила | Украина получила | Посредник |\n"
        "| 03.01.2024 | 248 | 230 | ОАЭ |\n"
    )
    assert rows(text) == [(dt.date(2024, 1, 3), None, 230, 248, ["UAE"], None)]
