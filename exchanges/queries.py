"""Every read the pages need, as intent-revealing queryset methods.

Aggregates are computed by the database, and every method here returns a
queryset or a few rows whose number does not grow with the number of
exchanges, so each page runs a fixed number of queries.
"""

from __future__ import annotations

from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, ExtractYear

from exchanges.choices import Kind, Status

PEOPLE_KINDS = (Kind.POW_EXCHANGE, Kind.CIVILIAN_RETURN)
BODY_KINDS = (Kind.BODY_REPATRIATION,)
HAPPENED = (Status.IN_PROGRESS, Status.COMPLETED)


class JoinedText(models.Aggregate):
    """The values of a text column joined by `separator`, in order, optionally distinct.

    STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite. SQLite only accepts
    DISTINCT with the default ',' separator, so there the commas inside values
    are swapped out for a control character while joining and swapped back.
    """

    function = "STRING_AGG"
    output_field = models.TextField()
    allow_distinct = True

    def __init__(self, expression, separator: str, **extra):
        self.separator = separator
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        expr_sql, params = compiler.compile(self.source_expressions[0])
        distinct = "DISTINCT " if self.distinct else ""
        sql = f"STRING_AGG({distinct}{expr_sql}, %s ORDER BY {expr_sql})"
        return sql, (*params, self.separator, *params)

    def as_sqlite(self, compiler, connection, **extra_context):
        expr_sql, params = compiler.compile(self.source_expressions[0])
        if not self.distinct:
            return f"GROUP_CONCAT({expr_sql}, %s)", (*params, self.separator)
        sql = (
            f"REPLACE(REPLACE(GROUP_CONCAT(DISTINCT REPLACE({expr_sql}, ',', char(31))),"
            " ',', %s), char(31), ',')"
        )
        return sql, (*params, self.separator)

    def as_sql(self, compiler, connection, **extra_context):  # other backends
        return self.as_postgresql(compiler, connection, **extra_context)


def _scalar(queryset, output_field) -> Subquery:
    """A correlated subquery returning one aggregate over all its rows (no GROUP BY)."""
    return Subquery(queryset, output_field=output_field)


# Whole exchanges: stages are reached through their parent.
TOP_LEVEL = Q(parent__isnull=True)


def public_q(prefix: str = "") -> Q:
    """Records shown on the public pages and counted in totals.

    A record that waits for review (unsure extraction, disagreeing sources, no
    date) stays off them until an editor accepts it; once an editor has verified
    or corrected a record, or it comes from the curated data file (editor-grade),
    that word stands over a later doubt.
    """
    return (
        Q(**{f"{prefix}needs_review": False})
        | Q(**{f"{prefix}verified": True})
        | Q(**{f"{prefix}corrected_at__isnull": False})
        | Q(**{f"{prefix}curated_key__isnull": False})
    )


PUBLIC = public_q()


