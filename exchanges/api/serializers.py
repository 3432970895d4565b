"""What the API returns. Each field's help text is its documentation: the OpenAPI
schema and the /about/data/ page both read it from here."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exchanges.models import Checkpoint, DatePrecision, Kind, Mediator, Source, Status


class MediatorRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The mediator's identifier (the `mediator` filter).")
    name = serializers.CharField(help_text="The mediator's name.")


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class ExchangeRowSerializer(serializers.Serializer):
    """One top-level exchange: the columns of the CSV, with mediators as objects."""

    id = serializers.IntegerField(help_text="Record number; stable, never reused.")
    date = serializers.DateField(
        allow_null=True, help_text="ISO date of the exchange or of its first stage; null: unknown."
    )
    date_precision = serializers.ChoiceField(
        choices=DatePrecision.choices,
        help_text="How much of `date` is known: day; week (the week starting on `date`); "
        "month (only the month); unknown.",
    )
    end_date = serializers.DateField(
        allow_null=True, help_text="ISO date of the last day, for an exchange over several days."
    )
    kind = serializers.ChoiceField(choices=Kind.choices, help_text="What was handed over.")
    status = serializers.ChoiceField(
        choices=Status.choices,
        help_text="agreed (announced, not carried out: never counted), in_progress or completed.",
    )
    to_ukraine = serializers.IntegerField(
        allow_null=True, help_text="People (or bodies) handed over to Ukraine; null: not stated."
    )
    to_russia = serializers.IntegerField(
        allow_null=True, help_text="People (or bodies) handed over to Russia; null: not stated."
    )
    breakdown = serializers.JSONField(
        help_text='Figures by group when sources give them: {"military": {"to_ukraine": 270, '
        '"to_russia": 270}, "civilians": {...}}.'
    )
    ordinal = serializers.IntegerField(
        allow_null=True, help_text="Ukraine's official running number of the exchange."
    )
    stages = serializers.IntegerField(
        source="stage_count",
        help_text="Number of stages of a multi-day exchange (0 for a single day).",
    )
    mediators = serializers.SerializerMethodField(help_text="Mediators, by name.")
    verified = serializers.BooleanField(help_text="An editor checked the record.")
    needs_review = serializers.BooleanField(
        help_text="Flagged for an editor; such records are only listed with review=needs_review."
    )
    has_conflict = serializers.BooleanField(help_text="Sources disagree on a figure.")
    corrected_at = serializers.DateTimeField(
        allow_null=True, help_text="When an editor last corrected the record (UTC)."
    )
    source_count = serializers.IntegerField(
        help_text="Distinct sources reporting the exchange or its stages."
    )
    source_urls = serializers.SerializerMethodField(help_text="Those sources' URLs.")
    notes = serializers.CharField(help_text="Editor's notes.")
    url = serializers.SerializerMethodField(help_text="The exchange's page on this site.")
    api_url = serializers.SerializerMethodField(help_text="The exchange in full, with its sources.")

    @extend_schema_field(MediatorRefSerializer(many=True))
    def get_mediators(self, obj) -> list[dict]:
        links = getattr(obj, "mediator_links", None)  # a snapshot: the mediators it had then
        mediators = [link.mediator for link in links] if links is not None else obj.api_mediators
        return [{"slug": m.slug, "name": m.name} for m in mediators]

    def get_source_urls(self, obj) -> list[str]:
        return sorted(obj.source_urls.split(" ")) if obj.source_urls else []

    def get_url(self, obj) -> str:
        return _absolute(self.context.get("request"), reverse("exchange_detail", args=[obj.id]))

    def get_api_url(self, obj) -> str:
        return _absolute(self.context.get("request"), reverse("api_exchange", args=[obj.id]))


class SourceRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Source number (see /api/sources/).")
    url = serializers.URLField(allow_null=True, help_text="The article's address, if it has one.")
    outlet = serializers.CharField(help_text="Who published it.")
    title = serializers.CharField(help_text="The article's title.")
    published = serializers.DateField(allow_null=True, help_text="Publication date.")
    language = serializers.CharField(help_text="Language code (en, uk, ru).")


class FigureSerializer(serializers.Serializer):
    """One figure a source states, with the words it was read from."""

    field = serializers.CharField(help_text="Which figure (to_ukraine, to_russia, date, ...).")
    value = serializers.JSONField(help_text="The value the source states.")
    sentence = serializers.CharField(help_text="The sentence stating it.")
    claimant = serializers.CharField(
        source="attributed_to", default="", help_text="Who the source attributes it to."
    )


class ReportSerializer(serializers.Serializer):
    """What one source says about the exchange (or one of its stages), as it said it."""

    id = serializers.IntegerField(help_text="Report number.")
    exchange = serializers.IntegerField(
        source="exchange_id", help_text="The record it supports: the exchange or one of its stages."
    )
    source = SourceRefSerializer(help_text="The article it comes from.")
    date = serializers.DateField(allow_null=True, help_text="The date the source gives.")
    date_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, help_text="How much of the date the source gives."
    )
    end_date = serializers.DateField(allow_null=True, help_text="The last day it gives.")
    kind = serializers.ChoiceField(choices=Kind.choices, help_text="What it says was handed over.")
    status = serializers.ChoiceField(
        choices=Status.choices, help_text="Agreed, in progress or done."
    )
    to_ukraine = serializers.IntegerField(allow_null=True, help_text="The source's own figure.")
    to_russia = serializers.IntegerField(allow_null=True, help_text="The source's own figure.")
    breakdown = serializers.JSONField(help_text="Its figures by group, if it gives them.")
    ordinal = serializers.IntegerField(allow_null=True, help_text="The running number it gives.")
    mediator_names = serializers.ListField(
        child=serializers.CharField(), help_text="Mediators the source names."
    )
    is_stage = serializers.BooleanField(help_text="The source describes one stage.")
    sentence = serializers.CharField(help_text="The sentence that states the event.")
    claimant = serializers.CharField(
        source="attributed_to", help_text="Who the source attributes the figures to."
    )
    figures = FigureSerializer(
        many=True, source="evidence", help_text="Each figure with its own sentence."
    )
    needs_review = serializers.BooleanField(help_text="The reading was unsure.")
    created_at = serializers.DateTimeField(help_text="When the source was read into the record.")


class StageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    stage_number = serializers.IntegerField(allow_null=True)
    date = serializers.DateField(allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    end_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices)
    to_ukraine = serializers.IntegerField(allow_null=True)
    to_russia = serializers.IntegerField(allow_null=True)
    breakdown = serializers.JSONField()


class ExchangeDetailSerializer(serializers.Serializer):
    """One record with every field, its stages and every report behind it."""

    id = serializers.IntegerField()
    date = serializers.DateField(allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    end_date = serializers.DateField(allow_null=True)
    kind = serializers.ChoiceField(choices=Kind.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    to_ukraine = serializers.IntegerField(allow_null=True)
    to_russia = serializers.IntegerField(allow_null=True)
    breakdown = serializers.JSONField()
    ordinal = serializers.IntegerField(allow_null=True)
    mediators = MediatorRefSerializer(many=True, source="mediators.all")
    parent = serializers.IntegerField(
        source="parent_id", allow_null=True, help_text="For a stage: its multi-day exchange."
    )
    stage_number = serializers.IntegerField(allow_null=True, help_text="For a stage: which day.")
    notes = serializers.CharField()
    needs_review = serializers.BooleanField()
    review_reason = serializers.CharField(help_text="Why the record waits for an editor.")
    has_conflict = serializers.BooleanField()
    verified = serializers.BooleanField()
    locked_fields = serializers.ListField(
        child=serializers.CharField(), help_text="Fields an editor set; no ingest changes them."
    )
    corrected_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField(help_text="When the record was made.")
    updated_at = serializers.DateTimeField(help_text="Last change of the record itself.")
    url = serializers.SerializerMethodField()
    stages = StageSerializer(
        many=True, source="loaded_stages", help_text="The days of a multi-day exchange."
    )
    reports = ReportSerializer(
        many=True, source="loaded_reports", help_text="Every source's report on it or its stages."
    )

    def get_url(self, obj) -> str:
        return _absolute(self.context.get("request"), obj.get_absolute_url())


class MediatorYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    exchanges = serializers.IntegerField()
    people = serializers.IntegerField(help_text="People (or bodies) handed over, both ways.")


class MediatorSerializer(serializers.ModelSerializer):
    exchanges = serializers.IntegerField(
        source="exchange_count",
        help_text="Carried-out, dated exchanges it mediated (a multi-day one once).",
    )
    to_ukraine = serializers.IntegerField(help_text="People (or bodies) to Ukraine in those.")
    to_russia = serializers.IntegerField(help_text="People (or bodies) to Russia in those.")
    years = MediatorYearSerializer(many=True, help_text="The same, per year.")
    url = serializers.SerializerMethodField(help_text="The mediator's page on this site.")

    class Meta:
        model = Mediator
        fields = ["slug", "name", "kind", "aliases", "exchanges", "to_ukraine", "to_russia"]
        fields += ["years", "url"]
        extra_kwargs = {
            "slug": {"help_text": "The mediator's identifier (the `mediator` filter)."},
            "name": {"help_text": "The mediator's name."},
            "kind": {"help_text": "state, international (organisation), religious or other."},
            "aliases": {"help_text": "Other names it is recognised by in articles."},
        }

    def get_url(self, obj) -> str:
        return _absolute(self.context.get("request"), obj.get_absolute_url())


class SourceSerializer(serializers.ModelSerializer):
    report_count = serializers.IntegerField(help_text="Exchanges (or stages) it reports.")
    duplicate_of = serializers.IntegerField(
        source="duplicate_of_id", allow_null=True, help_text="The source it is a copy of."
    )
    page = serializers.SerializerMethodField(help_text="The source's page on this site.")

    class Meta:
        model = Source
        fields = ["id", "url", "outlet", "title", "published", "language", "status", "error"]
        fields += ["duplicate_of", "created_at", "report_count", "page"]
        extra_kwargs = {
            "id": {"help_text": "Source number."},
            "url": {"help_text": "The article's address, if it has one (pasted text has none)."},
            "outlet": {"help_text": "Who published it."},
            "title": {"help_text": "The article's title."},
            "published": {"help_text": "Publication date."},
            "language": {"help_text": "Language code (en, uk, ru)."},
            "status": {
                "help_text": "pending, processing, done, failed or irrelevant (no exchange)."
            },
            "error": {"help_text": "Why it failed, in words."},
            "created_at": {"help_text": "When it was received."},
        }

    def get_page(self, obj) -> str:
        return _absolute(self.context.get("request"), obj.get_absolute_url())


class TotalsRowSerializer(serializers.Serializer):
    date = serializers.DateField()
    people_to_ukraine = serializers.IntegerField(help_text="Running total through this date.")
    people_to_russia = serializers.IntegerField()
    bodies_to_ukraine = serializers.IntegerField()
    bodies_to_russia = serializers.IntegerField()


class HeadlineSerializer(serializers.Serializer):
    people_to_ukraine = serializers.IntegerField()
    people_to_russia = serializers.IntegerField()
    bodies_to_ukraine = serializers.IntegerField()
    bodies_to_russia = serializers.IntegerField()
    people_exchanges = serializers.IntegerField(help_text="Exchanges of people counted.")
    body_repatriations = serializers.IntegerField(help_text="Body repatriations counted.")
    first_date = serializers.DateField(allow_null=True, help_text="Date of the first one.")


class CheckpointSerializer(serializers.Serializer):
    """An official running figure (e.g. the Coordination HQ's "N returned so far")."""

    date = serializers.DateField()
    measure = serializers.ChoiceField(
        choices=Checkpoint.Measure.choices, help_text="What is counted."
    )
    value = serializers.IntegerField()
    at_least = serializers.BooleanField(help_text='"More than N": a lower bound.')
    year = serializers.IntegerField(allow_null=True, help_text="For a yearly figure.")
    mediator = serializers.CharField(allow_null=True, help_text="For a mediator's own count.")
    claimant = serializers.CharField(help_text="Who stated the figure.")
    source_url = serializers.URLField(allow_null=True)
    sentence = serializers.CharField(allow_blank=True, help_text="Where the source states it.")


class TotalsSerializer(serializers.Serializer):
    headline = HeadlineSerializer(help_text="The totals page's headline figures.")
    series = TotalsRowSerializer(many=True, help_text="Cumulative totals, date by date.")
    checkpoints = CheckpointSerializer(
        many=True, help_text="Official running figures to compare with."
    )
