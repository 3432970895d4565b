"""Admin for official checkpoints: each beside our own figure, gaps over 5% flagged.

Imported by the package `exchanges.admin` so it registers.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html

from exchanges.gaps import FLAG_SHARE
from exchanges.models import Checkpoint
from exchanges.official import official_checks


def _gaps_by_id(request) -> dict:
    """Every checkpoint's gap, computed once a request (the table is small)."""
    if not hasattr(request, "_checkpoint_gaps"):
        gaps, _ordinal = official_checks()
        request._checkpoint_gaps = {g.checkpoint.pk: g for g in gaps}
    return request._checkpoint_gaps


class GapFilter(admin.SimpleListFilter):
    title = "gap to our records"
    parameter_name = "gap"

    def lookups(self, request, model_admin):
        return [("flagged", f"over {FLAG_SHARE:.0%} (needs editors)"), ("ok", "within")]

    def queryset(self, request, queryset):
        if self.value() not in ("flagged", "ok"):
            return queryset
        flagged = {pk for pk, g in _gaps_by_id(request).items() if g.flagged}
        if self.value() == "flagged":
            return queryset.filter(pk__in=flagged)
        return queryset.exclude(pk__in=flagged)


@admin.register(Checkpoint)
class CheckpointAdmin(admin.ModelAdmin):
    list_display = ["date", "measure", "claimant", "official", "ours", "gap", "origin"]
    list_filter = [GapFilter, "measure", "claimant"]
    search_fields = ["claimant", "sentence", "curated_key"]
    date_hierarchy = "date"
    raw_id_fields = ["source"]
    readonly_fields = ["curated_key", "created_at"]

    @admin.display(description="official")
    def official(self, obj):
        return f"{'> ' if obj.at_least else ''}{obj.value:,}"

    @admin.display(description="ours by then")
    def ours(self, obj):
        gap = _gaps_by_id(self._request).get(obj.pk)
        return f"{gap.ours:,}" if gap else "—"

    @admin.display(description="not yet in our records")
    def gap(self, obj):
        gap = _gaps_by_id(self._request).get(obj.pk)
        if gap is None:
            return "—"
        if gap.flagged:
            return format_html(
                '<strong class="flagged">{} ({})</strong>', f"{gap.missing:,}", "over 5%"
            )
        return f"{gap.missing:,}"

    @admin.display(description="from")
    def origin(self, obj):
        return "curated file" if obj.curated_key else "ingested article"

    def changelist_view(self, request, extra_context=None):
        self._request = request
        return super().changelist_view(request, extra_context)
