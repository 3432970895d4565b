"""Dates in a sentence, absolute or relative to the article's publication date.

Absolute forms ("19 April 2025", "May 6, 2025", "29.01.2026", "19 березня",
"в декабре 2025") are read with month tables; relative forms ("on Friday",
"yesterday", "last week", "earlier this month", "у п'ятницю", "вчера") are
resolved against `published` and give nothing without it. A phrase that names
no day, week or month gives no date: nothing is ever guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.extraction import lexicon
from ingest.extraction.cues import lowercase
from ingest.extraction.firstchars import compile_fast

# precision → how exact the date is; a `month` date is the first of that month.
DAY, WEEK, MONTH = "day", "week", "month"


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    precision: str
    start: int
    end: int
    end_date: dt.date | None = None  # last day of a range ("23-25 May")
    relative: bool = False
    # "since March 2022", "before 6 May": the date bounds something else.
    bounds_other: bool = False


_MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "січень", "січня", "січні", "январь", "января", "январе"),
    2: ("february", "feb", "лютий", "лютого", "лютому", "февраль", "февраля", "феврале"),
    3: ("march", "mar", "березень", "березня", "березні", "март", "марта", "марте"),
    4: ("april", "apr", "квітень", "квітня", "квітні", "апрель", "апреля", "апреле"),
    5: ("may", "травень", "травня", "травні", "май", "мая", "мае"),
    6: ("june", "jun", "червень", "червня", "червні", "июнь", "июня", "июне"),
    7: ("july", "jul", "липень", "липня", "липні", "июль", "июля", "июле"),
    8: ("august", "aug", "серпень", "серпня", "серпні", "август", "августа", "августе"),
    9: ("september", "sept", "sep", "вересень", "вересня", "вересні", "сентябрь", "сентября",
        "сентябре"),
    10: ("october", "oct", "жовтень", "жовтня", "жовтні", "октябрь", "октября", "октябре"),
    11: ("november", "nov", "листопад", "листопада", "листопаді", "ноябрь", "ноября", "ноябре"),
    12: ("december", "dec", "грудень", "грудня", "грудні", "декабрь", "декабря", "декабре"),
}  # fmt: skip
MONTHS = {form: number for number, forms in _MONTH_FORMS.items() for form in forms}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|-?го)?"
# The year may run straight into a following figure in flattened tables
# ("May 6, 2025205"), so it has no closing word boundary.
_YEAR = r"((?:19|20)\d{2})"
_YEAR_WORD = r"(?:\s*(?:року|р\.|рік|года|г\.|год))?"
_RANGE = r"(?:\s*(?:-|–|—|to|and|і|и|та)\s*(\d{1,2})(?:st|nd|rd|th)?)?"

_DAY_MONTH = re.compile(
    rf"(?<![\w.]){_DAY}{_RANGE}\s+(?:of\s+)?{_MONTH}(?![\w])(?:,?\s+{_YEAR}{_YEAR_WORD})?"
)
_MONTH_DAY = re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY}(?!\d){_RANGE}(?!\d)(?:(?:,\s*|\s+){_YEAR})?")
# A month on its own needs a preposition ("in May", "у грудні"): "May" and
# "March" are also ordinary words.
_MONTH_YEAR = compile_fast(rf"(?<![\w]){_MONTH}\s+(?:of\s+)?{_YEAR}(?!\d)")
_IN_MONTH = compile_fast(
    rf"(?<![\w])(?:(?:in|during|early|late|mid|earlier\s+in|(?:the\s+)?(?:end|beginning|start|"
    rf"middle)\s+of|у|в|во|на\s+початку|в\s+начале|наприкінці|в\s+конце)\s+|"
    # "in mid-October", "early-March"
    rf"(?:mid|early|late)-){_MONTH}(?![\w])",
)
_NUMERIC = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2}|\d{2})(?!\d)")
_ISO = re.compile(r"(?<![\w.])((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_SLASHED = re.compile(r"(?<![\w./])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?!\d)")

# The weekday names and the words before them come from the lexicon (see lexicon.py).
WEEKDAY_CONCEPTS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {
    name.translate(str.maketrans({"’": "'", "ʼ": "'"})): index
    for index, day in enumerate(WEEKDAY_CONCEPTS)
    for name in lexicon.phrases(day)
}
_LAST_WEEKDAY = frozenset(lexicon.phrases("last_weekday"))
_NEXT_WEEKDAY = frozenset(lexicon.phrases("next_weekday"))
_WEEKDAY = re.compile(
    rf"(?<![\w'’ʼ])(?:({lexicon.words('last_weekday', 'next_weekday', 'this_weekday')})\s+)?"
    rf"({lexicon.words(*WEEKDAY_CONCEPTS)})(?![\w])",
)
_RELATIVE_DAY = compile_fast(
    # "one year ago today": an anniversary, not a day of its own.
    r"(?<![\w])(?<!ago\s)(today|tonight|this\s+morning|yesterday|the\s+day\s+before\s+yesterday|"
    r"сьогодні|учора|вчора|позавчора|сегодня|вчера|позавчера|"
    # "Накануне, …" alone is the day before; "накануне праздника" is the eve of a feast.
    r"накануне(?=\s*,)|напередодні(?=\s*,))(?![\w])",
)
_DAYS_AGO = re.compile(
    r"(?<![\w])(\d{1,2}|two|three|four|five|six)\s+(?:days\s+ago|дні\s+тому|днів\s+тому|"
    r"дня\s+назад|дней\s+назад)",
)
# "three weeks ago": about then, to the week.
_WEEKS_AGO = re.compile(
    r"(?<![\w])(\d{1,2}|a|one|two|three|four|five|six|два|дві|две|три|чотири|четыре)\s+"
    r"(?:weeks?\s+ago|тижн[іяь]\w*\s+тому|"
    r"недел[иья]\w*\s+назад)",
)
_RELATIVE_SPAN = compile_fast(
    r"(?<![\w])(?:(earlier\s+this|this|last|past|earlier\s+in\s+the|previous)\s+(week|month)|"
    r"(минулого|цього|на\s+минулому|на\s+цьому|минулому)\s+(тижн[іяю]|місяц[іяю])|"
    r"(на\s+прошлой|на\s+этой|в\s+прошлом|в\s+этом)\s+(неделе|месяце))(?![\w])",
)
_BOUNDING = re.compile(
    r"(?<![\w])(?:since|from|after|before|until|till|by|prior\s+to|з|із|від|після|до|с|со|после|до|"
    r"начиная\s+с|починаючи\s+з)\s+(?:the\s+|late\s+|early\s+|mid-?\s*)?$",
)
# Every date form above contains a digit or one of these words: sentences
# without any are skipped at the cost of two scans. (Each alternative starts
# with a letter, which lets the regex engine jump between candidate letters.)
_DIGIT = re.compile(r"\d")
_DATE_HINT = re.compile(
    r"day|week|month|tonight|morning|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|груд|январ|феврал|март|апрел|"
    r"ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|понеділ|вівтор|серед|четвер|"
    r"п['’ʼ]ятниц|субот|неділ|сьогодні|вчора|учора|тижн|місяц|понедельник|вторник|среду|четверг|"
    r"пятниц|суббот|воскресен|сегодня|вчера|недел|месяц|днів|дні|дней|дня|накануне|напередодн"
)
# "the first swap since a plane came down on 24 January": the date belongs to the plane.
_SINCE_IN_CLAUSE = re.compile(r"\bsince\b[^,;.:]*$")
# "the Kursk incursion, which began on August 6": the date of what the clause is about.
_RELATIVE_CLAUSE = re.compile(
    r"\b(?:which|that)\s+(?:had\s+)?(?:began|begun|started|launched|ended|opened|"
    r"was\s+launched|was\s+signed|took\s+place)\s+(?:on\s+|in\s+)?(?:the\s+)?$|"
    # "bigger than the one carried out last month": the date of the one compared with.
    r"\b(?:than|as|like)\s+the\s+(?:one|last|previous|exchange|swap)\s+(?:[a-z]+\s+){0,3}$"
)
# "a marine captured when Mariupol fell in May 2022", "launched a cross-border incursion on
# Aug. 6", "the crash of an Il-76 on Jan 24": the date of that, not of the exchange.
_OTHER_EVENT_CLAUSE = re.compile(
    r"\b(?:captured|taken\s+(?:prisoner|captive)|detained|abducted|arrested|crash(?:ed)?|"
    r"came\s+down|shot\s+down|катастроф\w*|крушени\w*|"
    r"(?:launched|began|started)\s+(?:a|an|its|the|their))\b[^,;.:]{0,60}$|"
    r"\b(?:потрапи\w*\s+(?:в|у)\s+полон|попа\w*\s+в\s+плен|захопи\w*|взят\w*\s+в\s+плен)"
    r"[^,;.:]{0,60}$"
)
# "the first swap since 24 August, when 146 were traded": the date of that earlier swap.
_WHEN_AFTER = re.compile(r"\s*,?\s*(?:when|коли|когда)(?![\w])")
_SMALL_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_SMALL_WORDS |= {"два": 2, "дві": 2, "две": 2, "три": 3, "чотири": 4, "четыре": 4}
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def when_follows(text: str, mention: DateMention) -> bool:
    """'on Tuesday, when Russia handed over 1,000 bodies': a clause about that day follows."""
    return bool(_WHEN_AFTER.match(text, mention.end))


# A dateline or byline stands in the first lines of an article.
DATELINE_CHARS = 400


def dateline_date(text: str) -> dt.date | None:
    """The day an article prints at its top ('4 лютого 2023 р.', 'date 2025-10-02')."""
    days = [d for d in find_dates(text[:DATELINE_CHARS], None) if d.precision == DAY]
    return days[0].date if days else None


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date `text` states, resolved against `published`, in order of position."""
    text = lowercase(text)
    has_digit = _DIGIT.search(text) is not None
    if not has_digit and not _DATE_HINT.search(text):
        return []
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: DateMention | None) -> None:
        if mention is None:
            return
        if any(mention.start < end and start < mention.end for start, end in taken):
            return
        bounds = bool(
            _BOUNDING.search(text[max(0, mention.start - 20) : mention.start])
            or _SINCE_IN_CLAUSE.search(text[max(0, mention.start - 90) : mention.start])
            or _RELATIVE_CLAUSE.search(text[max(0, mention.start - 40) : mention.start])
            or _OTHER_EVENT_CLAUSE.search(text[max(0, mention.start - 90) : mention.start])
        )
        if bounds and not _WHEN_AFTER.match(text, mention.end):
            mention = DateMention(**{**mention.__dict__, "bounds_other": True})
        taken.append((mention.start, mention.end))
        found.append(mention)

    # The day, month-day and month-year forms all contain a digit.
    if has_digit:
        for match in _ISO.finditer(text):
            add(_make_day(match, int(match[1]), int(match[2]), int(match[3])))
        for match in _NUMERIC.finditer(text):
            year = int(match[3]) if len(match[3]) == 4 else 2000 + int(match[3])
            add(_make_day(match, year, int(match[2]), int(match[1])))
        for match in _SLASHED.finditer(text):
            add(_make_day(match, int(match[3]), int(match[1]), int(match[2])))
        for match in _DAY_MONTH.finditer(text):
            add(_day_and_month(match, match[1], match[2], match[3], match[4], published))
        for match in _MONTH_DAY.finditer(text):
            add(_day_and_month(match, match[2], match[3], match[1], match[4], published))
        for match in _MONTH_YEAR.finditer(text):
            add(DateMention(dt.date(int(match[2]), MONTHS[match[1].lower()], 1), MONTH,
                            match.start(), match.end()))  # fmt: skip
    if published is not None:
        for match in _IN_MONTH.finditer(text):
            month = MONTHS[match[1].lower()]
            year = published.year if month <= published.month else published.year - 1
            add(DateMention(dt.date(year, month, 1), MONTH, match.start(), match.end(),
                            relative=True))  # fmt: skip
        for match in _WEEKDAY.finditer(text):
            add(_weekday(match, published))
        for match in _RELATIVE_DAY.finditer(text):
            add(_relative_day(match, published))
        for match in _DAYS_AGO.finditer(text):
            count = _SMALL_WORDS.get(match[1].lower()) or int(match[1])
            add(DateMention(published - dt.timedelta(days=count), DAY, match.start(),
                            match.end(), relative=True))  # fmt: skip
        for match in _WEEKS_AGO.finditer(text):
            count = _SMALL_WORDS.get(match[1], 1) if not match[1].isdigit() else int(match[1])
            add(DateMention(published - dt.timedelta(weeks=count), WEEK, match.start(),
                            match.end(), relative=True))  # fmt: skip
        for match in _RELATIVE_SPAN.finditer(text):
            add(_relative_span(match, published))
    found.sort(key=lambda mention: mention.start)
    return found


