"""A short mutation check: break a rule on purpose, and see whether a test fails.

Each mutant below is one deliberate breakage of matching (`ingest/matching.py`,
and the candidates it weighs, `ingest/candidates.py`), creating what matching
placed (`ingest/reconcile.py`), recompute (`exchanges/recompute.py`), scoring
(`ingest/scoring.py`) or merging and splitting (`exchanges/services.py`). The
script copies the project to a temporary folder, applies one mutant at a time
there (never to the working tree), runs the tests that guard those rules, and
reports which mutants the tests caught and the catch rate.

    .venv/bin/python tools/mutation_check.py            # every mutant
    .venv/bin/python tools/mutation_check.py -k match   # those whose name has "match"
    .venv/bin/python tools/mutation_check.py --list     # the mutants, without running
    .venv/bin/python tools/mutation_check.py --tests-at 4ad884d   # only test files that
                                                  # existed then: the catch rate before


It runs on SQLite and takes a few minutes: each mutant runs the test files of
its module (`TESTS`) and stops at the first failure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The tests that guard each module's rules (a mutant runs those of its module).
# Slow end-to-end files (the curated history then the sample corpus) are left to
# the full suite: this check is meant to take minutes.
MATCHING_TESTS = [
    "tests/ingest/test_matching.py",
    "tests/ingest/test_candidates.py",
    "tests/ingest/test_placement.py",
    "tests/ingest/test_reconcile.py",
]
TESTS = {
    "ingest/matching.py": MATCHING_TESTS,
    "ingest/candidates.py": MATCHING_TESTS,
    "ingest/reconcile.py": MATCHING_TESTS,
    "exchanges/recompute.py": ["tests/ingest/test_recompute.py", "tests/ingest/test_reconcile.py"],
    "ingest/scoring.py": ["tests/ingest/test_scoring.py"],
    "exchanges/services.py": [
        "tests/exchanges/test_services.py",
        "tests/editors/test_merge.py",
        "tests/editors/test_split.py",
        "tests/editors/test_report_move.py",
    ],
}


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    old: str
    new: str


MUTANTS = [
    # --- matching: which exchange a report is about
    Mutant(
        "match: a different kind is no longer a veto",
        "ingest/matching.py",
        "    if report.kind != exchange.kind:\n        return None\n    same_source",
        "    same_source",
    ),
    Mutant(
        "match: two different ordinals no longer veto",
        "ingest/matching.py",
        "    if ordinals_differ(report, exchange):\n        return None\n    if same_ordinal:",
        "    if same_ordinal:",
    ),
    Mutant(
        "match: a day's tolerance becomes none",
        "ingest/candidates.py",
        'DATE_TOLERANCE_DAYS = {"day": 1,',
        'DATE_TOLERANCE_DAYS = {"day": 0,',
    ),
    Mutant(
        "match: the same figures no longer widen the date tolerance",
        "ingest/matching.py",
        "tolerance = max(tolerance, 7)",
        "tolerance = max(tolerance, 0)",
    ),
    Mutant(
        "match: a month-precise date may match another month",
        "ingest/matching.py",
        "if by_month and not same_month and not same_ordinal:",
        "if False:",
    ),
    Mutant(
        "match: dates far apart still match",
        "ingest/matching.py",
        "        if distance > tolerance:\n            return None",
        "        if distance > tolerance + 60:\n            return None",
    ),
    Mutant(
        "match: figures that all differ still match",
        "ingest/matching.py",
        "if equal == 0 and not (exact_day or same_ordinal):",
        "if False:",
    ),
    Mutant(
        "match: one article's two events may merge",
        "ingest/matching.py",
        "if same_source and not (exact_day and known and equal == len(known)):",
        "if False:",
    ),
    Mutant(
        "match: equal figures no longer add to the score",
        "ingest/matching.py",
        "score += 2 * equal",
        "score += 0 * equal",
    ),
    Mutant(
        "match: a different mediator raises the score",
        "ingest/matching.py",
        "score += 0.5 if names & theirs else -1",
        "score += 0.5 if names & theirs else 1",
    ),
    Mutant(
        "match: another ordinal sources gave no longer agrees",
        "ingest/matching.py",
        "return report.ordinal == exchange.ordinal or report.ordinal in exchange.other_ordinals",
        "return report.ordinal == exchange.ordinal",
    ),
    Mutant(
        "match: an undated report matches without a shared ordinal",
        "ingest/matching.py",
        "        elif not same_ordinal:\n            return None\n        score += 0.5",
        "        score += 0.5",
    ),
    # --- candidates: the records matching weighs, and what it knows of them
    Mutant(
        "candidates: no record is known to be the source's own",
        "ingest/candidates.py",
        "Candidate(row, from_this_source=row.pk in supported,",
        "Candidate(row, from_this_source=False,",
    ),
    Mutant(
        "candidates: a dated report is offered no undated agreement",
        "ingest/candidates.py",
        'OR (date <= %s AND end_date >= %s) OR date IS NULL)"',
        'OR (date <= %s AND end_date >= %s))"',
    ),
    Mutant(
        "candidates: a candidate's mediators are not loaded with it",
        "ingest/candidates.py",
        "            candidate.known_mediator_names.add(name)",
        "            pass",
    ),
    Mutant(
        "candidates: a stage is offered as a candidate of its own",
        "ingest/candidates.py",
        "for exchange in by_date if exchange.parent_id is None]",
        "for exchange in by_date]",
    ),
    Mutant(
        "candidates: the reports' facts take the smallest figure",
        "ingest/candidates.py",
        'to_ukraine=Max("to_ukraine"),',
        'to_ukraine=Min("to_ukraine"),',
    ),
    Mutant(
        "candidates: oldest first",
        "ingest/candidates.py",
        "key=lambda e: (e.date is None, -(e.date.toordinal() if e.date else 0), -e.pk),",
        "key=lambda e: (e.date is None, (e.date.toordinal() if e.date else 0), e.pk),",
    ),
    # --- placing: where a report goes, and creating what is new
    Mutant(
        "place: a new stage takes the last stage's number",
        "ingest/matching.py",
        "number = max((s.stage_number or 0 for s in parent.stages), default=0) + 1",
        "number = max((s.stage_number or 0 for s in parent.stages), default=0)",
    ),
    Mutant(
        "place: a report restating a stage makes another stage",
        "ingest/matching.py",
        "            return Placement(existing=candidate)",
        "            pass",
    ),
    Mutant(
        "create: a new multi-day exchange takes the stage's status",
        "ingest/reconcile.py",
        "parent = exchange_create_from(report, status=Status.IN_PROGRESS, counts=False)",
        "parent = exchange_create_from(report, counts=False)",
    ),
    Mutant(
        "create: a new multi-day exchange takes its first stage's figures",
        "ingest/reconcile.py",
        "parent = exchange_create_from(report, status=Status.IN_PROGRESS, counts=False)",
        "parent = exchange_create_from(report, status=Status.IN_PROGRESS)",
    ),
    Mutant(
        "restate: a report with a new mediator skips recomputing",
        "ingest/reconcile.py",
        "and (not report.mediator_names or set(report.mediator_names) <= candidate.mediator_names)",
        "and True",
    ),
    # --- recompute: an exchange's values from its reports
    Mutant(
        "recompute: locked fields are written",
        "exchanges/recompute.py",
        "        if name in locked:",
        "        if False:",
    ),
    Mutant(
        "recompute: a locked record left without reports is deleted",
        "exchanges/recompute.py",
        "if not exchange.locked_fields and not exchange.verified:",
        "if not exchange.verified:",
    ),
    Mutant(
        "recompute: agreed reports count as carried out",
        "exchanges/recompute.py",
        "carried_out = [r for r in reports if r.status != Status.AGREED]",
        "carried_out = list(reports)",
    ),
    Mutant(
        "recompute: the least advanced status wins",
        "exchanges/recompute.py",
        'values["status"] = max(statuses, key=STATUS_ORDER.__getitem__)',
        'values["status"] = min(statuses, key=STATUS_ORDER.__getitem__)',
    ),
    Mutant(
        "recompute: a tie goes to the larger figure, not the receiving side's",
        "exchanges/recompute.py",
        "return own[0] if own else max(tied)",
        "return max(tied)",
    ),
    Mutant(
        "recompute: a multi-day exchange takes its largest stage, not the sum",
        "exchanges/recompute.py",
        "values[side] = sum(stage_counts)",
        "values[side] = max(stage_counts)",
    ),
    Mutant(
        "recompute: dates a week apart are no conflict",
        "exchanges/recompute.py",
        "far = {r.date for r in precise if abs((r.date - date).days) > 1}",
        "far = {r.date for r in precise if abs((r.date - date).days) > 10}",
    ),
    Mutant(
        "recompute: a doubtful record leaves the review queue by itself",
        "exchanges/recompute.py",
        "elif exchange.needs_review and not doubtful and not locked",
        "elif exchange.needs_review and not locked",
    ),
    Mutant(
        "recompute: a month-precise source contradicts a curated day",
        "exchanges/recompute.py",
        "            return (report.date.year, report.date.month) == (current.year, current.month)",
        "            return False",
    ),
    # --- scoring: extraction against an annotated corpus
    Mutant(
        "scoring: the kind is not compared",
        "ingest/scoring.py",
        '    if event["kind"] != report.kind:\n        return False\n    expected_date',
        "    expected_date",
    ),
    Mutant(
        "scoring: a week-precise date allows a day only",
        "ingest/scoring.py",
        'tolerance = 4 if precision == "week" else 1',
        "tolerance = 1",
    ),
    Mutant(
        "scoring: leaks are not counted",
        "ingest/scoring.py",
        "        if {report.to_ukraine, report.to_russia} & figures:",
        "        if False:",
    ),
    Mutant(
        "scoring: precision counts optional matches as wrong",
        "ingest/scoring.py",
        "good_found = sum(len(a.matched_expected) + len(a.matched_optional) for a in articles)",
        "good_found = sum(len(a.matched_expected) for a in articles)",
    ),
    # --- merging, splitting, moving
    Mutant(
        "merge: moved reports are not pinned",
        "exchanges/services.py",
        "Report.objects.filter(pk__in=moved).update(exchange=keep, pinned=True)",
        "Report.objects.filter(pk__in=moved).update(exchange=keep, pinned=False)",
    ),
    Mutant(
        "merge: a stage may absorb its own multi-day exchange",
        "exchanges/services.py",
        "    if above:\n        raise EditError(",
        "    if False:\n        raise EditError(",
    ),
    Mutant(
        "merge: a merged record's locked value is dropped without review",
        "exchanges/services.py",
        "    if reasons:\n        keep.needs_review = True",
        "    if False:\n        keep.needs_review = True",
    ),
    Mutant(
        "merge: hand-written notes of merged records are lost",
        "exchanges/services.py",
        'notes = [keep.notes] + [f"[from #{o.pk}] {o.notes}" for o in others if o.notes.strip()]',
        "notes = [keep.notes]",
    ),
    Mutant(
        "merge: stages keep their old numbers",
        "exchanges/services.py",
        "        stage.stage_number = next_number\n",
        "",
    ),
    Mutant(
        "split: the split-off report is not pinned",
        "exchanges/services.py",
        '    report.pinned = True\n    report.save(update_fields=["exchange", "pinned"])\n\n',
        '    report.save(update_fields=["exchange"])\n\n',
    ),
    Mutant(
        "move: the moved report is not pinned",
        "exchanges/services.py",
        '    report.pinned = True\n    report.save(update_fields=["exchange", "pinned"])\n    why',
        '    report.save(update_fields=["exchange"])\n    why',
    ),
    Mutant(
        "split: the original record's differing fields are not locked",
        "exchanges/services.py",
        "    exchange_lock(original, differing, when=now)\n",
        "",
    ),
    Mutant(
        "split: the only report may be split off",
        "exchanges/services.py",
        "if not original.reports.exclude(pk=report.pk).exists() and not original.stages.exists():",
        "if False:",
    ),
]


def copy_project(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.sqlite3")
    for entry in ROOT.iterdir():
        if entry.name in {".venv", ".git", "data"}:
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, ignore=ignore)
        else:
            shutil.copy2(entry, target / entry.name)
    # The shared seed corpus some tests read sits beside the project.
    shared = ROOT.parent / "shared"
    if shared.exists():
        (target.parent / "shared").symlink_to(shared)


def run_tests(workdir: Path, tests: list[str]) -> tuple[int, float, str]:
    env = {**os.environ, "DATABASE_URL": "", "REQUIRE_SERVICES": ""}
    started = time.monotonic()
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    # Our own interpreter on our own test paths.
    result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True)  # noqa: S603
    return result.returncode, time.monotonic() - started, result.stdout[-3000:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", default="", help="only mutants whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument(
        "--tests-at", default="", help="only run test files that existed at this commit"
    )
    args = parser.parse_args()
    mutants = [m for m in MUTANTS if args.k in m.name]
    for mutant in mutants:
        count = (ROOT / mutant.path).read_text().count(mutant.old)
        if count != 1:
            print(f"mutant does not apply ({count} matches): {mutant.name}", file=sys.stderr)
            return 2
    if args.list:
        for mutant in mutants:
            print(f"{mutant.path}: {mutant.name}")
        return 0

    def existed(path: str) -> bool:
        if not (ROOT / path).exists():
            return False
        if not args.tests_at:
            return True
        command = ["git", "cat-file", "-e", f"{args.tests_at}:{path}"]
        return subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0  # noqa: S603

    tests = {module: [t for t in files if existed(t)] for module, files in TESTS.items()}
    for module, files in tests.items():
        print(f"{module}: {' '.join(files) or '(no test file)'}")
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        workdir = Path(tmp) / "project"
        workdir.mkdir()
        copy_project(workdir)
        every = sorted({t for files in tests.values() for t in files})
        code, seconds, output = run_tests(workdir, every)
        if code != 0:
            print(output, "\nthe tests fail without any mutant; fix them first", file=sys.stderr)
            return 2
        print(f"unmutated: green in {seconds:.0f} s")
        caught = []
        for mutant in mutants:
            path = workdir / mutant.path
            original = path.read_text()
            path.write_text(original.replace(mutant.old, mutant.new, 1))
            try:
                if tests[mutant.path]:
                    code, seconds, _output = run_tests(workdir, tests[mutant.path])
                else:
                    code, seconds = 0, 0.0
            finally:
                path.write_text(original)
            killed = code != 0
            caught.append(killed)
            verdict = "caught  " if killed else "SURVIVED"
            print(f"{verdict} {seconds:5.0f} s  {mutant.name}", flush=True)
    rate = sum(caught) / len(caught) if caught else 1.0
    print(f"catch rate: {sum(caught)}/{len(caught)} = {rate:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
