"""The review queue, and each item on one screen decided with one action.

An item is an exchange the pipeline flagged (undated, sources disagreeing,
extraction unsure). Its screen shows every report behind it with the source
sentence and the figures highlighted, the report's values beside the
record's, and the decisions: accept the record as it stands, correct it
(in place, or by taking one report's figures), or take a report's figures off
it (wrong, or not an exchange at all). Each decision is a service call that
records the editor and a change reason in history, then the next item opens.
"""

from __future__ import annotations

import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from exchanges import services
from exchanges.admin.forms import CORRECTION_FIELDS, ReviewCorrectionForm
from exchanges.admin.mixins import ReportCountMixin, mark_reviewed
from exchanges.models import (
    BREAKDOWN_GROUPS,
    FIGURE_COLUMNS,
    SIDES,
    Exchange,
    Report,
    ReviewItem,
)

# A figure as articles print it: 1,000 / 1 000 / 1.000 / 390.
_NUMBER = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+")

LABELS = {"date_precision": "precision", "to_ukraine": "to Ukraine", "to_russia": "to Russia"}
COMPARED = [(name, LABELS.get(name, name.replace("_", " "))) for name in FIGURE_COLUMNS]


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


def figures_of(report: Report) -> set[int]:
    """The numbers a report took from its sentence: each side, the ordinal, the categories."""
    numbers = {report.to_ukraine, report.to_russia, report.ordinal}
    for sides in (report.breakdown or {}).values():
        numbers |= set((sides or {}).values())
    return {n for n in numbers if isinstance(n, int)}


def highlight_figures(sentence: str, figures: set[int]) -> SafeString:
    """The sentence, escaped, with every number the report took from it in <mark>."""
    parts, last = [], 0
    for match in _NUMBER.finditer(sentence):
        if int(re.sub(r"\D", "", match.group())) in figures:
            parts.append((sentence[last : match.start()], match.group()))
            last = match.end()
    marked = format_html_join("", "{}<mark>{}</mark>", parts)
    return format_html("{}{}", marked, sentence[last:])


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def compare(report: Report, exchange: Exchange) -> list[dict]:
    """The report's values beside the record's, each row saying whether they differ."""
    rows = []
    for name, label in COMPARED:
        ours, theirs = getattr(exchange, name), getattr(report, name)
        rows.append(
            {
                "label": label,
                "report": _shown(theirs),
                "record": _shown(ours),
                "differs": theirs not in (None, "") and theirs != ours,
            }
        )
    for group in BREAKDOWN_GROUPS:
        for side in SIDES:
            ours = ((exchange.breakdown or {}).get(group) or {}).get(side)
            theirs = ((report.breakdown or {}).get(group) or {}).get(side)
            if ours is None and theirs is None:
                continue
            rows.append(
                {
                    "label": f"{group} {side.replace('_', ' ')}",
                    "report": _shown(theirs),
                    "record": _shown(ours),
                    "differs": theirs is not None and theirs != ours,
                }
            )
    return rows


def report_card(report: Report, exchange: Exchange) -> dict:
    figures = figures_of(report)
    sentences = [report.sentence] if report.sentence else []
    # Figures stated in other sentences of the article (a table, a later paragraph).
    sentences += [
        item["sentence"]
        for item in report.evidence or []
        if item.get("sentence") and item["sentence"] not in sentences
    ]
    return {
        "report": report,
        "sentences": [highlight_figures(s, figures) for s in dict.fromkeys(sentences)],
        "rows": compare(report, exchange),
    }


def queue() -> QuerySet[Exchange]:
    return Exchange.objects.filter(needs_review=True).order_by("pk")


