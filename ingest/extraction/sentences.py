"""Split article text into sentences that keep their character offsets.

Extracted article text arrives as lines: paragraphs, headlines, list items and
table rows. A line never continues into the next one, so lines are split
first, then each line at sentence-final punctuation that is not part of an
abbreviation ("U.S.", "Feb.", "Mr.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Only the start of an over-long text is read: no article needs more, and every
# later step is linear in this size.
MAX_TEXT_CHARS = 200_000
# A "line" longer than this is not prose any more (minified junk, base64): cut it.
MAX_LINE_CHARS = 20_000


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets in the article text: text[start:end] == self.text
    end: int
    block: int  # index of the line (paragraph, list item, table row) it belongs to
    is_heading: bool  # a line without sentence-final punctuation: headline, table row


_BULLET = re.compile(r"[ \t]*(?:[-–—•*·▪●◦►][ \t]+|[•▪●◦►])")
_BOUNDARY = re.compile(r"[.!?…]+[\"”’»)\]]*(\s+)")
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’»)\]]*\s*$")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]$")  # "U.S", "e.g", a single initial

ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jr", "sr",
    "rev", "gov", "sen", "rep", "pres", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp",
    "approx", "est", "dept", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "u.s", "u.k",
    "e.g", "i.e", "a.m", "p.m", "ст", "р", "рр", "г", "гг", "тис", "тыс", "млн", "млрд", "ім",
    "им", "вул", "ул", "див", "см", "напр", "проф", "ген", "полк", "т.д", "т.п", "пп", "п", "д",
))  # fmt: skip


def split_sentences(text: str) -> list[Sentence]:
    """Every non-empty sentence of `text`, in order, with offsets into `text`."""
    text = text[:MAX_TEXT_CHARS]
    sentences: list[Sentence] = []
    block = 0
    line_start = 0
    for line in text.split("\n"):
        offset = line_start
        line_start += len(line) + 1
        body = line[:MAX_LINE_CHARS]
        bullet = _BULLET.match(body)
        skip = bullet.end() if bullet else 0
        stripped = body[skip:].strip()
        if not stripped:
            continue
        start_in_line = body.index(stripped[0], skip)
        is_heading = not _SENTENCE_END.search(stripped) and len(stripped) < 250
        for start, end in _split_line(stripped):
            piece_start = offset + start_in_line + start
            sentences.append(
                Sentence(
                    text=text[piece_start : offset + start_in_line + end],
                    start=piece_start,
                    end=offset + start_in_line + end,
                    block=block,
                    is_heading=is_heading,
                )
            )
        block += 1
    return sentences


def _split_line(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one stripped line."""
    pieces = []
    start = 0
    for boundary in _BOUNDARY.finditer(line):
        following = line[boundary.end() : boundary.end() + 1]
        if not following or not (
            following.isupper() or following.isdigit() or following in '"“«‘(['
        ):
            continue
        if line[boundary.start()] == "." and _ends_with_abbreviation(line, boundary.start()):
            continue
        end = boundary.start(1)
        if end > start:
            pieces.append((start, end))
        start = boundary.end()
    if start < len(line):
        pieces.append((start, len(line)))
    return pieces


def _ends_with_abbreviation(line: str, dot: int) -> bool:
    word_start = max(line.rfind(" ", 0, dot), line.rfind("(", 0, dot), line.rfind("\u00a0", 0, dot))
    word = line[word_start + 1 : dot].strip('"“«‘(').lower()
    if not word:
        return False
    return word in ABBREVIATIONS or bool(_INITIALS.match(word))
