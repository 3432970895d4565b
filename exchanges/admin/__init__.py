"""The editors' admin: find records, correct them, merge and split, review, add sources.

One module per model (sources and feeds, written from outside, are in
`ingest/admin.py`). Corrections must survive every re-ingest, so saving an
exchange locks each field the editor changed (`Exchange.locked_fields`, which
the pipeline never writes) and a report an editor places is pinned; that logic
lives in `exchanges.services`, which the admin only calls.

History uses django-simple-history: each model gets its own history table
that can be queried in SQL like any other, the admin shows every version with
who made it and lets an editor restore one ("Revert"), and the pipeline sets a
change reason naming the ingest run, so machine and human changes read alike.
"""

from __future__ import annotations

from django.contrib import admin

from exchanges.admin import (  # noqa: F401 - each module registers its admin classes
    checkpoints,
    exchanges,
    mediators,
    reports,
    review,
)

admin.site.site_header = "Exchange tracker: editors"
admin.site.site_title = "Exchange tracker admin"
