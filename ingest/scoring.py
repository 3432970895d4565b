"""Scoring extraction against an annotated corpus (the rules in the corpus README).

Pure functions over plain values: a `Case` is one annotated article, a
`FoundReport` one report the pipeline extracted from it. Matching is one to
one; a report matches an event when the kind is the same, the date agrees
within the event's precision, and every count the event gives is equal.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from exchanges.choices import Status

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass
class Case:
    id: str
    path: Path
    url: str | None
    published: dt.date | None
    language: str
    expected: list[dict]
    optional: list[dict]
    non_events: list[dict]


@dataclass
class FoundReport:
    kind: str
    date: dt.date | None
    to_ukraine: int | None
    to_russia: int | None
    status: str = ""
    mediators: frozenset[str] = frozenset()
    ordinal: int | None = None
    record_id: int | None = None  # the top-level exchange the report ended up in
    needs_review: bool = False  # held for an editor instead of published


@dataclass
class ArticleScore:
    case_id: str
    expected: int
    found: int
    matched_expected: list[tuple[dict, FoundReport]] = field(default_factory=list)
    matched_optional: list[tuple[dict, FoundReport]] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)
    extra: list[FoundReport] = field(default_factory=list)
    leaks: list[FoundReport] = field(default_factory=list)


@dataclass
class CorpusScore:
    articles: list[ArticleScore]
    precision: float
    recall: float
    f1: float
    status_accuracy: float
    mediator_accuracy: float
    ordinal_accuracy: float
    leaks: int
    keys: int
    records: int
    duplicates: int
    wrong_merges: int
    # key → the records it ended up in, for keys in more than one record
    # Of the reports published without review, the share that match an event; and the
    # share of all reports sent to review (abstaining rather than guessing).
    published_precision: float = 1.0
    published: int = 0
    review_share: float = 0.0
    duplicate_keys: dict[str, set[int]] = field(default_factory=dict)
    # record → the keys merged into it, for records holding more than one key
    merged_keys: dict[int, set[str]] = field(default_factory=dict)

    def summary_line(self) -> str:
        return (
            f"precision {self.precision:.2f} recall {self.recall:.2f} f1 {self.f1:.2f} "
            f"leaks {self.leaks} duplicates {self.duplicates} wrong_merges {self.wrong_merges}"
        )

    def review_line(self) -> str:
        return (
            f"published_precision {self.published_precision:.2f} "
            f"(of {self.published} reports published without review) "
            f"review_share {self.review_share:.2f}"
        )


def load_corpus(folder: Path) -> list[Case]:
    cases = json.loads((folder / "cases.json").read_text("utf-8"))
    loaded = []
    for case in cases:
        path = next(
            (
                folder / f"{case['id']}{suffix}"
                for suffix in ARTICLE_SUFFIXES
                if (folder / f"{case['id']}{suffix}").is_file()
            ),
            None,
        )
        if path is None:
            raise FileNotFoundError(f"{folder}: no article file for case {case['id']!r}")
        published = case.get("published")
        loaded.append(
            Case(
                id=case["id"],
                path=path,
                url=case.get("url") or None,
                published=dt.date.fromisoformat(published) if published else None,
                language=case.get("language") or "",
                expected=case.get("expected", []),
                optional=case.get("optional", []),
                non_events=case.get("non_events", []),
            )
        )
    return loaded


def event_date(event: dict) -> dt.date | None:
    return dt.date.fromisoformat(event["date"]) if event.get("date") else None


def report_matches(event: dict, report: FoundReport) -> bool:
    if event["kind"] != report.kind:
        return False
    expected_date = event_date(event)
    if expected_date is None:
        if report.date is not None:
            return False
    else:
        if report.date is None:
            return False
        precision = event.get("date_precision", "day")
        if precision == "month":
            if (report.date.year, report.date.month) != (expected_date.year, expected_date.month):
                return False
        else:
            tolerance = 4 if precision == "week" else 1
            if abs((report.date - expected_date).days) > tolerance:
                return False
    return all(
        event.get(side) is None or event.get(side) == getattr(report, side)
        for side in ("to_ukraine", "to_russia")
    )


def match_one_to_one(events: list[dict], reports: list[FoundReport], taken: set[int]) -> dict:
    """Maximum bipartite matching (events → report indexes), skipping `taken` reports."""
    assignment: dict[int, int] = {}  # report index → event index

    def try_assign(event_index: int, seen: set[int]) -> bool:
        for report_index, report in enumerate(reports):
            if report_index in taken or report_index in seen:
                continue
            if not report_matches(events[event_index], report):
                continue
            seen.add(report_index)
            if report_index not in assignment or try_assign(assignment[report_index], seen):
                assignment[report_index] = event_index
                return True
        return False

    for event_index in range(len(events)):
        try_assign(event_index, set())
    return {event_index: report_index for report_index, event_index in assignment.items()}


def score_article(case: Case, reports: list[FoundReport]) -> ArticleScore:
    score = ArticleScore(case.id, expected=len(case.expected), found=len(reports))
    expected_matches = match_one_to_one(case.expected, reports, taken=set())
    taken = set(expected_matches.values())
    optional_matches = match_one_to_one(case.optional, reports, taken=taken)
    taken |= set(optional_matches.values())
    for event_index, event in enumerate(case.expected):
        if event_index in expected_matches:
            score.matched_expected.append((event, reports[expected_matches[event_index]]))
        else:
            score.missing.append(event)
    for event_index, report_index in optional_matches.items():
        score.matched_optional.append((case.optional[event_index], reports[report_index]))
    score.extra = [r for i, r in enumerate(reports) if i not in taken]
    figures = {item["figure"] for item in case.non_events}
    for report in score.extra:
        if {report.to_ukraine, report.to_russia} & figures:
            score.leaks.append(report)
    return score


def score_corpus(cases: list[Case], found: dict[str, list[FoundReport]]) -> CorpusScore:
    articles = [score_article(case, found.get(case.id, [])) for case in cases]
    expected = sum(a.expected for a in articles)
    matched = [pair for a in articles for pair in a.matched_expected]
    total_found = sum(a.found for a in articles)
    good_found = sum(len(a.matched_expected) + len(a.matched_optional) for a in articles)
    recall = len(matched) / expected if expected else 1.0
    precision = good_found / total_found if total_found else (1.0 if not expected else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def share(ok) -> float:
        return (
            sum(1 for event, report in matched if ok(event, report)) / len(matched)
            if matched
            else 1.0
        )

    records_by_key: dict[str, set[int]] = {}
    keys_by_record: dict[int, set[str]] = {}
    for event, report in matched:
        if report.record_id is None:
            continue
        records_by_key.setdefault(event["key"], set()).add(report.record_id)
        keys_by_record.setdefault(report.record_id, set()).add(event["key"])
    all_keys = {event["key"] for case in cases for event in case.expected}
    good = [r for a in articles for _, r in a.matched_expected + a.matched_optional]
    bad = [r for a in articles for r in a.extra]
    published_good = sum(1 for r in good if not r.needs_review)
    published = published_good + sum(1 for r in bad if not r.needs_review)
    return CorpusScore(
        articles=articles,
        precision=precision,
        recall=recall,
        f1=f1,
        status_accuracy=share(lambda e, r: _status(e) == r.status),
        mediator_accuracy=share(lambda e, r: set(e.get("mediators") or []) == set(r.mediators)),
        ordinal_accuracy=share(lambda e, r: e.get("ordinal") == r.ordinal),
        leaks=sum(len(a.leaks) for a in articles),
        keys=len(all_keys),
        records=len(keys_by_record),
        duplicates=sum(len(records) - 1 for records in records_by_key.values()),
        wrong_merges=sum(len(keys) - 1 for keys in keys_by_record.values()),
        duplicate_keys={k: ids for k, ids in records_by_key.items() if len(ids) > 1},
        merged_keys={r: keys for r, keys in keys_by_record.items() if len(keys) > 1},
        published_precision=published_good / published if published else 1.0,
        published=published,
        review_share=(total_found - published) / total_found if total_found else 0.0,
    )


def score_by_language(
    cases: list[Case], found: dict[str, list[FoundReport]]
) -> dict[str, CorpusScore]:
    """The corpus figures for each language's articles alone."""
    languages = sorted({case.language for case in cases})
    return {
        language: score_corpus([c for c in cases if c.language == language], found)
        for language in languages
    }


def _status(event: dict) -> str:
    # The corpus format says `stage` means the same as `in_progress`.
    return Status.IN_PROGRESS if event.get("status") == "stage" else event.get("status", "")
