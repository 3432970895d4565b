from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from exchanges.models import Exchange, Feed, Mediator, Report, Source


@admin.register(Mediator)
class MediatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    can_delete = False
    fields = [
        "source",
        "date",
        "kind",
        "status",
        "to_ukraine",
        "to_russia",
        "ordinal",
        "attributed_to",
        "sentence",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class StageInline(admin.TabularInline):
    model = Exchange
    fk_name = "parent"
    extra = 0
    fields = ["stage_number", "date", "status", "to_ukraine", "to_russia"]
    show_change_link = True
    verbose_name = "stage"


@admin.register(Exchange)
class ExchangeAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "date",
        "kind",
        "status",
        "to_ukraine",
        "to_russia",
        "ordinal",
        "needs_review",
        "has_conflict",
        "verified",
    ]
    list_filter = ["kind", "status", "needs_review", "has_conflict", "verified", "mediators"]
    search_fields = [
        "notes",
        "reports__sentence",
        "reports__source__outlet",
        "reports__source__url",
    ]
    date_hierarchy = "date"
    autocomplete_fields = ["mediators", "parent"]
    inlines = [StageInline, ReportInline]
    readonly_fields = ["locked_fields", "created_at", "updated_at"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "outlet", "published", "language", "status", "fetched_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "url", "outlet", "text"]
    readonly_fields = ["content_hash", "fetched_at", "created_at", "updated_at", "error"]


@admin.register(Feed)
class FeedAdmin(SimpleHistoryAdmin):
    list_display = ["name", "url", "active", "last_polled_at"]
    list_filter = ["active"]
    search_fields = ["name", "url"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "exchange", "to_ukraine", "to_russia", "status", "needs_review"]
    list_filter = ["kind", "status", "needs_review"]
    search_fields = ["sentence", "source__url", "source__outlet"]
    raw_id_fields = ["source", "exchange"]