class ExchangeQuerySet(models.QuerySet):
    def top_level(self):
        """Whole exchanges: stages are reached through their parent."""
        return self.filter(TOP_LEVEL)

    def public(self):
        return self.filter(PUBLIC)

    def awaiting_review(self):
        """What the public pages leave out until an editor accepts it."""
        return self.exclude(PUBLIC)

    def dated(self):
        return self.filter(date__isnull=False)

    def undated(self):
        return self.filter(date__isnull=True)

    def completed(self):
        return self.filter(status=Status.COMPLETED)

    def happened(self):
        """Exchanges at least partly carried out: agreed-but-not-done ones are left out."""
        return self.exclude(status=Status.AGREED)

    def between(self, start=None, end=None):
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs

    def counted(self):
        """The rows that totals add up, so a multi-day exchange counts once.

        An exchange with stages is counted through its stages (each carried-out
        stage adds its own figures); an exchange without stages counts itself.
        Agreed-but-not-done exchanges and stages are not counted.
        """
        has_stages = Exists(self.model.objects.filter(parent=OuterRef("pk")))
        return (
            self.happened()
            .dated()
            .exclude(TOP_LEVEL & Q(has_stages))
            .filter((TOP_LEVEL & PUBLIC) | (Q(parent__status__in=HAPPENED) & public_q("parent__")))
        )

    def mediator_exists(self, **lookups) -> Exists:
        """Exists a mediator link of the outer exchange matching `lookups`.

        Exists rather than a join, so an exchange with two mediators stays one row.
        (`snapshots.SnapshotQuerySet` answers the same for a past state.)
        """
        through = self.model.mediators.through
        return Exists(through.objects.filter(exchange_id=OuterRef("pk"), **lookups))

    def mediated_by(self, mediator):
        return self.filter(self.mediator_exists(mediator=mediator))

    def with_source_count(self):
        """Annotate `source_count`: distinct sources reporting the exchange or any of its stages."""
        sources = (
            _related(self.model, "reports")
            .objects.filter(exchange__in=self._self_and_stage_ids())
            .order_by()
            .values(_all=Value(1))
            .annotate(n=Count("source", distinct=True))
            .values("n")
        )
        return self.annotate(source_count=Coalesce(_scalar(sources, IntegerField()), 0))

    def with_export_columns(self):
        """Annotate `mediator_names`, `source_urls` and `stage_count`, aggregated in SQL.

        Names are joined with "; " and URLs with " "; their order is only
        guaranteed on PostgreSQL (SQLite's GROUP_CONCAT has no ORDER BY before
        3.44), so a caller that needs an order sorts the parts.
        """
        Report = _related(self.model, "reports")
        through = self.model.mediators.through
        names = (
            through.objects.filter(exchange_id=OuterRef("pk"))
            .order_by()
            .values(_all=Value(1))
            .annotate(names=JoinedText("mediator__name", "; "))
            .values("names")
        )
        urls = (
            Report.objects.filter(exchange__in=self._self_and_stage_ids())
            .order_by()
            .values(_all=Value(1))
            .annotate(urls=JoinedText("source__url", " ", distinct=True))
            .values("urls")
        )
        return (
            self.with_source_count()
            .with_stage_count()
            .annotate(
                mediator_names=Coalesce(
                    _scalar(names, models.TextField()), Value(""), output_field=models.TextField()
                ),
                source_urls=Coalesce(
                    _scalar(urls, models.TextField()), Value(""), output_field=models.TextField()
                ),
            )
        )

    def with_stage_count(self):
        stages = (
            self.model.objects.filter(parent_id=OuterRef("pk"))
            .order_by()
            .values(_all=Value(1))
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(stage_count=Coalesce(_scalar(stages, IntegerField()), 0))

    def _self_and_stage_ids(self):
        # id = outer OR parent_id = outer: both sides use an index, unlike an OR across a join.
        outer = OuterRef(OuterRef("pk"))
        return self.model.objects.filter(Q(pk=outer) | Q(parent_id=outer)).values("pk")

    def for_timeline(self):
        """Dated whole exchanges, newest first, with `mediator_list` and `stage_list`.

        Prefetched into plain lists: a related manager per row and relation
        (`exchange.mediators.all` in a template) costs more than the query.
        """
        from exchanges.models import Mediator

        return (
            self.top_level()
            .dated()
            .prefetch_related(
                models.Prefetch("mediators", Mediator.objects.all(), to_attr="mediator_list"),
                models.Prefetch(
                    "stages",
                    queryset=self.model.objects.order_by("stage_number", "date", "id"),
                    to_attr="stage_list",
                ),
            )
            .with_source_count()
            .order_by("-date", "-id")
        )

    def for_table(self):
        """Whole exchanges with their counts and `mediator_list` (see for_timeline)."""
        from exchanges.models import Mediator

        mediators = models.Prefetch("mediators", Mediator.objects.all(), to_attr="mediator_list")
        return self.top_level().prefetch_related(mediators).with_source_count().with_stage_count()

    def for_export(self):
        return self.top_level().with_export_columns()

    def for_api(self):
        """`for_export()` rows with their mediators as objects, for the API list."""
        from exchanges.models import Mediator

        mediators = Mediator.objects.order_by("name")
        return self.for_export().prefetch_related(
            models.Prefetch("mediators", mediators, to_attr="api_mediators")
        )

    def stages_and_reports(self, exchange):
        """An exchange's stages, and the reports on it and its stages (the detail page's)."""
        from exchanges.models import Report

        stages = list(exchange.stages.order_by("stage_number", "date", "id"))
        reports = list(
            # ids, not an OR across a join, so the report index on exchange_id is used.
            Report.objects.filter(exchange_id__in=[exchange.pk, *(s.pk for s in stages)])
            .select_related("source", "exchange")
            .defer("source__raw_content", "source__text")  # whole articles; not shown here
            .order_by("source__published", "source_id", "position")
        )
        return stages, reports

    # --- Aggregates for charts: a few rows each, computed by the database -----

    def people_per_date(self):
        """Rows (date, kind, to_ukraine, to_russia, exchanges) per day and kind, oldest first.

        One row per exchange in practice; same-day exchanges of one kind are
        added together so a chart of many thousands of records stays small.
        """
        return list(
            self.order_by()
            .values_list("date", "kind")
            .annotate(
                ua=Coalesce(Sum("to_ukraine"), 0),
                ru=Coalesce(Sum("to_russia"), 0),
                n=Count("pk"),
            )
            .order_by("date", "kind")
        )

    def cumulative_totals(self):
        """Rows (date, people_to_ukraine, people_to_russia, bodies_to_ukraine, bodies_to_russia).

        Running totals per date over `counted()` rows, summed by a window over
        the per-date sums in the database.
        """

        def running(field, kinds):
            # ORDER BY date frames RANGE ... CURRENT ROW, peers included: every row
            # of one date carries the running total through that date, and
            # DISTINCT keeps one row per date.
            return Window(
                Sum(Case(When(kind__in=kinds, then=F(field)), default=0)),
                order_by=F("date").asc(),
            )

        rows = (
            self.counted()
            .annotate(
                people_ua=running("to_ukraine", PEOPLE_KINDS),
                people_ru=running("to_russia", PEOPLE_KINDS),
                bodies_ua=running("to_ukraine", BODY_KINDS),
                bodies_ru=running("to_russia", BODY_KINDS),
            )
            .values_list("date", "people_ua", "people_ru", "bodies_ua", "bodies_ru")
            .distinct()
            .order_by("date")
        )
        return [(day, *(n or 0 for n in totals)) for day, *totals in rows]

    def headline(self):
        """Counts behind the totals page's headline: exchanges of each sort, and since when."""
        top = self.top_level().public().happened().dated()
        return top.aggregate(
            people_exchanges=Count("pk", filter=Q(kind__in=PEOPLE_KINDS)),
            body_repatriations=Count("pk", filter=Q(kind__in=BODY_KINDS)),
            first_date=Min("date"),
        )

    def per_mediator_year(self, mediator=None):
        """Rows (slug, name, year, exchanges, people) for carried-out, dated exchanges.

        Counted from the exchanges: the pages read the same rows kept up to date
        in `mediator_figures`, and tests hold those to these.
        """
        through = self.model.mediators.through
        links = (
            through.objects.all() if mediator is None else through.objects.filter(mediator=mediator)
        )
        return list(
            links.filter(
                public_q("exchange__"),
                exchange__parent__isnull=True,
                exchange__date__isnull=False,
                exchange__status__in=HAPPENED,
            )
            .order_by()
            .annotate(year=ExtractYear("exchange__date"))
            .values_list("mediator__slug", "mediator__name", "year")
            .annotate(
                n=Count("exchange_id"),
                people=Coalesce(Sum("exchange__to_ukraine"), 0)
                + Coalesce(Sum("exchange__to_russia"), 0),
            )
            .order_by("mediator__name", "year")
        )


class MediatorQuerySet(models.QuerySet):
    def per_mediator(self):
        """Rows (slug, name, exchanges, to_ukraine, to_russia): these mediators' public,
        carried-out, dated exchanges.

        An exchange counts once for each of its mediators, through its own
        (top-level) figures, so a multi-day exchange counts once. Counted from the
        exchanges: the pages read the same rows kept in `mediator_figures`.
        """
        return list(
            self.order_by()
            .filter(
                public_q("exchanges__"),
                exchanges__parent__isnull=True,
                exchanges__date__isnull=False,
                exchanges__status__in=HAPPENED,
            )
            .values_list("slug", "name")
            .annotate(
                n=Count("exchanges", distinct=True),
                ua=Coalesce(Sum("exchanges__to_ukraine"), 0),
                ru=Coalesce(Sum("exchanges__to_russia"), 0),
            )
            .order_by("-n", "name")
        )


class SourceQuerySet(models.QuerySet):
    def with_report_count(self):
        """Annotate `report_count` by a subquery, so a page counts only its own rows."""
        reports = (
            _related(self.model, "reports")
            .objects.filter(source_id=OuterRef("pk"))
            .order_by()
            .values(_all=Value(1))
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(report_count=Coalesce(_scalar(reports, IntegerField()), 0))


def _related(model, name: str):
    """The model at the other end of `model.name`: reached, not imported, so that this
    module and the models (which import it) do not import each other."""
    return model._meta.get_field(name).related_model
