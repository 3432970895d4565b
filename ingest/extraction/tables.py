"""Table rows flattened into text: one exchange per row, columns named by a header.

Extracted text keeps tables in three shapes: pipe rows ("| 5 March | 157 |
160 |"), cells separated by spaces ("15 Jan 2025 25 25 UAE"), and cells run
together ("31.01.2024195195ОАЭ"). A header line names the columns ("Date |
To Ukraine | To Russia | Mediator"); each following line that starts with a
date is a row. Rows without a date (totals) are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ingest.extraction import cues
from ingest.extraction.dates import DateMention, find_dates
from ingest.extraction.named import named_people_after

DATE, TO_UKRAINE, TO_RUSSIA, EACH, KIND, MEDIATOR, ORDINAL = (
    "date", "to_ukraine", "to_russia", "each", "kind", "mediator", "ordinal"
)  # fmt: skip
_COLUMN_NAMES: list[tuple[str, re.Pattern]] = [
    (DATE, re.compile(r"\b(?:date|дата)")),
    (EACH, re.compile(r"each\s+side|per\s+side|кожн\w*\s+сторон|кажд\w*\s+сторон")),
    (
        TO_UKRAINE,
        re.compile(
            r"to\s+ukraine|ukraine\s+received|в\s+україну|україні|до\s+україни|"
            r"украине|в\s+украину|на\s+украину|"
            # "Україна отримала", "Украина получила": the side that received
            r"україна\s+отрима\w*|украина\s+получ\w*"
        ),
    ),  # fmt: skip
    (
        TO_RUSSIA,
        re.compile(
            r"to\s+russia|russia\s+received|росії|в\s+росію|россии|в\s+россию|россию|"
            r"росія\s+отрима\w*|россия\s+получ\w*"
        ),
    ),
    (KIND, re.compile(r"\b(?:type|kind|тип|вид)\b")),
    (MEDIATOR, re.compile(r"mediat\w*|facilitat\w*|посередни\w*|посредни\w*")),
    (ORDINAL, re.compile(r"номер|№|\bordinal|exchange\s+no")),
]
_LEADING_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})")
_DIGIT_RUN = re.compile(r"\d[\d,  ]*\d|\d")
# No space as a thousands separator here: in a table a space separates cells.
_CELL_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+|(?<![\w.])\d+")
_CELL_ORDINAL = re.compile(r"(\d{1,3})\s*(?:-?(?:й|ий|ій|го|th|st|nd|rd))")
_CELL_JUNCTION = re.compile(r"(?<=[a-zа-яіїєґё])(?=[A-ZА-ЯІЇЄҐЁ])")
# A notes cell that tells something of its own: words and a figure.
_NOTE = re.compile(r"[^\W\d_]{3,}.*\d|\d.*[^\W\d_]{3,}")
_PLANNED = re.compile(r"upcoming|planned|agreed|запланован\w*|заплановано|планиру\w*|ожида\w*")


@dataclass
class TableRow:
    start: int  # offsets of the row's line in the article
    end: int
    text: str
    date: DateMention | None
    kind: str | None = None
    to_ukraine: int | None = None
    to_russia: int | None = None
    mediators: list[str] = field(default_factory=list)
    ordinal: int | None = None
    planned: bool = False
    # Free-text cells ("Same day: bodies exchanged, 212 to Ukraine and 45 to Russia").
    notes: list[str] = field(default_factory=list)


def find_table_rows(
    text: str, published: dt.date | None, mediator_patterns: list[tuple[str, re.Pattern]]
) -> list[TableRow]:
    """Every dated table row in `text` whose header names its columns."""
    rows: list[TableRow] = []
    columns: list[str] | None = None
    table_kind: str | None = None  # what the table's caption or header says it lists
    caption = ""
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        lowered = cues.lowercase(stripped)
        if not stripped:
            continue
        if stripped.startswith("|"):
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if all(set(cell) <= set("-: ") for cell in cells):
                continue  # the |---|---| line under a header
            header = _header_columns([cues.lowercase(cell) for cell in cells])
            if header is not None:
                columns, table_kind = header, _table_kind(caption, lowered)
                continue
            if columns:
                row = _pipe_row(cells, columns, published, mediator_patterns)
                if row:
                    row.kind = row.kind or table_kind
                    rows.append(_placed(row, line, line_start))
            caption = lowered
            continue
        header = _flat_header(lowered)
        if header is not None:
            columns, table_kind = header, _table_kind(caption, lowered)
            continue
        if columns:
            row = _flat_row(stripped, columns, published, mediator_patterns)
            if row:
                row.kind = row.kind or table_kind
                rows.append(_placed(row, line, line_start))
            elif len(stripped) > 120:
                columns = None  # prose again: the table is over
        caption = lowered
    return rows


def _table_kind(caption: str, header: str) -> str | None:
    """'Prisoner exchanges, 2024' over a table: its rows are swaps of prisoners, whatever
    the paragraph before the table told. A long line before the header is prose, no caption."""
    titled = _kind(header)
    if titled is None and len(caption) <= 120:
        titled = _kind(caption)
    return titled


def _placed(row: TableRow, line: str, line_start: int) -> TableRow:
    lead = len(line) - len(line.lstrip())
    row.start = line_start + lead
    row.end = line_start + len(line.rstrip())
    row.text = line.strip()
    return row


def _header_columns(cells: list[str]) -> list[str] | None:
    columns = []
    for cell in cells:
        name = next((name for name, pattern in _COLUMN_NAMES if pattern.search(cell)), "")
        columns.append(name)
    counted = {TO_UKRAINE, TO_RUSSIA, EACH} & set(columns)
    return columns if DATE in columns and counted else None


def _flat_header(lowered: str) -> list[str] | None:
    """Column names in the order a run-together header line gives them."""
    if len(lowered) > 160 or not re.match(r"\s*(?:date|дата)", lowered):
        return None
    found = []
    for name, pattern in _COLUMN_NAMES:
        match = pattern.search(lowered)
        if match:
            found.append((match.start(), name))
    columns = [name for _, name in sorted(found)]
    counted = {TO_UKRAINE, TO_RUSSIA, EACH} & set(columns)
    return columns if counted else None


def _pipe_row(cells, columns, published, mediator_patterns) -> TableRow | None:
    values = dict(zip(columns, cells, strict=False))
    dates = find_dates(values.get(DATE, ""), published)
    if not dates:
        return None
    row = TableRow(0, 0, "", dates[0])
    for side in (TO_UKRAINE, TO_RUSSIA):
        setattr(row, side, _first_number(values.get(side, "")))
    if EACH in values:
        row.to_ukraine = row.to_russia = _first_number(values[EACH])
    row.kind = _kind(cues.lowercase(values.get(KIND, "")))
    row.mediators = _mediators(values.get(MEDIATOR, ""), mediator_patterns)
    ordinal = _CELL_ORDINAL.search(values.get(ORDINAL, ""))
    row.ordinal = int(ordinal.group(1)) if ordinal else None
    row.planned = bool(_PLANNED.search(cues.lowercase(" ".join(cells))))
    row.notes = [c for name, c in zip(columns, cells, strict=False) if not name and _NOTE.search(c)]
    return row


def _flat_row(line, columns, published, mediator_patterns) -> TableRow | None:
    date, rest = _leading_date(line, published)
    if date is None:
        return None
    counted = [c for c in columns if c in {TO_UKRAINE, TO_RUSSIA, EACH}]
    numbers = _split_numbers(rest, len(counted))
    if not numbers:
        return None
    row = TableRow(0, 0, "", date)
    for column, value in zip(counted, numbers, strict=False):
        if column == EACH:
            row.to_ukraine = row.to_russia = value
        else:
            setattr(row, column, value)
    row.kind = _kind(cues.lowercase(rest))
    row.mediators = _mediators(rest, mediator_patterns)
    row.planned = bool(_PLANNED.search(cues.lowercase(rest)))
    return row


def _leading_date(line: str, published: dt.date | None) -> tuple[DateMention | None, str]:
    glued = _LEADING_NUMERIC_DATE.match(line)
    if glued:
        try:
            day = dt.date(int(glued[3]), int(glued[2]), int(glued[1]))
        except ValueError:
            return None, line
        return DateMention(day, "day", glued.start(1), glued.end()), line[glued.end() :]
    dates = find_dates(line[:40], published)
    if not dates or dates[0].start > 3:
        return None, line
    return dates[0], line[dates[0].end :]


def _split_numbers(rest: str, wanted: int) -> list[int]:
    """The first `wanted` numbers of a row; cells run together ("195195") are split."""
    raws = [re.sub(r"\D", "", m.group()) for m in _CELL_NUMBER.finditer(rest[:80])]
    if len(raws) >= wanted or not raws:
        return [int(raw) for raw in raws[:wanted]]
    glued = _split_glued(raws[0], wanted - len(raws) + 1)
    return (glued + [int(raw) for raw in raws[1:]])[:wanted] if glued else [int(raws[0])]


def _split_glued(digits: str, parts: int) -> list[int] | None:
    """'195195' → [195, 195]; '13090' → [130, 90]: equal halves first, no leading zeros."""
    if parts != 2 or len(digits) < 4:
        return None
    middle = len(digits) // 2
    for cut in sorted(range(1, len(digits)), key=lambda c: (abs(c - middle), -c)):
        left, right = digits[:cut], digits[cut:]
        if right[0] != "0" and left[0] != "0":
            return [int(left), int(right)]
    return None


def _first_number(cell: str) -> int | None:
    match = _CELL_NUMBER.search(cell)
    if not match:
        return None
    # "55 POWs + Medvedchuk": the named person is one more.
    return int(re.sub(r"\D", "", match.group())) + named_people_after(cell, match.end())


def _kind(cell: str) -> str | None:
    if cues.BODY.search(cell) or re.search(r"\bbod(?:y|ies)\b|тіл|тел", cell):
        return "body_repatriation"
    if cues.CAPTIVITY.search(cell) or cues.MILITARY.search(cell):
        return "pow_exchange"
    return None


def _mediators(cell: str, patterns: list[tuple[str, re.Pattern]]) -> list[str]:
    # In a table the column says the mediator: no "mediated by" is needed.
    # Digits are blanked so a name run into the figures ("195195ОАЭ") is found.
    cell = re.sub(r"\d", " ", cell)
    # Words run together ("included woundedUAE"): a capital after a small letter starts a cell.
    cell = _CELL_JUNCTION.sub(" ", cell)
    return [name for name, pattern in patterns if pattern.search(cell)]