def _make_day(match: re.Match, year: int, month: int, day: int) -> DateMention | None:
    try:
        return DateMention(dt.date(year, month, day), DAY, match.start(), match.end())
    except ValueError:
        return None


def _day_and_month(
    match: re.Match,
    day: str,
    last_day: str | None,
    month_name: str,
    year: str | None,
    published: dt.date | None,
) -> DateMention | None:
    month = MONTHS[month_name.lower().rstrip(".")]
    if year:
        resolved_year = int(year)
    elif published is not None:
        # "April 19" without a year: the latest such day not after publication.
        resolved_year = published.year
        if (month, int(day)) > (published.month, published.day + 1):
            resolved_year -= 1
    else:
        return None
    try:
        start = dt.date(resolved_year, month, int(day))
        end = dt.date(resolved_year, month, int(last_day)) if last_day else None
    except ValueError:
        return None
    if end is not None and end <= start:
        end = None
    return DateMention(start, DAY, match.start(), match.end(), end_date=end,
                       relative=not year)  # fmt: skip


_PLAN_BEFORE = re.compile(
    r"(?<![\w])(?:due|will\s+\w+|to\s+be\s+\w+|(?:are|is)\s+to\s+\w+|expected|scheduled|"
    r"set\s+for|planned|"
    r"відбудеться|заплановано|состоится|запланирован\w*)\s+(?:on\s+|у\s+|в\s+)?$"
)
# "if Friday's stage goes ahead", "Friday's planned swap": a day still to come.
_PLAN_AFTER = re.compile(
    r"['’]s\s+(?:[^\W\d_]+\s+){0,2}?(?:goes\s+ahead|will|is\s+(?:due|expected|set|to)|"
    r"planned|scheduled|expected)(?![\w])"
)
_FEAST_BEFORE = re.compile(
    r"(?:easter|holy|good|black|великодн\w*|страсн\w*|пасхальн\w*|страстн\w*)\s+$"
)


