"""The one factory module for tests: records, users, and the small known dataset.

`make_exchange(**kwargs)` and friends create a row with plain defaults (a
completed prisoner exchange of 23 May 2025, 100 each way); pass what a test
depends on. Mediators are named, and made when the database lacks them (a
transactional test's flush removes the migration's). `make_editor()` is a
staff user in the "Editors" group, as `createeditor` makes one.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools

from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.text import slugify

from exchanges.models import Exchange, Mediator, Report, Source

EDITOR_PASSWORD = "correct-horse-battery-7"  # noqa: S105 - a test account's password

_counter = itertools.count(1)


def make_source(**kwargs) -> Source:
    n = next(_counter)
    defaults = {
        "url": f"https://news.example.org/article-{n}",
        "title": f"Article {n}",
        "outlet": "Example News",
        "published": dt.date(2025, 5, 24),
        "status": Source.Status.DONE,
    }
    defaults.update(kwargs)
    return Source.objects.create(**defaults)


def mediators_named(names) -> list[Mediator]:
    return [
        Mediator.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
        for name in names
    ]


def make_exchange(*, mediators=(), **kwargs) -> Exchange:
    defaults = {
        "date": dt.date(2025, 5, 23),
        "date_precision": "day",
        "kind": "pow_exchange",
        "status": "completed",
        "to_ukraine": 100,
        "to_russia": 100,
    }
    defaults.update(kwargs)
    if defaults["date"] is None and "date_precision" not in kwargs:
        defaults["date_precision"] = "unknown"
    exchange = Exchange.objects.create(**defaults)
    if mediators:
        exchange.mediators.set(mediators_named(mediators))
    return exchange


def make_stage(parent: Exchange, number: int, **kwargs) -> Exchange:
    kwargs.setdefault("kind", parent.kind)
    return make_exchange(parent=parent, stage_number=number, **kwargs)


def make_report(exchange: Exchange | None = None, source: Source | None = None, **kwargs) -> Report:
    """A report on `exchange` stating the exchange's own values, unless told otherwise."""
    source = source or make_source()
    defaults = {
        "kind": exchange.kind if exchange else "pow_exchange",
        "status": exchange.status if exchange else "completed",
        "date": exchange.date if exchange else None,
        "date_precision": exchange.date_precision if exchange else "unknown",
        "to_ukraine": exchange.to_ukraine if exchange else None,
        "to_russia": exchange.to_russia if exchange else None,
        "position": source.reports.count(),
        "sentence": "Ukraine and Russia exchanged prisoners.",
    }
    defaults.update(kwargs)
    return Report.objects.create(source=source, exchange=exchange, **defaults)


# --- Users ------------------------------------------------------------------


def editors_group() -> Group:
    """The group the data migration made; made again the same way after a flushing test."""
    if not Group.objects.filter(name="Editors").exists():
        from django.apps import apps

        migration = importlib.import_module("exchanges.migrations.0004_editors_group")
        migration.create_editors(apps, None)
    return Group.objects.get(name="Editors")


def make_editor(username: str = "editor") -> User:
    user = User.objects.create_user(username, password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    return user


# --- The known dataset the dashboard tests check figures against ------------


def make_known_dataset() -> dict[str, Exchange]:
    """Seven records whose totals the tests know by heart.

    Counted (carried out, dated, a multi-day exchange through its stages):
    people to Ukraine 230 + (390 + 307 + 303) + 215 + 10 = 1,455, to Russia
    248 + 1,000 + 55 + 0 = 1,303, in 4 exchanges since September 2022;
    bodies 6,057 to Ukraine and 78 to Russia in 1 repatriation. Not counted:
    the agreed exchange (1,200 each way) and the undated one (10 each way).
    """
    jan = make_exchange(
        date=dt.date(2024, 1, 3),
        to_ukraine=230,
        to_russia=248,
        ordinal=49,
        mediators=["UAE"],
        has_conflict=True,
    )
    make_report(
        exchange=jan,
        source=make_source(outlet="Ukrinform", title="230 defenders home"),
        attributed_to="Coordination HQ",
        evidence=[
            {
                "field": "to_ukraine",
                "value": 230,
                "sentence": "230 Ukrainian defenders returned home.",
                "start": 0,
                "end": 38,
                "attributed_to": "Coordination HQ",
            }
        ],
    )
    make_report(
        exchange=jan,
        source=make_source(outlet="TASS", title="Exchange of prisoners"),
        to_ukraine=225,
        attributed_to="Russian Ministry of Defence",
    )
    may = make_exchange(
        date=dt.date(2025, 5, 23),
        end_date=dt.date(2025, 5, 25),
        to_ukraine=1000,
        to_russia=1000,
        mediators=["UAE"],
        corrected_at=timezone.make_aware(dt.datetime(2025, 6, 2, 9, 30)),
    )
    stages = [
        make_stage(may, 1, date=dt.date(2025, 5, 23), to_ukraine=390, to_russia=390),
        make_stage(may, 2, date=dt.date(2025, 5, 24), to_ukraine=307, to_russia=307),
        make_stage(may, 3, date=dt.date(2025, 5, 25), to_ukraine=303, to_russia=303),
    ]
    make_report(exchange=stages[0], source=make_source(outlet="Reuters"))
    bodies = make_exchange(
        kind="body_repatriation", date=dt.date(2025, 6, 16), to_ukraine=6057, to_russia=78
    )
    agreed = make_exchange(
        status="agreed", date=dt.date(2025, 7, 1), to_ukraine=1200, to_russia=1200
    )
    september = make_exchange(
        date=dt.date(2022, 9, 1),
        date_precision="month",
        to_ukraine=215,
        to_russia=55,
        mediators=["Turkey", "Saudi Arabia"],
    )
    undated = make_exchange(date=None, to_ukraine=10, to_russia=10, needs_review=True)
    civilians = make_exchange(
        kind="civilian_return",
        date=dt.date(2024, 6, 10),
        date_precision="week",
        to_ukraine=10,
        to_russia=0,
        mediators=["Vatican"],
        verified=True,
    )
    return {
        "jan": jan,
        "may": may,
        "stages": stages,
        "bodies": bodies,
        "agreed": agreed,
        "september": september,
        "undated": undated,
        "civilians": civilians,
    }
