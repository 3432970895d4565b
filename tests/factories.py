"""Small factory functions for tests: `make_exchange(**kwargs)` and friends."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils.text import slugify

from exchanges.models import Exchange, Mediator, Report, Source

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
        # get_or_create: a transactional test's flush removes the migration's mediators.
        exchange.mediators.set(
            Mediator.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
            for name in mediators
        )
    return exchange


def make_report(*, exchange: Exchange | None = None, source: Source | None = None, **kwargs):
    source = source or make_source()
    defaults = {
        "kind": exchange.kind if exchange else "pow_exchange",
        "status": exchange.status if exchange else "completed",
        "date": exchange.date if exchange else None,
        "date_precision": exchange.date_precision if exchange else "unknown",
        "to_ukraine": exchange.to_ukraine if exchange else None,
        "to_russia": exchange.to_russia if exchange else None,
        "position": source.reports.count(),
        "sentence": "Both sides exchanged prisoners.",
    }
    defaults.update(kwargs)
    return Report.objects.create(source=source, exchange=exchange, **defaults)
