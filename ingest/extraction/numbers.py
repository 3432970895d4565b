"""Numbers in a sentence: digits with thousands separators and number words.

Each number keeps its span and whether the text hedges it ("more than",
"nearly", "понад", "около"): a hedged figure is never a count, because an
exchange count is exact or it is not a count at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extraction.cues import lowercase


@dataclass(frozen=True)
class Number:
    value: int
    start: int
    end: int
    approximate: bool = False  # hedged: "over 500", "nearly 800", "близько 300"
    is_word: bool = False  # written out: "two hundred", "тисяча"
    is_ordinal: bool = False  # "64th", "64-й"


# "1,000" "1 000" "1.000" "1000"; a group separator must be followed by exactly
# three digits, so "1.5" or "19.03" are not read as thousands. A number joined by a
# hyphen to a two-letter word is a model name ("Il-76", "Su-25"), not a figure.
_DIGITS = re.compile(
    r"(?<![\w.,/])(?<!(?<![\w])[^\W\d_]{2}-)"
    r"(\d{1,3}(?:(?:,|\.|[ \u00a0\u202f\u2009])\d{3})+|\d{1,7})(?![\d])"
    r"(?:(st|nd|rd|th)\b|(-?(?:й|ий|ій|го|му|м|те|ти|а|я|е)\b))?",
)

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SLAVIC_UNITS = {
    # Ukrainian
    "один": 1, "одна": 1, "одного": 1, "два": 2, "дві": 2, "двох": 2, "три": 3, "трьох": 3,
    "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8, "дев'ять": 9, "десять": 10,
    "одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14,
    "п'ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17, "вісімнадцять": 18,
    "дев'ятнадцять": 19, "двадцять": 20, "тридцять": 30, "сорок": 40, "п'ятдесят": 50,
    "шістдесят": 60, "сімдесят": 70, "вісімдесят": 80, "дев'яносто": 90, "сто": 100,
    "двісті": 200, "триста": 300, "чотириста": 400, "п'ятсот": 500, "шістсот": 600,
    "сімсот": 700, "вісімсот": 800, "дев'ятсот": 900,
    "двоє": 2, "троє": 3, "четверо": 4, "п'ятеро": 5, "шестеро": 6, "семеро": 7,
    "восьмеро": 8, "дев'ятеро": 9, "десятеро": 10,
    "чотирьох": 4, "п'ятьох": 5, "шістьох": 6, "сімох": 7,
    # Russian
    "двое": 2, "трое": 3, "пятеро": 5, "девятеро": 9,
    "двоих": 2, "троих": 3, "четверых": 4, "пятерых": 5, "шестерых": 6, "семерых": 7,
    "две": 2, "двух": 2, "трех": 3, "трёх": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "двести": 200,
    "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
    "девятьсот": 900,
}  # fmt: skip
_HUNDRED = {"hundred"}
_THOUSAND = {"thousand", "тисяча", "тисячу", "тисячі", "тисяч", "тысяча", "тысячу", "тысячи",
             "тысяч"}  # fmt: skip
_NUMBER_WORDS = set(_EN_UNITS) | set(_SLAVIC_UNITS) | _HUNDRED | _THOUSAND
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})

# One number word, apostrophe-tolerant ("п'ять", "п’ять"); runs of them are
# joined in code, so the pattern itself has no nested repetition.
_NUMBER_WORD = re.compile(
    r"(?<![\w'’ʼ])(?:"
    + "|".join(
        re.escape(word).replace("'", "['’ʼ]")
        for word in sorted(_NUMBER_WORDS, key=len, reverse=True)
    )
    + r")(?![\w'’ʼ])",
)
_WORD_GAP = re.compile(r"(?:\s+|\s*-\s*|\s+and\s+)")
_A_BEFORE = re.compile(r"(?<![\w])a\s+$")

# "6 thousand", "6 тис.", "6 тыс. тел": the digits count thousands.
_THOUSAND_AFTER = re.compile(r"\s*(?:thousand|тисяч\w*|тысяч\w*|тис\.|тыс\.|тис|тыс)(?![\w])")
# Without a number before them these say "thousands" (or follow "more than", a hedge anyway).
_THOUSANDS_ALONE = {"тисячі", "тисяч", "тысячи", "тысяч"}
# "півтори тисячі", "полторы тысячи": one and a half thousand.
_ONE_AND_A_HALF_THOUSAND = re.compile(
    r"(?<![\w])(?:півтори|півтора|полторы|полтора|полутора)\s+(?:тисяч\w*|тысяч\w*)"
)
_HEDGE = re.compile(
    r"(?:more\s+than|over|nearly|almost|about|around|approximately|roughly|some|at\s+least|"
    r"up\s+to|close\s+to|upwards\s+of|in\s+excess\s+of|as\s+many\s+as|at\s+most|fewer\s+than|"
    r"less\s+than|estimated|an\s+estimated|(?:a\s+)?few|several|many|dozens\s+of|понад|більше|більш\s+ніж|близько|майже|щонайменше|"
    r"принаймні|приблизно|орієнтовно|до|около|более|почти|свыше|порядка|не\s+менее|не\s+менше|"
    r"примерно|как\s+минимум|по\s+меньшей\s+мере)\s*$",
)


def find_numbers(text: str) -> list[Number]:
    """Every number in `text` (digits and number words), in order of position."""
    text = lowercase(text)
    numbers = []
    thousands = []  # spans of "6 thousand", "6 тыс.": their word is part of the number
    for match in _DIGITS.finditer(text):
        raw = match.group(1)
        value = int(re.sub(r"\D", "", raw))
        end = match.end()
        is_ordinal = bool(match.group(2) or match.group(3))
        thousand = None if is_ordinal else _THOUSAND_AFTER.match(text, end)
        if thousand:
            value, end = value * 1000, thousand.end()
            thousands.append((match.start(1), end))
        numbers.append(
            Number(
                value=value,
                start=match.start(1),
                end=end,
                approximate=_is_hedged(text, match.start(1)),
                is_ordinal=is_ordinal,
            )
        )
    halves = [(m.start(), m.end()) for m in _ONE_AND_A_HALF_THOUSAND.finditer(text)]
    for start, end in halves:
        numbers.append(
            Number(value=1500, start=start, end=end, approximate=_is_hedged(text, start),
                   is_word=True)
        )  # fmt: skip
    for start, end, value in _number_words(text):
        if any(h_start <= start < h_end for h_start, h_end in halves + thousands):
            continue
        numbers.append(
            Number(value=value, start=start, end=end, approximate=_is_hedged(text, start),
                   is_word=True)
        )  # fmt: skip
    numbers.sort(key=lambda number: number.start)
    return numbers


def parse_number_words(words: list[str]) -> int | None:
    """The value of a run of number words, or None when they do not make a number."""
    if len(words) == 1 and words[0].lower() in _THOUSANDS_ALONE:
        return None  # "тисячі українців": thousands of them, not a thousand
    total = 0
    current = 0
    seen = False
    for index, raw in enumerate(words):
        word = raw.lower().translate(_APOSTROPHES)
        if word == "and":
            continue
        if word == "a":
            # "a thousand", "a hundred": "a" counts only as the multiplier's one.
            following = words[index + 1].lower() if index + 1 < len(words) else ""
            if following in _HUNDRED or following in _THOUSAND:
                current = 1
                continue
            return None
        if word in _EN_UNITS:
            current += _EN_UNITS[word]
        elif word in _SLAVIC_UNITS:
            current += _SLAVIC_UNITS[word]
        elif word in _HUNDRED:
            current = (current or 1) * 100
        elif word in _THOUSAND:
            total += (current or 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _number_words(text: str) -> list[tuple[int, int, int]]:
    found = []
    run: list[re.Match] = []
    for match in [*_NUMBER_WORD.finditer(text), None]:
        if match is not None and run and _WORD_GAP.fullmatch(text, run[-1].end(), match.start()):
            run.append(match)
            continue
        if run:
            words = [m.group() for m in run]
            start = run[0].start()
            article = _A_BEFORE.search(text, max(0, start - 3), start)
            if article:
                words.insert(0, "a")
                start = article.start()
            value = parse_number_words(words)
            if value is not None:
                found.append((start, run[-1].end(), value))
        run = [match] if match is not None else []
    return found


# "handed over 500" is a transfer, not "over 500".
_PHRASAL_OVER = re.compile(
    r"(?:hand|hands|handed|handing|turned|passed|took|taken|signed)\s+over\s*$"
)


def _is_hedged(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start]
    return bool(_HEDGE.search(before)) and not _PHRASAL_OVER.search(before)
