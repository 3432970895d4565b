"""Pieces the admin classes share: read-only inlines and counted columns."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count

from exchanges import services
from exchanges.models import Exchange


class ReadOnlyInlineMixin:
    """An inline that shows rows as they are: nothing is added, changed or deleted there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def count_mixin(relation: str, column: str, label: str) -> type:
    """A mixin annotating each row with how many `relation` rows it has, shown as `column`.

    Counted by the database in the list's own query (distinct: other joins may be added).
    """

    class CountMixin:
        def get_queryset(self, request):
            queryset = super().get_queryset(request)
            return queryset.annotate(**{column: Count(relation, distinct=True)})

    @admin.display(description=label, ordering=column)
    def show(self, obj):
        return getattr(obj, column)

    setattr(CountMixin, column, show)
    CountMixin.__name__ = f"{column.title().replace('_', '')}Mixin"
    return CountMixin


ReportCountMixin = count_mixin("reports", "report_count", "reports")
ExchangeCountMixin = count_mixin("exchanges", "exchange_count", "exchanges")


@admin.action(description="Mark reviewed (take off the review queue)", permissions=["change"])
def mark_reviewed(modeladmin, request, queryset):
    """The one "accept as it stands" action, on the exchange list and on the review queue."""
    # Saved as Exchange, not as the review queue's proxy, so simple-history records it.
    done = sum(
        services.exchange_mark_reviewed(exchange=exchange, user=request.user)
        for exchange in Exchange.objects.filter(pk__in=queryset.values("pk"))
    )
    modeladmin.message_user(request, f"{done} exchange(s) marked reviewed.", messages.SUCCESS)
