"""django-tables2 tables: sortable columns over querysets from `ExchangeQuerySet`."""

from __future__ import annotations

import django_tables2 as tables
from django.db.models import F
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

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
    # The names prefetched into a list (ExchangeQuerySet.for_table), not one manager per row.
    mediators = tables.Column(
        verbose_name="Mediators",
        accessor="mediator_list",
        orderable=False,
        default="—",
        empty_values=(None, []),
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
        # Its body comes from rows_html(); header and pages as django-tables2 draws them.
        template_name = "exchanges/_exchange_table.html"

    # One row as rows_html() writes it: the cells of `Meta.sequence`, with their classes.
    ROW = (
        '<tr class="{}"><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td>'
        '<td class="num">{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td>'
        '<td class="num">{}</td><td>{}</td></tr>'
    )

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

    def rows_html(self) -> SafeString:
        """The body's rows, written in one go as `render_*` would: django-tables2 rendering
        cell by cell cost more than the rest of the page (tens of ms for 50 rows)."""
        rows = [row.record for row in self.paginated_rows]
        if not rows:
            return format_html(
                '<tr><td colspan="{}">{}</td></tr>', len(self.columns), self.empty_text
            )
        return format_html_join("\n", self.ROW, (self._cells(i, r) for i, r in enumerate(rows)))

    def _cells(self, index: int, record) -> tuple:
        def figure(value):
            return "—" if value is None else f"{value:,}"

        date = (
            format_html('<a href="{}">{}</a>', record.get_absolute_url(), self.render_date(record))
            if record.date is not None
            else "—"
        )
        return (
            "odd" if index % 2 else "even",
            date,
            record.get_kind_display(),
            record.get_status_display(),
            figure(record.to_ukraine),
            figure(record.to_russia),
            self.render_mediators(record.mediator_list) if record.mediator_list else "—",
            "—" if record.ordinal is None else record.ordinal,
            record.stage_count,
            record.source_count,
            self.render_review(record),
        )

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

    def render_mediators(self, value):
        return "; ".join(m.name for m in value)

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
