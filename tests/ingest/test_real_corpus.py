"""The real-text corpus: what is committed is ours, and none of it is reserved."""

import hashlib
import json
import subprocess

import pytest

from ingest.real_corpus import build_splits, cache_status, load_cases, split_of, text_digest
from tests.conftest import SHARED_DIR, need

EVENT_KINDS = {"pow_exchange", "body_repatriation", "civilian_return"}


@pytest.fixture(scope="module")
def cases():
    return load_cases()


def test_every_case_names_its_query_url_rank_and_checked_annotation(cases):
    assert len(cases) >= 200
    for case in cases:
        assert case["query"] and case["url"].startswith("http") and case["rank"] >= 1, case["id"]
        digest = hashlib.sha256(case["url"].encode()).hexdigest()[:10]
        assert case["id"] == f"{case['language']}-{digest}"
        assert case["annotated_by"] and case["checked_by"]
        assert case["checked_by"] != case["annotated_by"], case["id"]
        assert len(case["text_sha256"]) == 64
        for event in case["expected"] + case["optional"]:
            assert event["kind"] in EVENT_KINDS, case["id"]


def test_no_text_is_committed(cases):
    for case in cases:
        # Our own words only: notes and evidence are short paraphrases.
        assert "text" not in case and "excerpt" not in case
        assert len(case.get("notes") or "") < 600, case["id"]


def test_it_spans_the_three_languages_and_texts_with_nothing_to_extract(cases):
    by_language = {lang: sum(c["language"] == lang for c in cases) for lang in ("en", "uk", "ru")}
    assert by_language["en"] >= 70 and by_language["uk"] >= 55 and by_language["ru"] >= 55
    assert sum(not c["expected"] for c in cases) >= 20
    years = {e["date"][:4] for c in cases for e in c["expected"] if e.get("date")}
    assert {"2022", "2023", "2024", "2025", "2026"} <= years


def test_no_page_reserved_for_independent_evaluation_is_used(cases):
    checker = SHARED_DIR / "corpus" / "is-excluded"
    need(checker.is_file(), f"needs the reservation check at {checker}")
    urls = "\n".join(case["url"] for case in cases)
    result = subprocess.run(
        ["python3", str(checker)], input=urls, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "", f"reserved pages in the corpus: {result.stdout}"
    assert result.returncode == 0


def test_the_split_is_a_fixed_rule_of_the_url_that_holds_out_a_third(cases):
    held = [c for c in cases if split_of(c["url"]) == "held"]
    assert 0.25 < len(held) / len(cases) < 0.42
    assert split_of("https://example.org/a") == split_of("https://example.org/a")


def test_build_lays_out_only_the_cached_unchanged_texts(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    cases = []
    for n in range(6):
        url = f"https://example.org/{n}"
        text = f"Article {n}."
        cases.append(
            {
                "id": f"en-{n}",
                "url": url,
                "language": "en",
                "published": None,
                "text_sha256": text_digest(text),
                "expected": [],
                "optional": [],
                "non_events": [],
                "query": "q",
            }
        )
        if n < 4:
            (texts / f"en-{n}.txt").write_text(text if n else "edited", "utf-8")
    status = cache_status(cases, tmp_path)
    assert (len(status.present), status.missing, status.changed) == (3, ["en-4", "en-5"], ["en-0"])
    sizes = build_splits(cases, tmp_path)
    assert sum(sizes.values()) == 3
    for split in ("tune", "held"):
        laid_out = json.loads((tmp_path / split / "cases.json").read_text("utf-8"))
        assert all(split_of(c["url"]) == split for c in laid_out)
        assert all("query" not in c for c in laid_out)  # the scorer's fields only
        for case in laid_out:
            assert (tmp_path / split / f"{case['id']}.txt").is_file()
