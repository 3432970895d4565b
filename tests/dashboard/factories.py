"""Factory functions and the known small dataset the dashboard tests check figures against."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from exchanges.models import Exchange
from tests.factories import make_exchange, make_report, make_source

__all__ = ["make_exchange", "make_known_dataset", "make_report", "make_source", "make_stage"]


def make_stage(parent: Exchange, number: int, **kwargs) -> Exchange:
    kwargs.setdefault("kind", parent.kind)
    return make_exchange(parent=parent, stage_number=number, **kwargs)


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
