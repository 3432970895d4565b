"""The dashboard pages: short function views, each building a `ctx` dict.

Every page runs a fixed number of queries whatever the number of rows:
aggregates are computed by the database, lists are paginated, and related
rows are prefetched. What depends only on the data (chart rows, counts) is
cached under the data version (versions.py), so a page reads it again only
after a write.
"""

from __future__ import annotations

import itertools

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from exchanges import charts, csv_export, mediator_figures
from exchanges.api import serializers as api_serializers
from exchanges.filters import ExchangeFilter, SourceFilter, filter_query
from exchanges.models import Exchange, Mediator, Report, Source
from exchanges.queries import PUBLIC
from exchanges.snapshots import InvalidDate, parse_as_of, snapshot
from exchanges.tables import ExchangeTable, SourceTable
from exchanges.totals import totals_figures
from exchanges.versions import cached

TIMELINE_PER_PAGE = 100
TABLE_PER_PAGE = 50

FIGURE_LABELS = {
    "to_ukraine": "To Ukraine",
    "to_russia": "To Russia",
    "date": "Date",
    "end_date": "End date",
    "ordinal": "Ordinal",
    "kind": "Kind",
    "status": "Status",
    "mediators": "Mediators",
}


def _filter_ctx(request, filterset) -> dict:
    return {
        "filter": filterset,
        "filter_query": filter_query(request.GET),
        "csv_query": filter_query(request.GET, keep=("sort",)),
        # base.html links the Atom feed of the same filter (<link rel="alternate">).
        "feed_query": filter_query(request.GET),
    }


