"""The filters every page that lists exchanges accepts, from the query string.

The same parameters work on /, /exchanges/, /exchanges.csv, a mediator's
page, /api/exchanges/ and /feeds/exchanges.atom, so a filtered view can be
shared, bookmarked, downloaded, fetched as JSON or subscribed to as it is:

    q          text in notes, review notes, mediator names, or a source's
               title, outlet, URL or sentence; a number also matches the ordinal
    kind       pow_exchange | body_repatriation | civilian_return
    status     agreed | in_progress | completed
    mediator   a mediator's slug (uae, turkey, ...)
    date_from  ISO date, inclusive
    date_to    ISO date, inclusive
    dated      yes | no (no: the undated records awaiting review)
    review     verified | needs_review | unverified

Records that await review are left out unless `review=needs_review` asks for
them (the review queue, shown as such): their figures are not yet accepted.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from exchanges.models import Exchange, Kind, Mediator, Report, Source, Status


@extend_schema_field(OpenApiTypes.STR)
class MediatorFilter(django_filters.ModelChoiceFilter):
    """A mediator named by its slug (typed so for the API schema)."""


FILTER_PARAMS = ("q", "kind", "status", "mediator", "date_from", "date_to", "dated", "review")


class ExchangeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=Kind.choices, empty_label="Any kind")
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any status")
    mediator = MediatorFilter(
        queryset=Mediator.objects.order_by("name"),
        to_field_name="slug",
        method="by_mediator",
        empty_label="Any mediator",
        label="Mediator",
    )
    date_from = django_filters.DateFilter(
        field_name="date",
        lookup_expr="gte",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="date",
        lookup_expr="lte",
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    dated = django_filters.ChoiceFilter(
        choices=[("yes", "Dated"), ("no", "Undated")],
        method="by_dated",
        empty_label="Dated or not",
        label="Date known",
    )
    review = django_filters.ChoiceFilter(
        choices=[
            ("verified", "Verified"),
            ("needs_review", "Needs review"),
            ("unverified", "Not verified"),
        ],
        method="by_review",
        empty_label="Any review state",
        label="Review",
    )

    class Meta:
        model = Exchange
        fields: list[str] = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("review") != "needs_review":
            queryset = queryset.public()
        return queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # "id", not "pk": on a snapshot (snapshots.py) the pk is the history row's.
        own_or_stage = Exchange.objects.filter(
            Q(pk=OuterRef(OuterRef("id"))) | Q(parent_id=OuterRef(OuterRef("id")))
        ).values("pk")
        text = (
            Q(source__title__icontains=value)
            | Q(source__outlet__icontains=value)
            | Q(source__url__icontains=value)
            | Q(sentence__icontains=value)
        )
        in_reports = Exists(Report.objects.filter(text, exchange__in=own_or_stage))
        in_mediators = queryset.mediator_exists(mediator__name__icontains=value)
        match = (
            Q(notes__icontains=value)
            | Q(review_reason__icontains=value)
            | Q(in_mediators)
            | Q(in_reports)
        )
        if value.isdigit():
            match |= Q(ordinal=int(value))
        return queryset.filter(match)

    def by_mediator(self, queryset, name, value):
        return queryset.mediated_by(value) if value else queryset

    def by_dated(self, queryset, name, value):
        if value == "yes":
            return queryset.dated()
        if value == "no":
            return queryset.undated()
        return queryset

    def by_review(self, queryset, name, value):
        if value == "verified":
            return queryset.filter(verified=True)
        if value == "needs_review":
            return queryset.filter(needs_review=True)
        if value == "unverified":
            return queryset.filter(verified=False)
        return queryset


class SourceFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Source.Status.choices, empty_label="Any status")
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Source
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(outlet__icontains=value) | Q(url__icontains=value)
        )


def filter_query(params, *, keep: tuple[str, ...] = ()) -> str:
    """The filter parameters of a query string, re-encoded (for links that keep the filters)."""
    kept = params.copy()
    for key in list(kept.keys()):
        if key not in FILTER_PARAMS and key not in keep or not any(kept.getlist(key)):
            del kept[key]
    return kept.urlencode()