def _weekday(match: re.Match, published: dt.date) -> DateMention | None:
    if _FEAST_BEFORE.search(match.string, max(0, match.start() - 20), match.start()):
        return None  # "Easter Saturday" is no recent Saturday
    modifier = (match[1] or "").lower()
    if modifier in _NEXT_WEEKDAY:
        return None  # a future day is a plan, and plans get no date
    weekday = _WEEKDAYS.get(match[2].lower().translate(_APOSTROPHES))
    if weekday is None:
        return None
    if _PLAN_BEFORE.search(
        match.string, max(0, match.start() - 30), match.start()
    ) or _PLAN_AFTER.match(match.string, match.end()):
        # "300 more due on Friday": the coming Friday, the date of a plan, not of this event.
        ahead = (weekday - published.weekday()) % 7 or 7
        return DateMention(published + dt.timedelta(days=ahead), DAY, match.start(), match.end(),
                           relative=True, bounds_other=True)  # fmt: skip
    back = (published.weekday() - weekday) % 7
    if back == 0 and modifier in _LAST_WEEKDAY:
        back = 7
    return DateMention(published - dt.timedelta(days=back), DAY, match.start(), match.end(),
                       relative=True)  # fmt: skip


def _relative_day(match: re.Match, published: dt.date) -> DateMention:
    word = match[1].lower()
    if "before" in word or word.startswith("поза"):
        back = 2
    elif word.startswith(("yesterday", "вчора", "учора", "вчера", "накануне", "напередодні")):
        back = 1
    else:
        back = 0
    return DateMention(published - dt.timedelta(days=back), DAY, match.start(), match.end(),
                       relative=True)  # fmt: skip


def _relative_span(match: re.Match, published: dt.date) -> DateMention:
    phrase = match.group().lower()
    is_month = any(stem in phrase for stem in ("month", "місяц", "месяц"))
    is_last = any(stem in phrase for stem in ("last", "past", "previous", "минул", "прошл"))
    if is_month:
        first = published.replace(day=1)
        if is_last:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return DateMention(first, MONTH, match.start(), match.end(), relative=True)
    day = published - dt.timedelta(days=7 if is_last else 0)
    return DateMention(day, WEEK, match.start(), match.end(), relative=True)
