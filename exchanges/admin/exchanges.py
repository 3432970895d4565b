"""Exchanges: the list, the edit form (stages and reports beside it), merging, merges."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from exchanges import services
from exchanges.admin.forms import BREAKDOWN_FIELD_NAMES, ExchangeForm
from exchanges.admin.mixins import ReadOnlyInlineMixin, ReportCountMixin, mark_reviewed
from exchanges.admin.reports import ReportInline
from exchanges.models import Exchange, MergeRecord


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Exchange.objects.dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years] + [("none", "Undated")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(date__isnull=True)
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


class StageInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Exchange
    fk_name = "parent"
    fields = ["stage_number", "date", "status", "to_ukraine", "to_russia"]
    readonly_fields = fields
    show_change_link = True
    verbose_name = "stage"


@admin.register(Exchange)
class ExchangeAdmin(ReportCountMixin, SimpleHistoryAdmin):
    form = ExchangeForm
    list_display = [
        "__str__",
        "date",
        "kind",
        "status",
        "to_ukraine",
        "to_russia",
        "ordinal",
        "mediator_list",
        "report_count",
        "needs_review",
        "has_conflict",
        "verified",
        "locked",
    ]
    list_filter = [
        "kind",
        "status",
        "mediators",
        YearFilter,
        "needs_review",
        "verified",
        "has_conflict",
    ]
    search_fields = [
        "notes",
        "reports__sentence",
        "reports__evidence",
        "reports__source__outlet",
        "reports__source__url",
        "reports__source__title",
    ]
    date_hierarchy = "date"
    ordering = [F("date").desc(nulls_last=True), "-id"]
    autocomplete_fields = ["mediators", "parent"]
    inlines = [StageInline, ReportInline]
    readonly_fields = ["has_conflict", "corrected_at", "created_at", "updated_at", "merges"]
    fieldsets = [
        (None, {"fields": ["date", "date_precision", "end_date", "kind", "status"]}),
        ("Figures", {"fields": ["to_ukraine", "to_russia", "ordinal", "mediators"]}),
        ("Categories (breakdown)", {"fields": BREAKDOWN_FIELD_NAMES}),
        ("Multi-day exchange", {"fields": ["parent", "stage_number"], "classes": ["collapse"]}),
        (
            "Editing",
            {
                "fields": [
                    "verified",
                    "needs_review",
                    "review_reason",
                    "has_conflict",
                    "notes",
                    "locked_fields",
                    "corrected_at",
                    "merges",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    actions = ["merge_exchanges", "mark_reviewed", "mark_verified"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("mediators")

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Records backed by reports are merged, never deleted: a deleted one would
        # come back with the next ingest of its sources.
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.reports.exists() or obj.stages.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def has_merge_permission(self, request):
        user = request.user
        return user.has_perm("exchanges.change_exchange") and user.has_perm(
            "exchanges.delete_exchange"
        )

    @admin.display(description="mediators")
    def mediator_list(self, obj):
        return ", ".join(m.name for m in obj.mediators.all()) or "—"

    @admin.display(description="locked")
    def locked(self, obj):
        return ", ".join(obj.locked_fields) or "—"

    @admin.display(description="merges")
    def merges(self, obj):
        records = list(obj.merge_records.all()) if obj.pk else []
        if not records:
            return "—"
        return format_html_join(
            "\n", "<div>{} ({}, {})</div>", ((r, r.created_at, r.merged_by) for r in records)
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.restoring_version_id = version_id
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        version_id = getattr(request, "restoring_version_id", None)
        if obj is not None and version_id:
            # Restoring a version: simple-history fills the form from the old row but
            # takes many-to-many fields from the current table; use the version's own.
            version = get_object_or_404(Exchange.history, history_id=version_id, id=obj.pk)
            obj.restored_mediator_ids = [row.mediator_id for row in version.mediators.all()]
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        stored = Exchange.objects.get(pk=obj.pk) if change else None
        changed = services.editor_changed_fields(stored, obj, form)
        services.exchange_edit(exchange=obj, stored=stored, changed=changed, user=request.user)

    @admin.action(description="Merge selected exchanges into one…", permissions=["merge"])
    def merge_exchanges(self, request, queryset):
        exchanges = list(queryset.order_by("pk"))
        if len(exchanges) < 2:
            self.message_user(request, "Select at least two exchanges to merge.", messages.ERROR)
            return None
        # The default to keep: what an editor already vouched for, then the best supported.
        default = max(
            exchanges,
            key=lambda e: (e.verified, bool(e.locked_fields), e.report_count, -e.pk),
        )
        if request.POST.get("post") == "yes":
            keep_id = request.POST.get("keep", "")
            keep = next((e for e in exchanges if str(e.pk) == keep_id), None)
            if keep is None:
                self.message_user(request, "Choose the exchange to keep.", messages.ERROR)
            else:
                others = [e for e in exchanges if e.pk != keep.pk]
                try:
                    services.exchange_merge(
                        keep=keep,
                        others=others,
                        user=request.user,
                        note=request.POST.get("note", ""),
                    )
                except services.EditError as exc:
                    self.message_user(request, str(exc), messages.ERROR)
                    return None
                self.message_user(
                    request,
                    f"Merged {len(others)} exchange(s) into #{keep.pk}.",
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:exchanges_exchange_change", args=[keep.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge exchanges",
            "opts": self.model._meta,
            "exchanges": exchanges,
            "default_keep": default.pk,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/exchanges/exchange/merge_confirmation.html", context
        )

    mark_reviewed = mark_reviewed

    @admin.action(description="Mark verified", permissions=["change"])
    def mark_verified(self, request, queryset):
        count = sum(
            services.exchange_mark_verified(exchange=exchange, user=request.user)
            for exchange in Exchange.objects.filter(pk__in=queryset.values("pk"), verified=False)
        )
        self.message_user(request, f"{count} exchange(s) marked verified.", messages.SUCCESS)


@admin.register(MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kept", "merged_by", "created_at"]
    readonly_fields = ["kept", "kept_id_at_merge", "merged", "note", "merged_by", "created_at"]
    search_fields = ["note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