class CountedPaginator(Paginator):
    """A paginator told how many rows there are, so it does not count them itself."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


def _count(request, name: str, queryset) -> int:
    """How many rows a filtered list has: counted once per data version and filter."""
    return cached(request, f"{name}-count", queryset.count, filter_query(request.GET))


def _paginate(request, table, name: str, queryset) -> str:
    """Paginate the table; returns its HTML (rows, sort links, pages), rendered once per
    data version and query string: it depends on nothing else."""
    paginate = {
        "per_page": TABLE_PER_PAGE,
        "paginator_class": CountedPaginator,
        "count": _count(request, name, queryset),
    }
    RequestConfig(request, paginate=paginate).configure(table)
    return cached(request, f"{name}-html", lambda: table.as_html(request), request.GET.urlencode())


@require_safe
def timeline(request):
    filterset = ExchangeFilter(request.GET, queryset=Exchange.objects.top_level().dated())
    count = _count(request, "timeline", filterset.qs)
    page = CountedPaginator(filterset.qs.for_timeline(), TIMELINE_PER_PAGE, count=count).get_page(
        request.GET.get("page")
    )
    chart = cached(
        request,
        "timeline-chart",
        lambda: charts.as_json(
            charts.exchanges_over_time(filterset.qs.happened().people_per_date())
        ),
        filter_query(request.GET),
    )
    waiting = cached(
        request,
        "waiting",
        lambda: Exchange.objects.top_level().aggregate(
            undated=Count("pk", filter=Q(date__isnull=True)),
            flagged=Count("pk", filter=~PUBLIC),
        ),
    )
    # The exchanges themselves, rendered once per data version and query string.
    list_ctx = {"page": page, **_filter_ctx(request, filterset)}
    list_html = cached(
        request,
        "timeline-html",
        lambda: render_to_string(
            "exchanges/_timeline_list.html", {**list_ctx, "months": _by_month(page.object_list)}
        ),
        request.GET.urlencode(),
    )
    ctx = {
        "page": page,
        "list_html": list_html,
        "chart": chart,
        "undated": waiting["undated"],
        "flagged": waiting["flagged"],
        **_filter_ctx(request, filterset),
    }
    return render(request, "exchanges/timeline.html", ctx)


def _by_month(exchanges) -> list[tuple]:
    """[(year, [(first day of month, [exchange, ...]), ...]), ...] in the given order."""
    months = [
        (exchanges_[0].date.replace(day=1), exchanges_)
        for _, group in itertools.groupby(exchanges, key=lambda e: (e.date.year, e.date.month))
        for exchanges_ in [list(group)]
    ]
    return [
        (year, list(group)) for year, group in itertools.groupby(months, key=lambda m: m[0].year)
    ]


@require_safe
def exchange_list(request):
    filterset = ExchangeFilter(request.GET, queryset=Exchange.objects.top_level())
    table = ExchangeTable(filterset.qs.for_table())
    table_html = _paginate(request, table, "table", filterset.qs)
    ctx = {
        "table": table,
        "table_html": table_html,
        "columns": csv_export.COLUMNS,
        **_filter_ctx(request, filterset),
    }
    return render(request, "exchanges/exchange_list.html", ctx)


@require_safe
def exchanges_csv(request):
    """The rows /exchanges/ selects with the same query string, as CSV (see csv_export).

    `?as_of=YYYY-MM-DD` gives them as they stood at the end of that day (snapshots.py).
    """
    try:
        as_of = parse_as_of(request.GET.get("as_of"))
    except InvalidDate as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    records = snapshot(as_of) if as_of else Exchange.objects.all()
    filterset = ExchangeFilter(request.GET, queryset=records.top_level())
    sort = request.GET.get("sort")
    site_url = request.build_absolute_uri("/")
    if as_of:
        lines = csv_export.stream_snapshot(
            ExchangeTable.ordered(filterset.qs, sort), site_url=site_url
        )
    else:
        lines = csv_export.stream(filterset.qs, site_url=site_url, sort=sort)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    name = f"exchanges-as-of-{as_of.isoformat()}.csv" if as_of else "exchanges.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def exchange_detail(request, pk: int):
    # The page depends only on the data: rendered once per data version.
    return HttpResponse(cached(request, f"exchange-{pk}", lambda: _exchange_page(request, pk)))


def _exchange_page(request, pk: int) -> str:
    exchange = get_object_or_404(Exchange.objects.select_related("parent"), pk=pk)
    stages, reports = Exchange.objects.stages_and_reports(exchange)
    ctx = {
        "exchange": exchange,
        "mediators": list(exchange.mediators.all()),
        "stages": stages,
        "reports": reports,
        "disagreement": _disagreement(exchange, reports),
        "claims": _claims(exchange, reports),
        "figure_labels": FIGURE_LABELS,
    }
    return render_to_string("exchanges/exchange_detail.html", ctx, request=request)


def _claims(exchange: Exchange, reports: list[Report]) -> list[Report]:
    """Each claimant's own figures for the record, when the claims differ; else [].

    One row per claimant and figures (the first source that gives them), so the
    two sides' statements stand side by side.
    """
    seen: dict[tuple, Report] = {}
    for report in reports:
        figures = (report.to_ukraine, report.to_russia)
        if report.exchange_id != exchange.pk or not report.attributed_to or figures == (None, None):
            continue
        seen.setdefault((report.attributed_to, *figures), report)
    claims = list(seen.values())
    differ = any(
        len({getattr(r, side) for r in claims if getattr(r, side) is not None}) > 1
        for side in ("to_ukraine", "to_russia")
    )
    return claims if differ else []


def _disagreement(exchange: Exchange, reports: list[Report]) -> list[Report]:
    """The reports to set side by side when sources disagree on a figure, else []."""
    own = [r for r in reports if r.exchange_id == exchange.pk] or reports
    differ = any(
        len({getattr(r, side) for r in own if getattr(r, side) is not None}) > 1
        for side in ("to_ukraine", "to_russia")
    )
    return own if (exchange.has_conflict or differ) and len(own) > 1 else []


@require_safe
def totals(request):
    return render(request, "exchanges/totals.html", totals_figures(request))


@require_safe
def mediator_list(request):
    def compute() -> dict:
        rows = mediator_figures.per_mediator()
        year_rows = mediator_figures.per_mediator_year()
        return {
            "rows": rows,
            "year_rows": year_rows,
            "chart": charts.as_json(charts.per_mediator(rows)) if rows else None,
            "year_chart": charts.as_json(charts.per_mediator_year(year_rows))
            if year_rows
            else None,
        }

    return render(request, "exchanges/mediator_list.html", cached(request, "mediators", compute))


@require_safe
def mediator_detail(request, slug: str):
    mediator = get_object_or_404(Mediator, slug=slug)
    mine = Exchange.objects.mediated_by(mediator)
    filterset = ExchangeFilter(request.GET, queryset=mine)
    # The mediator is fixed by the page; a `mediator` parameter is not asked for here.
    filterset.filters.pop("mediator")
    table = ExchangeTable(filterset.qs.for_table())
    table_html = _paginate(request, table, f"mediator-{mediator.pk}", filterset.qs)
    years = [
        (year, n, people)
        for _s, _name, year, n, people in mediator_figures.per_mediator_year(mediator)
    ]
    ctx = {
        "mediator": mediator,
        "table": table,
        "table_html": table_html,
        "years": years,
        "chart": charts.as_json(charts.mediator_years(years)) if years else None,
        **_filter_ctx(request, filterset),
    }
    params = request.GET.copy()
    params["mediator"] = slug
    ctx["csv_query"] = filter_query(params, keep=("sort",))
    ctx["feed_query"] = filter_query(params)
    return render(request, "exchanges/mediator_detail.html", ctx)


@require_safe
def source_list(request):
    sources = Source.objects.defer("raw_content", "text").with_report_count()
    filterset = SourceFilter(request.GET, queryset=sources)
    table = SourceTable(filterset.qs)
    table_html = _paginate(request, table, "sources", filterset.qs)
    counts = cached(
        request,
        "source-statuses",
        lambda: dict(Source.objects.order_by().values_list("status").annotate(n=Count("pk"))),
    )
    ctx = {
        "table": table,
        "table_html": table_html,
        "filter": filterset,
        "status_counts": [(label, counts.get(value, 0)) for value, label in Source.Status.choices],
    }
    return render(request, "exchanges/source_list.html", ctx)


@require_safe
def source_detail(request, pk: int):
    # The page depends only on the data: rendered once per data version.
    return HttpResponse(cached(request, f"source-{pk}", lambda: _source_page(request, pk)))


def _source_page(request, pk: int) -> str:
    source = get_object_or_404(Source.objects.defer("raw_content"), pk=pk)
    reports = list(source.reports.select_related("exchange").order_by("position"))
    ctx = {"source": source, "reports": reports, "figure_labels": FIGURE_LABELS}
    return render_to_string("exchanges/source_detail.html", ctx, request=request)


def about_data(request):
    """What a record is, how totals are counted, every CSV and API field, how to cite."""
    ctx = {
        "csv_columns": csv_export.COLUMNS,
        "api_fields": [
            ("/api/exchanges/", _field_docs(api_serializers.ExchangeRowSerializer)),
            (
                "/api/exchanges/<id>/",
                _field_docs(api_serializers.ExchangeDetailSerializer, fallback=_EXCHANGE_HELP),
            ),
            ("reports[]", _field_docs(api_serializers.ReportSerializer)),
            ("reports[].source", _field_docs(api_serializers.SourceRefSerializer)),
            ("reports[].figures[]", _field_docs(api_serializers.FigureSerializer)),
            ("/api/totals/", _field_docs(api_serializers.TotalsSerializer)),
            ("/api/mediators/", _field_docs(api_serializers.MediatorSerializer)),
            ("/api/sources/", _field_docs(api_serializers.SourceSerializer)),
        ],
        "today": timezone.now().date(),
    }
    return render(request, "exchanges/about_data.html", ctx)


def _field_docs(serializer_class, fallback: dict | None = None) -> list[tuple[str, str]]:
    """(name, meaning) of each field, from the help text the API schema shows too."""
    fallback = fallback or {}
    fields = serializer_class().fields
    return [(name, str(f.help_text or fallback.get(name, ""))) for name, f in fields.items()]


# An exchange's fields are documented once, in ExchangeRowSerializer; the detail repeats them.
_EXCHANGE_HELP = {
    name: str(f.help_text or "")
    for name, f in api_serializers.ExchangeRowSerializer().fields.items()
}
