"""ETag and Last-Modified from the data's last change, so a poller that asks again gets 304.

One query reads the state of every table the API and the feed show (the newest
timestamps of the records and of their history, which catches deletions, and
the newest report); the ETag hashes it with the request's path and query
string. Wrapped round a view with `conditional`, a request whose If-None-Match
(or If-Modified-Since) still matches is answered
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
    # Every save and every deletion of an exchange, a source or a mediator writes a
    # history row; a new report has a new id (an ingest that replaces reports saves
    # its source too). Each MAX but the sources' updated_at reads one end of an index.
    # Table names from our own models, quoted: nothing here comes from a request.
    ex, ex_history, src, src_history, rep, med_history = (
        connection.ops.quote_name(model._meta.db_table)
        for model in (
            Exchange,
            Exchange.history.model,
            Source,
            Source.history.model,
            Report,
            Mediator.history.model,
        )
    )
    return (
        f"SELECT (SELECT MAX(updated_at) FROM {ex}),"  # noqa: S608
        f" (SELECT MAX(history_date) FROM {ex_history}),"
        f" (SELECT MAX(updated_at) FROM {src}), (SELECT MAX(history_date) FROM {src_history}),"
        f" (SELECT MAX(id) FROM {rep}),"
        f" (SELECT MAX(history_date) FROM {med_history})"
    )


def _as_datetime(value) -> dt.datetime | None:
    # SQLite hands raw timestamps back as text; PostgreSQL as aware datetimes.
    if isinstance(value, str):
        value = parse_datetime(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def data_state(request) -> tuple:
    """The newest timestamps of the data, and the newest report's id: once per request."""
    if not hasattr(request, "_data_state"):
        with connection.cursor() as cursor:
            cursor.execute(_state_sql())
            request._data_state = tuple(cursor.fetchone())
    return request._data_state


def last_modified(request, *args, **kwargs) -> dt.datetime | None:
    *stamps, _newest_report, mediators = data_state(request)
    stamps = [_as_datetime(v) for v in (*stamps, mediators)]
    stamps = [s for s in stamps if s is not None]
    return max(stamps) if stamps else None


def etag(request, *args, **kwargs) -> str:
    state = "|".join(str(v) for v in data_state(request))
    return hashlib.sha256(f"{request.get_full_path()}|{state}".encode()).hexdigest()[:32]


conditional = condition(etag_func=etag, last_modified_func=last_modified)
