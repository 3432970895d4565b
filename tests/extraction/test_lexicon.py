"""The lexicon files: each example matches its concept; no language lacks one silently."""

from __future__ import annotations

import json
import re

import pytest

from ingest.extraction import cues, lexicon

EXAMPLES = [
    pytest.param(language, concept, example, id=f"{language}-{concept}-{index}")
    for language in lexicon.LANGUAGES
    for concept, entry in lexicon.entries(language).items()
    for index, example in enumerate(entry.get("examples") or ())
]


@pytest.mark.parametrize(("language", "concept", "example"), EXAMPLES)
def test_example_matches_its_concept(language, concept, example):
    pattern = re.compile(lexicon.bounded(concept, languages=(language,)))
    assert pattern.search(cues.lowercase(example)), f"{concept} ({language}) misses {example!r}"


def test_every_entry_has_examples():
    bare = [
        f"{language}:{concept}"
        for language in lexicon.LANGUAGES
        for concept, entry in lexicon.entries(language).items()
        if not entry.get("examples")
    ]
    assert not bare, f"entries without examples: {bare}"


def test_every_lemma_is_in_simplemmas_dictionary():
    # A lemma simplemma does not know matches only itself: most likely a typo.
    unknown = [
        f"{language}:{concept}:{lemma}"
        for language in lexicon.LANGUAGES
        for concept, entry in lexicon.entries(language).items()
        for lemma in entry.get("lemmas") or ()
        if lexicon.forms(language, lemma) == {lemma}
    ]
    assert not unknown, f"lemmas simplemma's dictionary does not know: {unknown}"


def test_no_language_lacks_a_concept_silently():
    # A concept one language has and another lacks must say why, in the file that has it.
    missing = []
    for concept in sorted({c for lang in lexicon.LANGUAGES for c in lexicon.entries(lang)}):
        owners = [lang for lang in lexicon.LANGUAGES if concept in lexicon.entries(lang)]
        if any(lexicon.entries(lang)[concept].get("only_here") for lang in owners):
            continue
        missing += [f"{lang}:{concept}" for lang in lexicon.LANGUAGES if lang not in owners]
    assert not missing, f"concepts a language lacks, with no reason given: {missing}"


@pytest.mark.parametrize("language", [lang for lang in lexicon.LANGUAGES if lexicon.entries(lang)])
def test_generated_forms_are_current(language):
    # lexicon/forms/<lang>.json keeps what simplemma's dictionary says, so that no
    # process start reads the dictionary; after editing lemmas, regenerate it with
    # `.venv/bin/python -m ingest.extraction.lexicon`.
    path = lexicon.LEXICON_DIR / "forms" / f"{language}.json"
    wanted = lexicon.inflections_from_simplemma(language)
    if not wanted:
        return
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored == wanted, f"{path.name} is stale: run python -m ingest.extraction.lexicon"
