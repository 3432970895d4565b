import datetime as dt

from ingest.extraction import KNOWN_MEDIATORS, cues
from ingest.extraction.tables import find_table_rows

PATTERNS = cues.mediator_patterns(KNOWN_MEDIATORS)
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
