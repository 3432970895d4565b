"""The data version: one row, bumped by every write to what the public pages show.

Pages cache what depends only on the data and their URL (chart data, counts,
the totals, rendered lists, detail pages, the API's pages, the feed) under the
version, so reading whether anything changed costs one primary-key
read instead of an aggregate over every exchange. Each save or delete of an
exchange, report, source, mediator or checkpoint, and each change of an
exchange's mediators, bumps it (`exchanges/signals.py`); the few writes that
bypass model signals (`QuerySet.update`, `bulk_create`) call `data_changed()`
themselves.

The bump is an UPDATE inside the writer's transaction, so the new version
becomes visible together with the data it announces: a reader never caches
old data under a new version. The row lock it takes is held until the
transaction commits, so every writer takes it before any other lock: signals
bump before the write (pre_save, pre_delete), `data_changed()` is called before
a bulk write, and `ingest.matching.lock_matching` takes it before the matching
locks. Writers then queue on it instead of deadlocking.

With the default local-memory cache each process keeps its own copies, all
keyed on the same version; with CACHE_URL=redis://… they are shared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import models
from django.db.models import F
from django.utils import timezone

# A safety net only: a new version makes new keys, so old entries just age out.
CACHE_SECONDS = 24 * 3600
ROW_ID = 1


class DataVersion(models.Model):
    """The one row: how many writes so far, and when the last one was."""

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=ROW_ID), name="data_version_one_row")
        ]

    def __str__(self) -> str:
        return f"data version {self.number} ({self.changed_at})"


def data_changed() -> None:
    """Bump the version: cached page figures are computed again on the next request."""
    now = timezone.now()
    updated = DataVersion.objects.filter(pk=ROW_ID).update(number=F("number") + 1, changed_at=now)
    if not updated:  # a database the migration's row was removed from
        DataVersion.objects.update_or_create(pk=ROW_ID, defaults={"number": 1, "changed_at": now})


def data_version_lock() -> None:
    """Take the version's row lock now, in a transaction that is about to write and
    to take other locks: the version first, always (see above)."""
    list(DataVersion.objects.select_for_update().filter(pk=ROW_ID).values_list("pk"))


def data_version(request=None) -> tuple[int, dt.datetime | None]:
    """(number, changed_at) of the data: read once per request."""
    if request is not None and hasattr(request, "_data_version"):
        return request._data_version
    row = DataVersion.objects.filter(pk=ROW_ID).values_list("number", "changed_at").first()
    version = row or (0, None)
    if request is not None:
        request._data_version = version
    return version


def version_key(request=None) -> str:
    """The version as a cache key part. The time is in it too: a test's rolled-back
    writes reuse numbers, but never the microsecond they were made at."""
    number, changed_at = data_version(request)
    return f"{number}.{changed_at.timestamp() if changed_at else 0}"


def cached(request, name: str, compute: Callable[[], Any], *parts: str) -> Any:
    """`compute()`, or what it gave before for the same data version, name and parts."""
    key = f"{name}:{version_key(request)}"
    if parts:  # query strings: any length, any characters
        key += ":" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return cache.get_or_set(key, compute, CACHE_SECONDS)
