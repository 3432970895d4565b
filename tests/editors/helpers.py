"""Shared pieces for the editor tests: named users, small factories, admin form data."""

from __future__ import annotations

import calendar
import datetime as dt
import importlib
import re
from pathlib import Path

from django.contrib.auth.models import Group, User

from exchanges.models import Exchange, Mediator, Report, Source
from ingest.extraction import ExtractedEvent

EDITOR_PASSWORD = "correct-horse-battery-7"  # noqa: S105 - a test account's password

REAL_EXTRACTOR = (
    Path(__file__).resolve().parents[2] / "ingest" / "extraction" / "events.py"
).exists()


def editors_group() -> Group:
    """The group the data migration made; re-made the same way after a flushing test."""
    if not Group.objects.filter(name="Editors").exists():
        from django.apps import apps

        migration = importlib.import_module("exchanges.migrations.0004_editors_group")
        migration.create_editors(apps, None)
    return Group.objects.get(name="Editors")


def make_editor(username: str = "editor") -> User:
    user = User.objects.create_user(username, password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    return user


def make_exchange(**kwargs) -> Exchange:
    mediators = kwargs.pop("mediators", [])
    values = {
        "date": dt.date(2025, 8, 14),
        "date_precision": "day",
        "kind": "pow_exchange",
        "status": "completed",
        "to_ukraine": 84,
        "to_russia": 84,
    }
    values.update(kwargs)
    if values["date"] is None:
        values["date_precision"] = "unknown"
    exchange = Exchange.objects.create(**values)
    if mediators:
        exchange.mediators.set(Mediator.objects.filter(name__in=mediators))
    return exchange


_sources = iter(range(1, 10_000))


def make_source(**kwargs) -> Source:
    n = next(_sources)
    values = {
        "url": f"https://news.example/{n}",
        "outlet": "Example News",
        "title": f"Article {n}",
        "published": dt.date(2025, 8, 14),
        "status": "done",
    }
    values.update(kwargs)
    return Source.objects.create(**values)


def make_report(exchange: Exchange | None, source: Source | None = None, **kwargs) -> Report:
    source = source or make_source()
    values = {
        "exchange": exchange,
        "position": source.reports.count(),
        "date": exchange.date if exchange else None,
        "date_precision": exchange.date_precision if exchange else "unknown",
        "kind": exchange.kind if exchange else "pow_exchange",
        "status": exchange.status if exchange else "completed",
        "to_ukraine": exchange.to_ukraine if exchange else None,
        "to_russia": exchange.to_russia if exchange else None,
        "sentence": "Ukraine and Russia exchanged prisoners.",
    }
    values.update(kwargs)
    return Report.objects.create(source=source, **values)


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
