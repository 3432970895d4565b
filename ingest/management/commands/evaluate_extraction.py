"""python manage.py evaluate_extraction CORPUS_DIR [--min-f1 X]

Ingests an annotated corpus (see ../shared/corpus/README.md) into an empty
throwaway database through the real pipeline, prints a per-article table and
the corpus figures, and ends with one line:
`precision P recall R f1 F leaks L duplicates D wrong_merges W`, after the same
figures per language and the precision of the reports that would be published
without review (and the share of reports sent to review instead).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchanges.models import Exchange, Report
from ingest.pipeline import ingest_source
from ingest.scoring import (
    Case,
    CorpusScore,
    FoundReport,
    load_corpus,
    score_by_language,
    score_corpus,
)
from ingest.sources import source_create_from_file
from ingest.throwaway_db import throwaway_database


class Command(BaseCommand):
    help = "Score extraction and reconciliation against an annotated corpus folder."

    def add_arguments(self, parser):
        parser.add_argument("corpus_dir", type=Path)
        parser.add_argument("--min-f1", type=float, default=None, help="Fail below this F1.")
        for name in ("leaks", "duplicates", "wrong-merges"):
            parser.add_argument(f"--max-{name}", type=int, default=None, help="Fail above this.")
        parser.add_argument(
            "--min-published-precision",
            type=float,
            default=None,
            help="Fail when fewer of the reports published without review are right.",
        )
        parser.add_argument(
            "--max-review-share",
            type=float,
            default=None,
            help="Fail when a larger share of reports is sent to review.",
        )
        parser.add_argument("--quiet", action="store_true", help="Only the corpus figures.")
        parser.add_argument(
            "--records", action="store_true", help="Also list every record and its reports."
        )

    def handle(self, corpus_dir: Path, min_f1=None, quiet=False, records=False, **options):
        if not (corpus_dir / "cases.json").is_file():
            raise CommandError(f"{corpus_dir}: no cases.json here.")
        try:
            cases = load_corpus(corpus_dir)
        except (ValueError, KeyError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc

        with throwaway_database():
            source_ids = {case.id: ingest_case(case) for case in cases}
            # Read after the whole corpus is in: later articles may move reports.
            found = {case_id: found_reports(pk) for case_id, pk in source_ids.items()}
            score = score_corpus(cases, found)
            by_language = score_by_language(cases, found)
            if records:
                self.print_records({pk: case_id for case_id, pk in source_ids.items()})
        self.print_score(score, quiet=quiet)
        if len(by_language) > 1:
            for language, language_score in by_language.items():
                self.stdout.write(f"{language}: {language_score.summary_line()}")
                self.stdout.write(f"{language}: {language_score.review_line()}")
        self.stdout.write(score.review_line())
        self.stdout.write(score.summary_line())
        failures = []
        min_published = options.get("min_published_precision")
        if min_published is not None and score.published_precision + 1e-9 < min_published:
            failures.append(
                f"published precision {score.published_precision:.2f} is below {min_published:.2f}"
            )
        max_review = options.get("max_review_share")
        if max_review is not None and score.review_share > max_review + 1e-9:
            failures.append(f"review share {score.review_share:.2f} is above {max_review:.2f}")
        if min_f1 is not None and score.f1 + 1e-9 < min_f1:
            failures.append(f"F1 {score.f1:.2f} is below the required {min_f1:.2f}")
        for name in ("leaks", "duplicates", "wrong_merges"):
            limit = options.get(f"max_{name}")
            if limit is not None and getattr(score, name) > limit:
                failures.append(f"{name} {getattr(score, name)} is above {limit}")
        if failures:
            raise CommandError("; ".join(failures) + ".")

    def print_records(self, case_by_source: dict[int, str]) -> None:
        for exchange in Exchange.objects.order_by("date", "pk").prefetch_related("reports"):
            parent = (
                f" stage {exchange.stage_number} of #{exchange.parent_id}"
                if exchange.parent_id
                else ""
            )
            self.stdout.write(
                f"#{exchange.pk}{parent} {exchange.kind} {exchange.date} {exchange.status} "
                f"{exchange.to_ukraine}/{exchange.to_russia} ordinal {exchange.ordinal}"
            )
            for r in exchange.reports.all():
                self.stdout.write(
                    f"    {case_by_source.get(r.source_id, r.source_id)}: {r.status} {r.date} "
                    f"{r.to_ukraine}/{r.to_russia} stage={r.is_stage} ordinal {r.ordinal}"
                )

    def print_score(self, score: CorpusScore, *, quiet: bool) -> None:
        write = self.stdout.write
        if not quiet:
            write(f"{'article':<44} {'expected':>8} {'found':>6} {'missing':>7} {'extra':>6}")
            for article in score.articles:
                write(
                    f"{article.case_id[:44]:<44} {article.expected:>8} {article.found:>6} "
                    f"{len(article.missing):>7} {len(article.extra):>6}"
                )
                for event in article.missing:
                    write(
                        f"    missing: {event['kind']} {event.get('date')} "
                        f"{event.get('to_ukraine')}/{event.get('to_russia')} ({event['key']})"
                    )
                for report in article.extra:
                    leak = " LEAK" if report in article.leaks else ""
                    held = " (review)" if report.needs_review else ""
                    write(
                        f"    extra:   {report.kind} {report.date} "
                        f"{report.to_ukraine}/{report.to_russia}{leak}{held}"
                    )
        write(
            f"status {score.status_accuracy:.2f} mediators {score.mediator_accuracy:.2f} "
            f"ordinal {score.ordinal_accuracy:.2f} (shares of matched events)"
        )
        write(f"keys {score.keys} records {score.records}")
        for key, records in sorted(score.duplicate_keys.items()):
            write(f"    duplicate: {key} is in records {sorted(records)}")
        for record, keys in sorted(score.merged_keys.items()):
            write(f"    wrong merge: record {record} holds {sorted(keys)}")


def ingest_case(case: Case) -> int:
    source, _ = source_create_from_file(
        case.path, published=case.published, url=case.url, language=case.language
    )
    ingest_source(source.pk, run_label=f"evaluate_extraction {case.id}")
    source.refresh_from_db(fields=["duplicate_of"])
    # A copy of an earlier article's text is scored by what that article yielded.
    return source.duplicate_of_id or source.pk


def found_reports(source_id: int) -> list[FoundReport]:
    """A source's reports, each with the top-level record it ended up in."""
    reports = Report.objects.filter(source_id=source_id).select_related("exchange")
    return [
        FoundReport(
            kind=r.kind,
            date=r.date,
            to_ukraine=r.to_ukraine,
            to_russia=r.to_russia,
            status=r.status,
            mediators=frozenset(r.mediator_names),
            ordinal=r.ordinal,
            record_id=(r.exchange.parent_id or r.exchange.pk) if r.exchange else None,
            needs_review=r.needs_review,
        )
        for r in reports
    ]
