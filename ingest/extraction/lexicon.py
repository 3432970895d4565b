"""The extraction's vocabulary, read once from one data file per language.

`lexicon/<lang>.yaml` keys the words by concept (`exchange_noun`,
`each_side`, `body_noun`, …), the way dateparser keeps
`date_translation_data/<lang>.yaml`. An entry has:

- `words`: spelled-out words or phrases (a space matches any run of
  whitespace, an apostrophe matches ', ’ or ʼ, ё matches е too); inside a
  phrase, `~lemma` stands for every form of that lemma ("~міністерство
  оборони рф");
- `lemmas`: Ukrainian or Russian dictionary forms; every inflected form that
  simplemma's dictionary maps to one of them matches (so one entry covers
  "обмін", "обміну", "обмінів", … without listing them or writing `обмін\\w*`);
- `except`: forms of those lemmas that do not mean the concept (an
  infinitive or future that names a plan, say), with the reason in a comment;
- `examples`: phrases the concept must match (tests/extraction/test_lexicon.py
  walks them all);
- `only_here` (optional): why the other languages have no such entry.

The forms of each lemma are gathered from simplemma's own dictionary when a
cue is first built, and compiled into the cue's pattern with the spelled-out
words. Matching a sentence therefore lemmatises nothing: it costs what the old
hand-written alternations cost, and loading happens once per process (the
worker builds the cues before it forks).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import yaml

LANGUAGES = ("en", "uk", "ru")
LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
_KEYS = {"words", "lemmas", "except", "examples", "only_here", "note"}


@functools.cache
def entries(language: str) -> dict[str, dict]:
    """The concepts of one language's file, each with its words, lemmas and examples."""
    with open(LEXICON_DIR / f"{language}.yaml", encoding="utf-8") as handle:
        # The C safe loader when PyYAML has it: the pure-Python one takes 0.2 s.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(handle, Loader=loader) or {}  # noqa: S506 - a safe loader
    for concept, entry in data.items():
        unknown = set(entry) - _KEYS
        if unknown:
            raise ValueError(f"{language}.yaml: {concept} has unknown keys {sorted(unknown)}")
        if not entry.get("words") and not entry.get("lemmas"):
            raise ValueError(f"{language}.yaml: {concept} has neither words nor lemmas")
    return data


def _wanted_lemmas(language: str) -> set[str]:
    wanted = set()
    for entry in entries(language).values():
        wanted.update(entry.get("lemmas") or ())
        for phrase in entry.get("words") or ():
            wanted.update(word[1:] for word in str(phrase).split() if word.startswith("~"))
    return wanted


def _expand(language: str, phrase: str) -> set[str]:
    """A phrase with every `~lemma` in it replaced by each form of the lemma."""
    found = {""}
    for word in phrase.split():
        options = forms(language, word[1:]) if word.startswith("~") else {word}
        found = {f"{start} {option}".strip() for start in found for option in options}
    return found


def inflections_from_simplemma(language: str) -> dict[str, list[str]]:
    """Every form simplemma's dictionary maps to one of the file's lemmas, by lemma.

    Reading simplemma's Ukrainian and Russian dictionaries takes seconds, too
    long for every process start, so the result is kept in `lexicon/forms/`
    (regenerate it with `python -m ingest.extraction.lexicon`; a test fails
    when it is stale).
    """
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    wanted = {lemma.encode() for lemma in _wanted_lemmas(language)}
    found: dict[str, set[str]] = {lemma.decode(): set() for lemma in wanted}
    # A factory of our own, dropped afterwards: the dictionary is not kept in memory.
    dictionary = DefaultDictionaryFactory().get_dictionary(language)
    for form, lemma in dictionary._dict.items():  # bytes -> bytes, as the wheel ships it
        if lemma in wanted:
            found[lemma.decode()].add(form.decode())
    for lemma, forms in found.items():
        if not forms and lemma.endswith("ся"):
            forms.update(_reflexive_forms(language, lemma, dictionary))
    return {lemma: sorted(forms | {lemma}) for lemma, forms in sorted(found.items())}


