"""ETag and Last-Modified from the data's last change, so a poller that asks again gets 304.

One query reads the state of every table the API and the feed show (row counts
catch deletions, the newest timestamps catch edits); the ETag hashes it with
the request's path and query string. Wrapped round a view with `conditional`,
a request whose If-None-Match (or If-Modified-Since) still matches is answered
304 before the view runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import connection
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import condition

from exchanges.models import Exchange, Mediator, Report, Source


def _state_sql() -> str:
    # Table names from our own models, quoted: nothing here comes from a request.
    ex, src, rep, med, med_history = (
        connection.ops.quote_name(model._meta.db_table)
        for model in (Exchange, Source, Report, Mediator, Mediator.history.model)
    )
    return (
        f"SELECT (SELECT COUNT(*) FROM {ex}), (SELECT MAX(updated_at) FROM {ex}),"  # noqa: S608
        f" (SELECT COUNT(*) FROM {src}), (SELECT MAX(updated_at) FROM {src}),"
        f" (SELECT COUNT(*) FROM {rep}), (SELECT MAX(id) FROM {rep}),"
        f" (SELECT MAX(created_at) FROM {rep}),"
        f" (SELECT COUNT(*) FROM {med}), (SELECT MAX(history_date) FROM {med_history})"
    )


def _as_datetime(value) -> dt.datetime | None:
    # SQLite hands raw timestamps back as text; PostgreSQL as aware datetimes.
    if isinstance(value, str):
        value = parse_datetime(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def data_state(request) -> tuple:
    """(counts and newest timestamps of the data), read once per request."""
    if not hasattr(request, "_data_state"):
        with connection.cursor() as cursor:
            cursor.execute(_state_sql())
            request._data_state = tuple(cursor.fetchone())
    return request._data_state


def last_modified(request, *args, **kwargs) -> dt.datetime | None:
    stamps = [_as_datetime(v) for i, v in enumerate(data_state(request)) if i in (1, 3, 6, 8)]
    stamps = [s for s in stamps if s is not None]
    return max(stamps) if stamps else None


def etag(request, *args, **kwargs) -> str:
    state = "|".join(str(v) for v in data_state(request))
    return hashlib.sha256(f"{request.get_full_path()}|{state}".encode()).hexdigest()[:32]


conditional = condition(etag_func=etag, last_modified_func=last_modified)
