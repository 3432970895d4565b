"""python manage.py train_confidence CORPUS_DIR... [--target-precision P] [--write]

Learns the extraction's confidence weights (ingest/extraction/confidence.py)
from annotated corpora: every event `extract_events` finds in an article is an
example, right when it matches an expected or optional event of that article
(the scoring rules of ../shared/corpus/README.md), wrong otherwise. A logistic
regression (scikit-learn, a development dependency) gives the weights; the
threshold is the lowest at which the events it would publish reach the target
precision. Prints the fit; `--write` stores it in confidence.json.

Train on the real corpus's `tune` split (and, if wanted, the development corpus
`tests/corpus` and the samples), never on `held` nor on the written corpora kept
out of tuning (holdout, fresh, blind, unseen_*): they are where the result is
measured.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.extraction import extract_events
from ingest.extraction.confidence import FEATURES, WEAK_EVIDENCE, WEIGHTS_FILE
from ingest.scoring import FoundReport, load_corpus, score_article

# The written corpora whose READMEs keep them out of tuning.
MEASURED_ONLY = re.compile(r"^corpus_(?:holdout|fresh|blind|unseen_\w+)$")


class Command(BaseCommand):
    help = "Learn the extraction's confidence weights from annotated corpora."

    def add_arguments(self, parser):
        parser.add_argument("corpus_dirs", nargs="+", type=Path)
        parser.add_argument("--target-precision", type=float, default=0.9)
        parser.add_argument("--write", action="store_true", help=f"Store in {WEIGHTS_FILE.name}.")

    def handle(self, corpus_dirs, target_precision, write, **options):
        try:
            from sklearn.linear_model import LogisticRegression
        except ImportError as exc:  # a production install has no scikit-learn
            raise CommandError("needs the development dependencies (scikit-learn)") from exc
        if any("held" in part for d in corpus_dirs for part in d.parts):
            raise CommandError("never train on the held split: it is where the result is measured")
        kept_out = [d for d in corpus_dirs if MEASURED_ONLY.search(d.resolve().name)]
        if kept_out:
            raise CommandError(
                f"never train on {', '.join(map(str, kept_out))}: written to measure, not to tune"
            )

        rows, labels, flagged = examples(corpus_dirs)
        if len(set(labels)) < 2:
            raise CommandError("need both right and wrong events to learn from")
        model = LogisticRegression(C=1.0, max_iter=1000)
        model.fit([[row[name] for name in FEATURES] for row in rows], labels)
        probabilities = model.predict_proba([[row[name] for name in FEATURES] for row in rows])[
            :, 1
        ]
        cut = choose_threshold(list(probabilities), labels, flagged, target_precision)
        coefficients = zip(FEATURES, model.coef_[0], strict=True)
        weights = {name: round(float(w), 4) for name, w in coefficients}
        fitted = {
            "intercept": round(float(model.intercept_[0]), 4),
            "weights": weights,
            "threshold": round(cut, 3),
            "trained_on": [str(d) for d in corpus_dirs],
            "examples": len(rows),
        }
        published = [
            label
            for p, label, held in zip(probabilities, labels, flagged, strict=True)
            if p >= cut and not held
        ]
        self.stdout.write(
            f"{len(rows)} events ({sum(labels)} right); threshold {cut:.3f}: "
            f"{len(published)} published, precision "
            f"{(sum(published) / len(published)) if published else 1:.2f}, "
            f"review share {1 - len(published) / len(rows):.2f}"
        )
        for name, weight in sorted(weights.items(), key=lambda item: -abs(item[1])):
            self.stdout.write(f"  {name:<30} {weight:+.3f}")
        if write:
            WEIGHTS_FILE.write_text(json.dumps(fitted, indent=1) + "\n", "utf-8")
            self.stdout.write(f"written to {WEIGHTS_FILE}")


def examples(corpus_dirs: list[Path]) -> tuple[list[dict], list[int], list[bool]]:
    """(features, right or wrong, already sent to review by a hard rule) per extracted event."""
    rows, labels, flagged = [], [], []
    for folder in corpus_dirs:
        for case in load_corpus(folder):
            events = extract_events(
                case.path.read_text("utf-8"), published=case.published, language=case.language
            )
            reports = [
                FoundReport(e.kind, e.date, e.to_ukraine, e.to_russia, e.status) for e in events
            ]
            score = score_article(case, reports)
            right = {id(r) for _, r in score.matched_expected + score.matched_optional}
            for event, report in zip(events, reports, strict=True):
                rows.append(event.features)
                labels.append(int(id(report) in right))
                flagged.append(
                    event.needs_review and not event.review_reason.startswith(WEAK_EVIDENCE)
                )
    return rows, labels, flagged


def choose_threshold(
    probabilities: list[float], labels: list[int], flagged: list[bool], target: float
) -> float:
    """The lowest cut at which what would be published reaches `target` precision."""
    candidates = sorted({round(p, 3) for p in probabilities})
    for cut in candidates:
        published = [
            label
            for p, label, held in zip(probabilities, labels, flagged, strict=True)
            if p >= cut and not held
        ]
        if published and sum(published) / len(published) >= target:
            return cut
    return candidates[-1] if candidates else 0.5
