"""Template helpers for the dashboard pages: dates shown as precisely as they are known."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html_join

register = template.Library()


def describe_date(
    date: dt.date | None, precision: str = "day", end_date: dt.date | None = None
) -> str:
    """A date as honestly as the sources give it.

    "23 May 2025", "23–25 May 2025", "week of 12 May 2025", "May 2025", or
    "date unknown"; a date known only to the month is never shown as a day.
    """
    if date is None or precision == "unknown":
        return "date unknown"
    if precision == "month":
        return f"{date:%B %Y}"
    if precision == "week":
        return f"week of {date.day} {date:%B %Y}"
    if end_date and end_date > date:
        if (end_date.year, end_date.month) == (date.year, date.month):
            return f"{date.day}–{end_date.day} {date:%B %Y}"
        if end_date.year == date.year:
            return f"{date.day} {date:%B} – {end_date.day} {end_date:%B %Y}"
        return f"{date.day} {date:%B %Y} – {end_date.day} {end_date:%B %Y}"
    return f"{date.day} {date:%B %Y}"


@register.filter
def when(exchange) -> str:
    """`{{ exchange|when }}`: the exchange's date with its precision."""
    return describe_date(exchange.date, exchange.date_precision, exchange.end_date)


@register.filter
def count(value) -> str:
    """A figure, or an honest "not stated" when no source gave it."""
    return "not stated" if value is None else f"{value:,}"


@register.filter
def get_item(mapping, key):
    """`{{ labels|get_item:name }}`: a dict lookup with a variable key."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def table_rows(rows, date_format: str = "%Y-%m-%d"):
    """`<tr>`s of a date column then number columns, built in one go.

    For tables of thousands of rows (the running totals), where a template
    loop would spend most of the page's time.
    """
    return format_html_join(
        "\n",
        "<tr><td>{}</td>" + '<td class="num">{}</td>' * (len(rows[0]) - 1 if rows else 0) + "</tr>",
        ((row[0].strftime(date_format), *row[1:]) for row in rows),
    )
