"""The editors' admin: find records, correct them, merge and split, review, add sources.

Corrections must survive every re-ingest, so saving an exchange locks each
field the editor changed (`Exchange.locked_fields`, which the pipeline never
writes) and a report an editor places is pinned (see `exchanges.services`).

History uses django-simple-history: each model gets its own history table
that can be queried in SQL like any other, the admin shows every version with
who made it and lets an editor restore one ("Revert"), and the pipeline sets a
change reason naming the ingest run, so machine and human changes read alike.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from exchanges import services
from exchanges.models import (
    Exchange,
    Feed,
    Mediator,
    MergeRecord,
    Report,
    ReviewItem,
    Source,
)
from ingest.fetch import FetchError
from ingest.sources import SourceError

admin.site.site_header = "Exchange tracker: editors"
admin.site.site_title = "Exchange tracker admin"


# --- Mediators --------------------------------------------------------------

_ALIAS_SEPARATORS = re.compile(r"[\n,;]+")


class AliasesField(forms.CharField):
    """A JSON list of names, edited as text: one per line, or comma-separated."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        names = (name.strip() for name in _ALIAS_SEPARATORS.split(value or ""))
        return list(dict.fromkeys(name for name in names if name))

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class MediatorForm(forms.ModelForm):
    aliases = AliasesField(
        required=False,
        help_text="Other names that identify this mediator in articles: one per line, "
        "or separated by commas.",
    )

    class Meta:
        model = Mediator
        fields = ["name", "slug", "kind", "aliases"]


