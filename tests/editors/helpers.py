"""Shared pieces for the editor tests: admin form data, and a stand-in extractor.

Records and users come from `tests.factories`; the logged-in editor from `tests.base`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from ingest.extraction import ExtractedEvent

REAL_EXTRACTOR = (
    Path(__file__).resolve().parents[2] / "ingest" / "extraction" / "events.py"
).exists()


def admin_form_data(response) -> dict:
    """What a browser would post back from an admin change form, as rendered."""
    data: dict = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        # Fields with a callable default carry their initial value in a hidden input.
        keys = [name, form[name].html_initial_name] if field.show_hidden_initial else [name]
        for key in keys:
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)
    inlines = response.context.get("inline_admin_formsets", [])
    for inline in inlines:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
    return data


# --- A stand-in extractor for simple one-sentence articles --------------------

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_SWAP = re.compile(
    r"On (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4}),?"
    r"(?: in the (?P<ordinal>\d+)(?:st|nd|rd|th) exchange,)?"
    r" Ukraine and Russia (?:exchanged|swapped) (?P<ua>\d+) prisoners for (?P<ru>\d+)"
    r"(?P<rest>[^.]*)\."
)


def stub_extract_events(text, *, published=None, language="en", mediators=None):
    """What the real extractor should say about the test articles, and nothing more."""
    events = []
    for match in _SWAP.finditer(text):
        rest = match["rest"]
        events.append(
            ExtractedEvent(
                kind="pow_exchange",
                status="completed",
                date=dt.date(
                    int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"])
                ),
                date_precision="day",
                to_ukraine=int(match["ua"]),
                to_russia=int(match["ru"]),
                ordinal=int(match["ordinal"]) if match["ordinal"] else None,
                mediators=["UAE"] if "United Arab Emirates" in rest else [],
                sentence=match.group(0),
                start=match.start(),
                end=match.end(),
            )
        )
    return events
