"""The dashboard pages: short function views, each building a `ctx` dict.

Every page runs a fixed number of queries whatever the number of rows:
aggregates are computed by the database, lists are paginated, and related
rows are prefetched.
"""

from __future__ import annotations

import itertools

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

from exchanges import charts, csv_export
from exchanges.context_processors import data_version
from exchanges.filters import ExchangeFilter, SourceFilter, filter_query
from exchanges.models import Checkpoint, Exchange, Mediator, Report, Source
from exchanges.official import official_checks
from exchanges.queries import PEOPLE_KINDS, PUBLIC
from exchanges.tables import ExchangeTable, SourceTable

TIMELINE_PER_PAGE = 100
TABLE_PER_PAGE = 50
TOTALS_CACHE = 24 * 3600  # seconds; any change to the data changes the key anyway

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
    }


def timeline(request):
    filterset = ExchangeFilter(request.GET, queryset=Exchange.objects.top_level().dated())
    page = Paginator(filterset.qs.for_timeline(), TIMELINE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    chart_rows = filterset.qs.happened().people_per_date()
    waiting = Exchange.objects.top_level().aggregate(
        undated=Count("pk", filter=Q(date__isnull=True)),
        flagged=Count("pk", filter=~PUBLIC),
    )
    ctx = {
        "page": page,
        "months": _by_month(page.object_list),
        "chart": charts.as_data(charts.exchanges_over_time(chart_rows)),
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


def exchange_list(request):
    filterset = ExchangeFilter(request.GET, queryset=Exchange.objects.top_level())
    table = ExchangeTable(filterset.qs.for_table())
    RequestConfig(request, paginate={"per_page": TABLE_PER_PAGE}).configure(table)
    ctx = {"table": table, "columns": csv_export.COLUMNS, **_filter_ctx(request, filterset)}
    return render(request, "exchanges/exchange_list.html", ctx)


def exchanges_csv(request):
    """The rows /exchanges/ selects with the same query string, as CSV (see csv_export)."""
    filterset = ExchangeFilter(request.GET, queryset=Exchange.objects.top_level())
    queryset = ExchangeTable.ordered(filterset.qs.for_export(), request.GET.get("sort"))
    site_url = request.build_absolute_uri("/")
    response = StreamingHttpResponse(
        csv_export.stream(queryset, site_url=site_url), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="exchanges.csv"'
    return response


def exchange_detail(request, pk: int):
    exchange = get_object_or_404(Exchange.objects.select_related("parent"), pk=pk)
    stages = list(exchange.stages.order_by("stage_number", "date", "id"))
    reports = list(
        # ids, not an OR across a join, so the report index on exchange_id is used.
        Report.objects.filter(exchange_id__in=[exchange.pk, *(s.pk for s in stages)])
        .select_related("source", "exchange")
        .defer("source__raw_content", "source__text")  # whole articles; not shown here
        .order_by("source__published", "source_id", "position")
    )
    ctx = {
        "exchange": exchange,
        "mediators": list(exchange.mediators.all()),
        "stages": stages,
        "reports": reports,
        "disagreement": _disagreement(exchange, reports),
        "claims": _claims(exchange, reports),
        "figure_labels": FIGURE_LABELS,
    }
    return render(request, "exchanges/exchange_detail.html", ctx)


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


def totals(request):
    def compute() -> dict:
        rows = Exchange.objects.cumulative_totals()
        gaps, ordinal = official_checks(rows)
        marks = [
            (g.checkpoint.date, g.official, g.checkpoint.claimant, g.checkpoint.measure)
            for g in gaps
            if g.checkpoint.measure in ("people_to_ukraine", "bodies_to_ukraine")
            and not g.checkpoint.year
        ]
        return {
            "rows": rows,
            "latest": rows[-1] if rows else (None, 0, 0, 0, 0),
            "headline": Exchange.objects.headline(),
            "chart": charts.as_data(charts.cumulative_totals(rows, marks)) if rows else None,
            "gaps": gaps,
            "latest_gaps": _latest_per_measure(gaps),
            "ordinal": ordinal,
            # Carried-out exchanges no source gave a figure for (withheld, as in June 2025):
            # they count as zero, which explains part of any gap.
            "unknown_figures": Exchange.objects.counted()
            .filter(kind__in=PEOPLE_KINDS, to_ukraine__isnull=True)
            .count(),
        }

    # The running totals read every row: computed once per state of the data.
    version = data_version(request)
    official = Checkpoint.objects.aggregate(n=Count("pk"), last=Max("pk"))
    key = (
        f"totals:{version['count']}:{version['latest'].isoformat() if version['latest'] else ''}"
        f":{official['n']}:{official['last']}"
    )
    return render(request, "exchanges/totals.html", cache.get_or_set(key, compute, TOTALS_CACHE))


def _latest_per_measure(gaps) -> list:
    """The newest checkpoint of each sort (measure, year, mediator): the headline gaps."""
    latest = {}
    for gap in gaps:  # oldest first, so later ones replace earlier
        c = gap.checkpoint
        latest[(c.measure, c.year, c.mediator_id)] = gap
    return sorted(latest.values(), key=lambda g: (g.checkpoint.measure, g.checkpoint.date))


def mediator_list(request):
    rows = Mediator.objects.per_mediator()
    year_rows = Exchange.objects.per_mediator_year()
    ctx = {
        "rows": rows,
        "year_rows": year_rows,
        "chart": charts.as_data(charts.per_mediator(rows)) if rows else None,
        "year_chart": charts.as_data(charts.per_mediator_year(year_rows)) if year_rows else None,
    }
    return render(request, "exchanges/mediator_list.html", ctx)


def mediator_detail(request, slug: str):
    mediator = get_object_or_404(Mediator, slug=slug)
    mine = Exchange.objects.mediated_by(mediator)
    filterset = ExchangeFilter(request.GET, queryset=mine)
    # The mediator is fixed by the page; a `mediator` parameter is not asked for here.
    filterset.filters.pop("mediator")
    table = ExchangeTable(filterset.qs.for_table())
    RequestConfig(request, paginate={"per_page": TABLE_PER_PAGE}).configure(table)
    years = [(year, n, people) for _s, _name, year, n, people in mine.per_mediator_year(mediator)]
    ctx = {
        "mediator": mediator,
        "table": table,
        "years": years,
        "chart": charts.as_data(charts.mediator_years(years)) if years else None,
        **_filter_ctx(request, filterset),
    }
    params = request.GET.copy()
    params["mediator"] = slug
    ctx["csv_query"] = filter_query(params, keep=("sort",))
    return render(request, "exchanges/mediator_detail.html", ctx)


def source_list(request):
    sources = Source.objects.defer("raw_content", "text").with_report_count()
    filterset = SourceFilter(request.GET, queryset=sources)
    table = SourceTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": TABLE_PER_PAGE}).configure(table)
    counts = dict(Source.objects.order_by().values_list("status").annotate(n=Count("pk")))
    ctx = {
        "table": table,
        "filter": filterset,
        "status_counts": [(label, counts.get(value, 0)) for value, label in Source.Status.choices],
    }
    return render(request, "exchanges/source_list.html", ctx)


def source_detail(request, pk: int):
    source = get_object_or_404(Source.objects.defer("raw_content"), pk=pk)
    reports = list(source.reports.select_related("exchange").order_by("position"))
    ctx = {"source": source, "reports": reports, "figure_labels": FIGURE_LABELS}
    return render(request, "exchanges/source_detail.html", ctx)