def _reflexive_forms(language: str, lemma: str, dictionary) -> set[str]:
    """Forms of a reflexive verb the dictionary lacks ("обмінялися" of "обмінятися").

    simplemma reads these by rule, from the plain verb's forms with -ся/-сь; the
    candidates are built the same way and kept when simplemma reads them as `lemma`.
    """
    import simplemma

    base = lemma[:-2].encode()
    stems = {form.decode() for form, found in dictionary._dict.items() if found == base}
    candidates = {stem + ending for stem in stems for ending in ("ся", "сь")}
    return {form for form in candidates if simplemma.lemmatize(form, lang=language) == lemma}


def _forms_file(language: str) -> Path:
    return LEXICON_DIR / "forms" / f"{language}.json"


@functools.cache
def _inflections(language: str) -> dict[str, frozenset[str]]:
    """The forms of every lemma of `language`, from the generated file when it is current."""
    wanted = _wanted_lemmas(language)
    if not wanted:
        return {}
    try:
        with open(_forms_file(language), encoding="utf-8") as handle:
            stored = json.load(handle)
    except FileNotFoundError:
        stored = {}
    if not wanted <= set(stored):
        # A lemma added without regenerating the file: slower, but still right.
        stored = inflections_from_simplemma(language)
    return {lemma: frozenset(stored[lemma]) for lemma in wanted}


def write_forms() -> None:
    """Regenerate `lexicon/forms/<lang>.json` from simplemma's dictionaries."""
    _forms_file("en").parent.mkdir(exist_ok=True)
    for language in LANGUAGES:
        if _wanted_lemmas(language):
            found = inflections_from_simplemma(language)
            lines = [
                f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                for k, v in found.items()
            ]
            text = "{\n" + ",\n".join(lines) + "\n}\n"
            _forms_file(language).write_text(text, encoding="utf-8")


def forms(language: str, lemma: str) -> frozenset[str]:
    """The lemma and the inflected forms simplemma's dictionary maps to it."""
    return _inflections(language).get(lemma, frozenset()) | {lemma}


def phrases(concept: str, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """Every word, phrase and inflected form of `concept` in `languages`, lower case."""
    found: set[str] = set()
    for language in languages:
        entry = entries(language).get(concept)
        if entry is None:
            continue
        for phrase in entry.get("words") or ():
            found.update(_expand(language, str(phrase).lower()))
        excluded = {str(form).lower() for form in entry.get("except") or ()}
        for lemma in entry.get("lemmas") or ():
            found.update(form.lower() for form in forms(language, lemma) - excluded)
    if not found:
        raise KeyError(f"no language has the concept {concept!r}")
    return sorted(found)


def _unit(char: str) -> str:
    if char == " ":
        return r"\s+"
    if char in "'’ʼ":
        return "['’ʼ]"
    if char == "ё":
        return "[её]"  # Russian text mostly writes ё as е
    return re.escape(char)


def _trie_pattern(words: list[str]) -> str:
    """One alternation of `words`, factored by common prefixes (fast on long lists)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in re.sub(r"\s+", " ", word.strip()):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [_unit(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # Greedy: the longest phrase wins, as a longest-first alternation would.
            return f"(?:{body})?"
        return body

    return build(trie)


def words(*concepts: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """A pattern (no boundaries) for any word of `concepts`, to embed in a larger pattern."""
    found = sorted({phrase for concept in concepts for phrase in phrases(concept, languages)})
    return "(?:" + _trie_pattern(found) + ")"


def bounded(*concepts: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """`words(...)` as whole words: not preceded or followed by a letter or digit."""
    return rf"(?<![\w])(?:{words(*concepts, languages=languages)})(?![\w])"


if __name__ == "__main__":
    write_forms()
