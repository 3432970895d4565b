"""The API views: thin, over the querysets and filters the pages use.

Every list takes the same query string as its page (ExchangeFilter: the
/exchanges/ table and the CSV; SourceFilter: /sources/), and runs a fixed
number of queries whatever the number of rows.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from exchanges import mediator_figures
from exchanges.api import serializers
from exchanges.api.pagination import KeysetPagination
from exchanges.filters import ExchangeFilter, SourceFilter
from exchanges.models import Checkpoint, Exchange, Mediator, Source
from exchanges.snapshots import InvalidDate, parse_as_of, snapshot
from exchanges.tables import ExchangeTable
from exchanges.totals import totals_figures
from exchanges.versions import cached

READ_ONLY = ["get", "head", "options"]


class FilterBackend(DjangoFilterBackend):
    """The view's FilterSet over whatever queryset it gives, a snapshot's history rows too."""

    def get_filterset_class(self, view, queryset=None):
        return view.filterset_class


class ExchangeList(generics.ListAPIView):
    """Top-level exchanges: the rows /exchanges/ and the CSV give for the same query string."""

    serializer_class = serializers.ExchangeRowSerializer
    filterset_class = ExchangeFilter
    filter_backends = [FilterBackend]
    pagination_class = KeysetPagination
    http_method_names = READ_ONLY
    queryset = Exchange.objects.none()  # for the schema; get_queryset gives the rows

    def get_queryset(self):
        try:
            as_of = parse_as_of(self.request.query_params.get("as_of"))
        except InvalidDate as exc:
            raise ValidationError({"as_of": str(exc)}) from None
        records = snapshot(as_of) if as_of else Exchange.objects.all()
        return records.top_level()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset).for_api()
        sort = self.request.query_params.get("sort")
        if sort and sort.lstrip("-") not in ExchangeTable.SORTABLE:
            raise ValidationError({"sort": f"One of {', '.join(ExchangeTable.SORTABLE)}."})
        sort = sort or "-date"
        self.page_order = (sort.lstrip("-"), sort.startswith("-"))
        return ExchangeTable.ordered(queryset, sort)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "sort",
                str,
                enum=[f"{sign}{name}" for name in ExchangeTable.SORTABLE for sign in ("", "-")],
                description="Order as the table's column (- for descending); empty values "
                "last; ties by id. Default -date.",
            ),
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                description="The records as they stood at the end of this day (UTC), from "
                "the edit history: a citable snapshot.",
            ),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        # A page depends only on the data and its URL (the host is in `next`): built once
        # per data version. The rate limit has been checked before this runs.
        def page() -> dict:
            return super(ExchangeList, self).list(request, *args, **kwargs).data

        return Response(cached(request, "api-exchanges", page, request.build_absolute_uri()))


class ExchangeDetail(generics.RetrieveAPIView):
    """One record (an exchange or a stage) with every field, its stages and its sources."""

    serializer_class = serializers.ExchangeDetailSerializer
    http_method_names = READ_ONLY
    queryset = Exchange.objects.select_related("parent").prefetch_related("mediators")

    def retrieve(self, request, *args, **kwargs):
        # One record depends only on the data (and the host, in its links).
        def record() -> dict:
            return super(ExchangeDetail, self).retrieve(request, *args, **kwargs).data

        return Response(cached(request, "api-exchange", record, request.build_absolute_uri()))

    def get_object(self):
        exchange = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        exchange.loaded_stages, exchange.loaded_reports = Exchange.objects.stages_and_reports(
            exchange
        )
        return exchange


class MediatorList(generics.ListAPIView):
    """Every mediator with the exchanges it mediated, in all and per year (not paged)."""

    serializer_class = serializers.MediatorSerializer
    http_method_names = READ_ONLY
    queryset = Mediator.objects.order_by("name")

    def list(self, request, *args, **kwargs):
        counts = {slug: (n, ua, ru) for slug, _name, n, ua, ru in mediator_figures.per_mediator()}
        years: dict[str, list] = {}
        for slug, _name, year, n, people in mediator_figures.per_mediator_year():
            years.setdefault(slug, []).append({"year": year, "exchanges": n, "people": people})
        mediators = list(self.get_queryset())
        for mediator in mediators:
            mediator.exchange_count, mediator.to_ukraine, mediator.to_russia = counts.get(
                mediator.slug, (0, 0, 0)
            )
            mediator.years = years.get(mediator.slug, [])
        return Response(self.get_serializer(mediators, many=True).data)


class SourceList(generics.ListAPIView):
    """Ingested articles, newest first, with the /sources/ filters (status, q)."""

    serializer_class = serializers.SourceSerializer
    filterset_class = SourceFilter
    filter_backends = [FilterBackend]
    pagination_class = KeysetPagination
    http_method_names = READ_ONLY
    queryset = Source.objects.defer("raw_content", "text")
    page_order = (None, True)

    def get_queryset(self):
        return super().get_queryset().with_report_count().order_by("-id")

    def list(self, request, *args, **kwargs):
        # As ExchangeList: a page is built once per data version and URL.
        def page() -> dict:
            return super(SourceList, self).list(request, *args, **kwargs).data

        return Response(cached(request, "api-sources", page, request.build_absolute_uri()))


class Totals(generics.GenericAPIView):
    """The totals page's figures: headline, cumulative series, official checkpoints."""

    serializer_class = serializers.TotalsSerializer
    http_method_names = READ_ONLY

    def get(self, request, *args, **kwargs):
        return Response(cached(request, "api-totals", lambda: self.totals(request)))

    def totals(self, request) -> dict:
        """The response's data: the cached figures in the API's shape."""
        figures = totals_figures(request)
        _day, people_ua, people_ru, bodies_ua, bodies_ru = figures["latest"]
        series_fields = ("people_to_ukraine", "people_to_russia")
        series_fields += ("bodies_to_ukraine", "bodies_to_russia")
        data = {
            "headline": {
                "people_to_ukraine": people_ua,
                "people_to_russia": people_ru,
                "bodies_to_ukraine": bodies_ua,
                "bodies_to_russia": bodies_ru,
                **figures["headline"],
            },
            "series": [
                {"date": day, **dict(zip(series_fields, counts, strict=True))}
                for day, *counts in figures["rows"]
            ],
            "checkpoints": official_checkpoints(),
        }
        # Plain data, already in the serializer's shape (the contract tests hold it to
        # the schema): DRF serializing a thousand-date series would cost more than
        # reading it from the cache.
        return data


def official_checkpoints() -> list[dict]:
    """Official running figures (exchanges/models/checkpoints.py), oldest first, in the shape
    of CheckpointSerializer."""
    rows = Checkpoint.objects.select_related("source", "mediator").order_by("date", "pk")
    return [
        {
            "date": c.date,
            "measure": c.measure,
            "value": c.value,
            "at_least": c.at_least,
            "year": c.year,
            "mediator": c.mediator.name if c.mediator else None,
            "claimant": c.claimant,
            "source_url": c.source.url if c.source else None,
            "sentence": c.sentence,
        }
        for c in rows
    ]
