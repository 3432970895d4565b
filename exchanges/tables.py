"""django-tables2 tables: sortable columns over querysets from `ExchangeQuerySet`."""

from __future__ import annotations

import django_tables2 as tables
from django.db.models import F
from django.utils.html import format_html_join

from exchanges.models import Exchange, Source
from exchanges.templatetags.dashboard import describe_date


class ExchangeTable(tables.Table):
    date = tables.Column(verbose_name="Date", linkify=True)
    kind = tables.Column(verbose_name="Kind")
    status = tables.Column(verbose_name="Status")
    to_ukraine = tables.Column(
        verbose_name="To Ukraine", attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )
    to_russia = tables.Column(
        verbose_name="To Russia", attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )
    mediators = tables.ManyToManyColumn(
        verbose_name="Mediators", orderable=False, separator="; ", default="—"
    )
    ordinal = tables.Column(verbose_name="No.", attrs={"td": {"class": "num"}})
    stage_count = tables.Column(verbose_name="Stages", attrs={"td": {"class": "num"}})
    source_count = tables.Column(verbose_name="Sources", attrs={"td": {"class": "num"}})
    review = tables.Column(verbose_name="Review", empty_values=(), orderable=False)

    class Meta:
        model = Exchange
        fields = ()
        sequence = (
            "date",
            "kind",
            "status",
            "to_ukraine",
            "to_russia",
            "mediators",
            "ordinal",
            "stage_count",
            "source_count",
            "review",
        )
        order_by = ("-date",)
        attrs = {"class": "data-table"}
        empty_text = "No exchanges match these filters."

    SORTABLE = (
        "date",
        "kind",
        "status",
        "to_ukraine",
        "to_russia",
        "ordinal",
        "stage_count",
        "source_count",
    )

    @classmethod
    def ordered(cls, queryset, sort: str | None):
        """`queryset` in the order the table shows for `?sort=`, so the CSV follows the table."""
        sort = sort if sort and sort.lstrip("-") in cls.SORTABLE else "-date"
        name, descending = sort.lstrip("-"), sort.startswith("-")
        field = F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
        return queryset.order_by(field, "-id" if descending else "id")

    def render_date(self, record):
        return describe_date(record.date, record.date_precision, record.end_date)

    # Every sortable column orders through `ordered`: empty values last whichever way
    # round, ties by id, and exactly the order the CSV of the same query gives.
    def _order(self, queryset, name, is_descending):
        return self.ordered(queryset, f"-{name}" if is_descending else name), True

    def order_date(self, queryset, is_descending):
        return self._order(queryset, "date", is_descending)

    def order_kind(self, queryset, is_descending):
        return self._order(queryset, "kind", is_descending)

    def order_status(self, queryset, is_descending):
        return self._order(queryset, "status", is_descending)

    def order_to_ukraine(self, queryset, is_descending):
        return self._order(queryset, "to_ukraine", is_descending)

    def order_to_russia(self, queryset, is_descending):
        return self._order(queryset, "to_russia", is_descending)

    def order_ordinal(self, queryset, is_descending):
        return self._order(queryset, "ordinal", is_descending)

    def order_stage_count(self, queryset, is_descending):
        return self._order(queryset, "stage_count", is_descending)

    def order_source_count(self, queryset, is_descending):
        return self._order(queryset, "source_count", is_descending)

    def render_to_ukraine(self, value):
        return f"{value:,}"

    def render_to_russia(self, value):
        return f"{value:,}"

    def render_review(self, record):
        flags = [
            ("ok", "verified", record.verified),
            ("warn", "needs review", record.needs_review),
            ("warn", "sources disagree", record.has_conflict),
        ]
        shown = [(tone, label) for tone, label, on in flags if on]
        if not shown:
            return "—"
        return format_html_join(" ", '<span class="tag {}">{}</span>', shown)


class SourceTable(tables.Table):
    title = tables.Column(verbose_name="Article", linkify=True, empty_values=())
    outlet = tables.Column(verbose_name="Outlet")
    published = tables.DateColumn(verbose_name="Published", format="Y-m-d")
    status = tables.Column(verbose_name="Status")
    report_count = tables.Column(verbose_name="Reports", attrs={"td": {"class": "num"}})
    error = tables.Column(verbose_name="Error", orderable=False)
    created_at = tables.DateTimeColumn(verbose_name="Ingested", format="Y-m-d H:i")

    class Meta:
        model = Source
        fields = ()
        sequence = ("title", "outlet", "published", "status", "report_count", "error", "created_at")
        order_by = ("-created_at",)
        attrs = {"class": "data-table"}
        empty_text = "No sources match."

    def render_title(self, record):
        return str(record)

    def render_error(self, value):
        return value if len(value) <= 120 else value[:117] + "…"