@admin.register(Mediator)
class MediatorAdmin(SimpleHistoryAdmin):
    form = MediatorForm
    list_display = ["name", "kind", "alias_list", "exchange_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # Meta.ordering does not survive an aggregate's GROUP BY; say it again.
        return (
            super()
            .get_queryset(request)
            .annotate(exchange_count=Count("exchanges"))
            .order_by("name")
        )

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(obj.aliases or [])

    @admin.display(description="exchanges", ordering="exchange_count")
    def exchange_count(self, obj):
        return obj.exchange_count


# --- Exchanges --------------------------------------------------------------


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


class ReportInline(admin.TabularInline):
    """Every report supporting the exchange, read-only, with disagreements marked ≠."""

    model = Report
    extra = 0
    can_delete = False
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

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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


class StageInline(admin.TabularInline):
    model = Exchange
    fk_name = "parent"
    extra = 0
    fields = ["stage_number", "date", "status", "to_ukraine", "to_russia"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name = "stage"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ExchangeForm(forms.ModelForm):
    locked_fields = forms.MultipleChoiceField(
        choices=[(name, name.replace("_", " ")) for name in Exchange.EDITABLE_FIELDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Fields the pipeline never overwrites. Every field you change is "
        "locked when you save; untick one to hand it back to the pipeline.",
    )

    class Meta:
        model = Exchange
        fields = [
            *(name for name in Exchange.EDITABLE_FIELDS),
            "verified",
            "needs_review",
            "review_reason",
            "notes",
            "locked_fields",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        restored = getattr(self.instance, "restored_mediator_ids", None)
        if restored is not None and not self.is_bound:
            self.initial["mediators"] = restored

    def clean(self):
        data = super().clean()
        date, precision = data.get("date"), data.get("date_precision")
        if date is None and precision and precision != "unknown":
            self.add_error("date_precision", "An undated exchange has precision “unknown”.")
        if date is not None and precision == "unknown":
            self.add_error("date_precision", "Say how precise the date is.")
        end = data.get("end_date")
        if end is not None and (date is None or end < date):
            self.add_error("end_date", "The end date must be on or after the date.")
        return data


@admin.register(Exchange)
class ExchangeAdmin(SimpleHistoryAdmin):
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
        ("Figures", {"fields": ["to_ukraine", "to_russia", "breakdown", "ordinal", "mediators"]}),
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
        return (
            super()
            .get_queryset(request)
            .annotate(report_count=Count("reports", distinct=True))
            .prefetch_related("mediators")
        )

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

    @admin.display(description="reports", ordering="report_count")
    def report_count(self, obj):
        return obj.report_count

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
        notes = []
        if services.exchange_lock(obj, changed, when=timezone.now()):
            notes.append(f"Corrected by editor: {', '.join(changed)}")
        if stored is not None and stored.needs_review and not obj.needs_review:
            obj.review_reason = ""
            notes.append("review resolved")
        if stored is not None and obj.verified and not stored.verified:
            notes.append("verified")
        obj._change_reason = services.reason("; ".join(notes) or "Edited in admin")
        super().save_model(request, obj, form, change)

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

    @admin.action(description="Mark reviewed (take off the review queue)", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        done = sum(
            services.exchange_mark_reviewed(exchange=exchange, user=request.user)
            for exchange in Exchange.objects.filter(pk__in=queryset.values("pk"))
        )
        self.message_user(request, f"{done} exchange(s) marked reviewed.", messages.SUCCESS)

    @admin.action(description="Mark verified", permissions=["change"])
    def mark_verified(self, request, queryset):
        count = 0
        for exchange in Exchange.objects.filter(pk__in=queryset.values("pk"), verified=False):
            exchange.verified = True
            exchange._change_reason = "Verified by editor"
            exchange.save()
            count += 1
        self.message_user(request, f"{count} exchange(s) marked verified.", messages.SUCCESS)


class ReviewReasonFilter(admin.SimpleListFilter):
    title = "why"
    parameter_name = "why"

    def lookups(self, request, model_admin):
        return [
            ("undated", "No date"),
            ("conflict", "Sources disagree"),
            ("unsure", "Extraction unsure"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "undated":
            return queryset.filter(date__isnull=True)
        if value == "conflict":
            return queryset.filter(has_conflict=True)
        if value == "unsure":
            return queryset.filter(reports__needs_review=True).distinct()
        return queryset


@admin.register(ReviewItem)
class ReviewQueueAdmin(admin.ModelAdmin):
    """Exchanges the pipeline flagged: undated, disputed, or extracted with doubt."""

    list_display = [
        "open_link",
        "date",
        "kind",
        "to_ukraine",
        "to_russia",
        "has_conflict",
        "review_reason",
        "report_count",
    ]
    list_display_links = None
    list_filter = [ReviewReasonFilter, "kind"]
    search_fields = ["review_reason", "reports__sentence", "reports__source__outlet"]
    ordering = ["-updated_at"]
    actions = ["mark_reviewed"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(needs_review=True)
            .annotate(report_count=Count("reports", distinct=True))
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Items are corrected on the exchange itself, where edits are locked and recorded.
        return redirect(reverse("admin:exchanges_exchange_change", args=[object_id]))

    @admin.display(description="exchange")
    def open_link(self, obj):
        url = reverse("admin:exchanges_exchange_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, Exchange.__str__(obj))

    @admin.display(description="reports", ordering="report_count")
    def report_count(self, obj):
        return obj.report_count

    @admin.action(description="Mark reviewed (take off the queue)", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        # Saved as Exchange, not as the proxy, so simple-history records it.
        done = sum(
            services.exchange_mark_reviewed(exchange=exchange, user=request.user)
            for exchange in Exchange.objects.filter(pk__in=queryset.values("pk"))
        )
        self.message_user(request, f"{done} item(s) marked reviewed.", messages.SUCCESS)


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


# --- Reports ----------------------------------------------------------------


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
        "date",
        "date_precision",
        "end_date",
        "kind",
        "status",
        "to_ukraine",
        "to_russia",
        "breakdown",
        "ordinal",
        "mediator_names",
        "is_stage",
        "sentence",
        "attributed_to",
        "evidence",
        "confidence",
        "needs_review",
        "review_reason",
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


# --- Sources and feeds ------------------------------------------------------


class SourceAddForm(forms.Form):
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="Alone: the article is fetched. With pasted text: only recorded as its address.",
    )
    content = forms.CharField(
        label="Text or HTML",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        help_text="Paste the article, as plain text or as the page's HTML.",
    )
    content_format = forms.ChoiceField(
        label="Pasted as",
        choices=[("auto", "Detect"), ("text", "Plain text"), ("html", "HTML")],
        initial="auto",
    )
    published = forms.DateField(
        required=False, help_text="Publication date, when the article does not carry one."
    )
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200)
    language = forms.ChoiceField(
        required=False,
        choices=[("", "Detect"), ("en", "English"), ("uk", "Ukrainian"), ("ru", "Russian")],
    )

    def clean(self):
        data = super().clean()
        if not data.get("url") and not (data.get("content") or "").strip():
            raise forms.ValidationError("Give a URL or paste the article.")
        return data

    def source_values(self) -> dict:
        data = self.cleaned_data
        return {
            "url": data.get("url") or "",
            "content": data.get("content") or "",
            "is_html": {"auto": None, "text": False, "html": True}[data["content_format"]],
            "published": data.get("published"),
            "title": data.get("title") or "",
            "outlet": data.get("outlet") or "",
            "language": data.get("language") or "",
        }


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


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "outlet",
        "published",
        "status",
        "short_error",
        "report_count",
        "created_at",
    ]
    list_filter = ["status", "language", "feed"]
    search_fields = ["title", "url", "outlet"]
    date_hierarchy = "created_at"
    actions = ["reingest"]
    inlines = [SourceReportInline]
    fields = [
        "url",
        "title",
        "outlet",
        "published",
        "language",
        "status",
        "error",
        "feed",
        "feed_entry_id",
        "fetched_at",
        "raw_is_html",
        "raw_hash",
        "content_hash",
        "created_at",
        "updated_at",
        "text",
    ]
    # Editors fix the article's metadata; what was received and read stays as it was.
    readonly_fields = [
        name for name in fields if name not in {"title", "outlet", "published", "language"}
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_count=Count("reports"))

    @admin.display(description="error")
    def short_error(self, obj):
        return (obj.error[:120] + "…") if len(obj.error) > 120 else obj.error

    @admin.display(description="reports", ordering="report_count")
    def report_count(self, obj):
        return obj.report_count

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SourceAddForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                source, created = services.source_add(**form.source_values())
            except (SourceError, FetchError, services.EditError) as exc:
                form.add_error(None, str(exc))
            else:
                if created:
                    self.log_addition(request, source, [{"added": {}}])
                    self.message_user(
                        request,
                        f"Source #{source.pk} added; ingest queued. Its status shows below.",
                        messages.SUCCESS,
                    )
                else:
                    self.message_user(
                        request,
                        f"This article is already stored as source #{source.pk}.",
                        messages.WARNING,
                    )
                return redirect(reverse("admin:exchanges_source_change", args=[source.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Add source",
            "opts": self.model._meta,
            "form": form,
            "add": True,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/exchanges/source/add_source.html", context)

    @admin.action(description="Re-run ingest on selected sources", permissions=["change"])
    def reingest(self, request, queryset):
        count = 0
        for source in queryset:
            services.source_reingest(source=source, user=request.user)
            count += 1
        self.message_user(
            request,
            f"Ingest queued for {count} source(s); a URL whose fetch failed is fetched again.",
            messages.SUCCESS,
        )


@admin.register(Feed)
class FeedAdmin(SimpleHistoryAdmin):
    list_display = ["name", "url", "active", "last_polled_at", "last_error"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    readonly_fields = ["last_polled_at", "last_error", "created_at"]


# Official checkpoints, each beside our own figure (a module of its own: this one is long).
from exchanges import admin_checkpoints  # noqa: E402, F401
