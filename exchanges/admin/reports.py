"""Reports: what each source stated, shown beside the record, moved and split by editors."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from exchanges import services
from exchanges.admin.mixins import ReadOnlyInlineMixin
from exchanges.models import FIGURE_FIELDS, Report


def _differs(report: Report, name: str):
    """The report's value, marked ≠ when the record says something else."""
    value = getattr(report, name)
    record = getattr(report.exchange, name) if report.exchange_id else None
    if value is None:
        return "—"
    shown = value.isoformat() if hasattr(value, "isoformat") else value
    if record is not None and value != record:
        return format_html(
            '<strong class="differs" title="The record says {}">≠ {}</strong>',
            record,
            shown,
        )
    return shown


class ReportInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Every report supporting the exchange, read-only, with disagreements marked ≠."""

    model = Report
    show_change_link = True
    fields = [
        "source_link",
        "outlet",
        "published",
        "stated_date",
        "stated_kind",
        "status",
        "stated_to_ukraine",
        "stated_to_russia",
        "stated_ordinal",
        "mediator_names",
        "sentence",
        "flags",
        "split",
    ]
    readonly_fields = fields
    verbose_name_plural = "reports (what each source stated; ≠ where it differs from this record)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "exchange")

    @admin.display(description="source")
    def source_link(self, obj):
        if obj.source_id is None:
            return ""
        url = reverse("admin:exchanges_source_change", args=[obj.source_id])
        return format_html('<a href="{}">{}</a>', url, str(obj.source)[:80])

    @admin.display(description="outlet")
    def outlet(self, obj):
        return obj.source.outlet if obj.source_id else ""

    @admin.display(description="published")
    def published(self, obj):
        return (obj.source.published or "—") if obj.source_id else ""

    @admin.display(description="date")
    def stated_date(self, obj):
        return _differs(obj, "date")

    @admin.display(description="kind")
    def stated_kind(self, obj):
        return _differs(obj, "kind")

    @admin.display(description="to Ukraine")
    def stated_to_ukraine(self, obj):
        return _differs(obj, "to_ukraine")

    @admin.display(description="to Russia")
    def stated_to_russia(self, obj):
        return _differs(obj, "to_russia")

    @admin.display(description="ordinal")
    def stated_ordinal(self, obj):
        return _differs(obj, "ordinal")

    @admin.display(description="flags")
    def flags(self, obj):
        notes = []
        if obj.rejected:
            notes.append(obj.get_rejected_display())
        if obj.pinned:
            notes.append("placed by editor")
        if obj.needs_review:
            notes.append(f"unsure: {obj.review_reason}" if obj.review_reason else "unsure")
        return "; ".join(notes) or "—"

    @admin.display(description="")
    def split(self, obj):
        if obj.pk is None:
            return ""
        url = reverse("admin:exchanges_report_split", args=[obj.pk])
        return format_html('<a href="{}">Split off…</a>', url)


def _exchange_link(report: Report):
    if report.exchange_id is None:
        return "—"
    url = reverse("admin:exchanges_exchange_change", args=[report.exchange_id])
    return format_html('<a href="{}">#{}</a>', url, report.exchange_id)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "exchange_link",
        "to_ukraine",
        "to_russia",
        "status",
        "needs_review",
        "pinned",
        "confidence",
    ]
    list_filter = [
        "kind",
        "status",
        "needs_review",
        "pinned",
        "rejected",
        ("date", admin.EmptyFieldListFilter),
    ]
    search_fields = ["sentence", "attributed_to", "source__url", "source__outlet"]
    raw_id_fields = ["exchange"]
    actions = ["split_reports"]
    fields = [
        "source",
        "position",
        "exchange",
        "pinned",
        *FIGURE_FIELDS,
        "mediator_names",
        "is_stage",
        "sentence",
        "attributed_to",
        "evidence",
        "confidence",
        "needs_review",
        "review_reason",
        "rejected",
        "created_at",
    ]
    # What the source stated is never edited; only where the report belongs is.
    readonly_fields = [name for name in fields if name not in {"exchange", "pinned"}]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "exchange")

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/split/",
                self.admin_site.admin_view(self.split_view),
                name="exchanges_report_split",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="exchange")
    def exchange_link(self, obj):
        return _exchange_link(obj)

    def save_model(self, request, obj, form, change):
        if change and "exchange" in form.changed_data and obj.exchange_id:
            services.report_move(report=obj, to=obj.exchange, user=request.user)
            obj.refresh_from_db()
            return
        super().save_model(request, obj, form, change)

    def split_view(self, request, pk: int):
        report = get_object_or_404(Report.objects.select_related("source", "exchange"), pk=pk)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        if request.method == "POST":
            try:
                new = services.report_split(report=report, user=request.user)
            except services.EditError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Report #{report.pk} now supports its own exchange #{new.pk}.",
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:exchanges_exchange_change", args=[new.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Split report into its own exchange",
            "opts": self.model._meta,
            "report": report,
            "original": report.exchange,
        }
        return TemplateResponse(request, "admin/exchanges/report/split_confirmation.html", context)

    @admin.action(description="Split into their own exchanges", permissions=["change"])
    def split_reports(self, request, queryset):
        for report in queryset:
            try:
                new = services.report_split(report=report, user=request.user)
            except services.EditError as exc:
                self.message_user(request, str(exc), messages.WARNING)
            else:
                self.message_user(request, f"Report #{report.pk} → new exchange #{new.pk}.")


class SourceReportInline(ReportInline):
    fk_name = "source"
    fields = [
        "exchange_link",
        "stated_date",
        "stated_kind",
        "status",
        "stated_to_ukraine",
        "stated_to_russia",
        "stated_ordinal",
        "sentence",
        "flags",
    ]
    readonly_fields = fields
    verbose_name_plural = "reports (what this source stated, and the exchange each supports)"

    @admin.display(description="exchange")
    def exchange_link(self, obj):
        return _exchange_link(obj)
