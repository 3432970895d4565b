"""The five seed articles must score precision 1.00 and recall 1.00 with no leaks."""

from pathlib import Path

import pytest

from ingest.extraction import extract_events
from ingest.scoring import FoundReport, load_corpus, score_article

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


@pytest.mark.skipif(not (SEEDS / "cases.json").is_file(), reason=f"no seed corpus at {SEEDS}")
def test_it_scores_every_seed_article_perfectly():
    for case in load_corpus(SEEDS):
        text = case.path.read_text("utf-8")
        found = extract_events(text, published=case.published, language=case.language)
        reports = [FoundReport(e.kind, e.date, e.to_ukraine, e.to_russia, e.status) for e in found]
        score = score_article(case, reports)
        assert not score.missing, (case.id, score.missing)
        assert not score.extra, (case.id, score.extra)
        assert not score.leaks, (case.id, score.leaks)