@admin.register(ReviewItem)
class ReviewQueueAdmin(ReportCountMixin, admin.ModelAdmin):
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
    mark_reviewed = mark_reviewed

    def get_queryset(self, request):
        return super().get_queryset(request).filter(needs_review=True)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        first = queue().first()
        extra_context = {**(extra_context or {}), "first_item": first}
        return super().changelist_view(request, extra_context)

    @admin.display(description="exchange")
    def open_link(self, obj):
        url = reverse("admin:exchanges_reviewitem_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, Exchange.__str__(obj))

    # --- One item, one screen ------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        exchange = get_object_or_404(Exchange, pk=object_id)
        form = None
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            done, form = self.decide(request, exchange)
            if done:
                return self.next_item(request, exchange.pk)
        return self.review_screen(request, exchange, form)

    def decide(self, request, exchange: Exchange) -> tuple[bool, ReviewCorrectionForm | None]:
        """Carry out the editor's decision; (False, form) when a correction needs fixing."""
        action = request.POST.get("action", "")
        user = request.user
        if action == "accept":
            services.exchange_mark_reviewed(exchange=exchange, user=user)
            self.message_user(request, f"Accepted #{exchange.pk}.", messages.SUCCESS)
            return True, None
        if action == "correct":
            form = ReviewCorrectionForm(
                request.POST, instance=Exchange.objects.get(pk=exchange.pk), prefix="fix"
            )
            if not form.is_valid():
                return False, form
            values = {name: form.cleaned_data[name] for name in CORRECTION_FIELDS}
            values["breakdown"] = form.cleaned_data["breakdown"]
            changed = services.exchange_correct(exchange=exchange, values=values, user=user)
            shown = ", ".join(changed) or "nothing changed"
            self.message_user(request, f"Corrected #{exchange.pk}: {shown}.", messages.SUCCESS)
            return True, None
        report = exchange.reports.filter(pk=request.POST.get("report") or 0).first()
        if report is None:
            self.message_user(request, "Choose a decision for this item.", messages.ERROR)
            return False, None
        if action == "take":
            values = services.report_values_for(report)
            changed = services.exchange_correct(exchange=exchange, values=values, user=user)
            shown = ", ".join(changed) or "nothing changed"
            self.message_user(
                request,
                f"#{exchange.pk} now carries report #{report.pk}'s figures ({shown}).",
                messages.SUCCESS,
            )
            return True, None
        if action in Report.Rejection.values:
            kept = services.report_reject(report=report, why=action, user=user)
            label = Report.Rejection(action).label.lower()
            left = f"#{exchange.pk} recomputed" if kept else f"#{exchange.pk} removed"
            self.message_user(
                request, f"Report #{report.pk} taken off ({label}); {left}.", messages.SUCCESS
            )
            return True, None
        self.message_user(request, "Unknown decision.", messages.ERROR)
        return False, None

    def next_item(self, request, done_pk: int):
        items = queue()
        following = items.filter(pk__gt=done_pk).first() or items.exclude(pk=done_pk).first()
        if following is None:
            self.message_user(request, "The review queue is empty.", messages.SUCCESS)
            return redirect(reverse("admin:exchanges_reviewitem_changelist"))
        return redirect(reverse("admin:exchanges_reviewitem_change", args=[following.pk]))

    def review_screen(self, request, exchange: Exchange, form=None):
        reports = sorted(
            exchange.reports.select_related("source"),
            key=lambda r: (not r.needs_review, r.pk),
        )
        items = queue()
        waiting = items.count()
        position = items.filter(pk__lte=exchange.pk).count() if exchange.needs_review else None
        following = (
            items.filter(pk__gt=exchange.pk).first() or items.exclude(pk=exchange.pk).first()
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review #{exchange.pk}: {exchange}",
            "opts": self.model._meta,
            "exchange": exchange,
            "reasons": [line for line in exchange.review_reason.splitlines() if line.strip()],
            "cards": [report_card(report, exchange) for report in reports],
            "stages": list(exchange.stages.all()),
            "mediators": [m.name for m in exchange.mediators.all()],
            "form": form or ReviewCorrectionForm(instance=exchange, prefix="fix"),
            "rejections": Report.Rejection.choices,
            "waiting": waiting,
            "position": position,
            "following": following,
            "has_change_permission": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/exchanges/reviewitem/review.html", context)
