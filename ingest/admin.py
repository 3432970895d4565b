"""Sources (added by URL or pasted text, re-ingested on demand) and the feeds beat polls.

In the ingest app, which owns every write that comes from outside: the records'
admin (`exchanges.admin`) never reaches into ingest.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from exchanges.admin.mixins import ReportCountMixin
from exchanges.admin.reports import SourceReportInline
from exchanges.models import Feed, Source
from ingest.fetch import FetchError
from ingest.sources import SourceError, source_add, source_reingest


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


@admin.register(Source)
class SourceAdmin(ReportCountMixin, SimpleHistoryAdmin):
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

    @admin.display(description="error")
    def short_error(self, obj):
        return (obj.error[:120] + "…") if len(obj.error) > 120 else obj.error

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SourceAddForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                source, created = source_add(**form.source_values())
            except (SourceError, FetchError) as exc:
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
            source_reingest(source=source, user=request.user)
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
