"""The rule audit (issue 13): which extraction rules fire on which texts.

A rule needs two independent examples. This script measures, over every text
of the written corpora and the real-text `tune` split (never `held`):

- passes: each entry of MENTION_PASSES, DRAFT_BUILDERS and DRAFT_PASSES is
  left out in turn, and the texts whose extracted events change are listed;
- cues: each pattern of `cues.py` is made to match nothing (in every pattern
  built from it too), and the texts whose events change are listed;
- alternatives: each branch of a cue's hand-written alternation, and each word
  or lemma of a lexicon concept, is searched for on its own in every text
  (lower case, with the cue's context around it but no ^/$ anchor): the texts
  where it could fire. This is an upper bound, so "no text" means dead.

    DEBUG=1 .venv/bin/python tools/rule_audit.py prepare   # texts -> .cache/rule_audit/
    .venv/bin/python tools/rule_audit.py passes            # effect of each pass
    .venv/bin/python tools/rule_audit.py cues              # effect of each cue
    .venv/bin/python tools/rule_audit.py words             # texts of each alternative
    .venv/bin/python tools/rule_audit.py words --max 1     # only the dead and one-text ones
    .venv/bin/python tools/rule_audit.py effect '{"cues": ["MORE_AFTER"],
        "passes": [["DRAFT_PASSES", 1]], "word": ["en", "guess", "words", "rumour"]}'
                                            # texts changed by several breakages at once

Each measure runs the extraction in a fresh process (a cue is replaced before
the modules that build patterns from it are imported), so the working tree is
never changed. `prepare` needs Django (HTML articles go through the pipeline's
own main-text step); the rest imports only `ingest.extraction`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "rule_audit"
TEXTS = CACHE / "texts.json"
CORPORA = [
    "../shared/corpus/seeds",
    "samples/articles",
    "tests/corpus",
    "tests/corpus_holdout",
    "tests/corpus_fresh",
    "tests/corpus_blind",
    "tests/corpus_unseen_a",
    "tests/corpus_unseen_b",
    "tests/corpus_unseen_c",
    "tests/corpus_unseen_d",
    "tests/corpus_unseen_e",
    ".cache/corpus_real/tune",  # never held: no rule is kept or dropped for a held article
]


def prepare() -> None:
    """Every corpus text as the pipeline reads it, with its date and language."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from ingest.html import extract_article
    from ingest.pipeline import guess_language, normalise_text
    from ingest.scoring import load_corpus

    texts = []
    for corpus in CORPORA:
        folder = ROOT / corpus
        if not (folder / "cases.json").is_file():
            print(f"skipped {corpus}: not here", file=sys.stderr)
            continue
        for case in load_corpus(folder):
            raw = case.path.read_text("utf-8")
            if case.path.suffix in {".html", ".htm"}:
                raw = extract_article(raw, url=case.url).text
            text = normalise_text(raw)
            language = case.language or guess_language(text)
            texts.append(
                {
                    "id": f"{corpus.rsplit('/', 1)[-1]}/{case.id}",
                    "text": text,
                    "published": case.published.isoformat() if case.published else None,
                    "language": language if language in {"en", "uk", "ru"} else "en",
                }
            )
    CACHE.mkdir(parents=True, exist_ok=True)
    TEXTS.write_text(json.dumps(texts, ensure_ascii=False), "utf-8")
    print(f"{len(texts)} texts in {TEXTS.relative_to(ROOT)}")


# --- The worker: one extraction of every text, with one rule broken -------------


def _never(pattern: re.Pattern) -> re.Pattern:
    return re.compile(r"(?!x)x")


def run_worker(mutant: dict) -> dict[str, str]:
    """Events of every text, as text, with `mutant` applied ({} for none)."""
    import datetime as dt

    sys.path.insert(0, str(ROOT))
    from ingest.extraction import cues, lexicon

    if mutant.get("word"):
        language, concept, key, word = mutant["word"]
        entry = lexicon.entries(language)[concept]
        entry[key] = [w for w in entry[key] if str(w) != word]
        # cues.py is imported already: rebuild it from the edited lexicon.
        import importlib

        importlib.reload(cues)
    for name in mutant.get("cues") or []:
        original, broken = getattr(cues, name), _never(getattr(cues, name))
        cues.SPEAKERS[:] = [(broken if p is original else p, s) for p, s in cues.SPEAKERS]
        setattr(cues, name, broken)
    from ingest.extraction import events, extract_events

    # Several passes at once: the later index first, so the earlier stays where it was.
    for group, index in sorted(mutant.get("passes") or [], reverse=True):
        steps = list(getattr(events, group))
        del steps[index]
        setattr(events, group, tuple(steps))
    found = {}
    for item in json.loads(TEXTS.read_text("utf-8")):
        published = dt.date.fromisoformat(item["published"]) if item["published"] else None
        extracted = extract_events(item["text"], published=published, language=item["language"])
        found[item["id"]] = json.dumps(
            [_plain(event) for event in extracted], default=str, ensure_ascii=False
        )
    return found


def _plain(event) -> dict:
    data = dataclasses.asdict(event)
    data.pop("features", None)
    return data


def changed_by(mutant: dict, baseline: dict[str, str]) -> list[str]:
    """The texts whose events differ from the baseline's with `mutant` applied."""
    found = changed_events(mutant)
    return sorted(key for key in baseline if found.get(key) != baseline[key])


def baseline() -> dict[str, str]:
    """The events of every text as the working tree extracts them (a few seconds)."""
    return changed_events({})


def changed_events(mutant: dict) -> dict[str, str]:
    result = subprocess.run(  # noqa: S603 - this script, with a mutant it wrote itself
        [sys.executable, __file__, "worker", json.dumps(mutant)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout)


# --- What to break ----------------------------------------------------------------


def pass_mutants() -> list[tuple[str, dict]]:
    sys.path.insert(0, str(ROOT))
    from ingest.extraction import events

    found = []
    for group in ("MENTION_PASSES", "DRAFT_BUILDERS", "DRAFT_PASSES"):
        for index, (step, _what) in enumerate(getattr(events, group)):
            found.append((f"{group}[{index}] {step.__name__}", {"passes": [[group, index]]}))
    return found


def cue_names() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from ingest.extraction import cues

    return [n for n, v in vars(cues).items() if n.isupper() and isinstance(v, re.Pattern)]


def _source(pattern: re.Pattern) -> str:
    """The pattern as written, without the first-letter look-ahead compile_fast adds."""
    text = pattern.pattern
    lead = re.match(r"\(\?=\[(?:\\.|[^\]\\])*\]\)\(\?:", text)
    return text[lead.end() : -1] if lead else text


def _branches(pattern: str) -> tuple[int, int, list[tuple[int, int]]] | None:
    """The outermost alternation in `pattern`: its group's span and each branch's span.

    Alternations inside a look-around are exceptions to a cue, not what it matches.
    """
    groups: dict[int, list] = {0: [0, len(pattern), []]}
    stack, index, in_class = [0], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            body = index + 1
            if groups[stack[-1]][0] is None:
                body = None  # inside a look-around
            elif pattern.startswith("?:", body):
                body += 2
            elif pattern.startswith("?", body):
                body = None  # a look-around
            groups[index + 1] = [body, None, []]
            stack.append(index + 1)
        elif char == ")":
            groups[stack.pop()][1] = index
        elif char == "|":
            groups[stack[-1]][2].append(index)
        index += 1
    for key in sorted(groups):
        body, end, bars = groups[key]
        if bars and body is not None:
            edges = [body - 1, *bars, end]
            return body, end, [(a + 1, b) for a, b in zip(edges, edges[1:], strict=False)]
    return None


def alternative_mutants() -> list[tuple[str, str, str, str]]:
    """(cue, branch, the pattern with only that branch, the pattern without it)."""
    sys.path.insert(0, str(ROOT))
    from ingest.extraction import cues, lexicon

    concepts = {c for language in lexicon.LANGUAGES for c in lexicon.entries(language)}
    # A lexicon concept's words stand in one placeholder each: they are measured word by word.
    from_lexicon = sorted({lexicon.words(c) for c in concepts}, key=len, reverse=True)
    found = []
    for name in cue_names():
        source = _source(getattr(cues, name))
        for number, words in enumerate(from_lexicon):
            source = source.replace(words, f"\ue000{number}\ue001")
        split = _branches(source)
        if split is None:
            continue
        body, end, spans = split
        for start, stop in spans:
            branch = source[start:stop]
            if "\ue000" in branch:
                continue
            only = source[:body] + branch + source[end:]
            without = source[:start] + source[stop:]
            without = without.replace("||", "|").replace("(?:|", "(?:").replace("|)", ")")
            restore = lambda text: re.sub(  # noqa: E731
                "\ue000(\\d+)\ue001", lambda m: from_lexicon[int(m.group(1))], text
            )
            found.append((name, branch, restore(only), restore(without)))
    return found


def _texts_matching(pattern: str, texts: list[dict]) -> list[str]:
    # No anchors: the cue may be tried on a slice of a sentence; this is an upper bound.
    loose = re.sub(r"(?<![\\\[])[$^]", "", pattern)
    try:
        compiled = re.compile(loose)
    except re.error:
        return ["?"]
    return [t["id"] for t in texts if compiled.search(t["lower"])]


def word_report(most: int | None, tsv: bool = False) -> None:
    sys.path.insert(0, str(ROOT))
    from ingest.extraction import cues, lexicon

    texts = json.loads(TEXTS.read_text("utf-8"))
    for item in texts:
        item["lower"] = cues.lowercase(item["text"])
    rows = []
    for name, branch, only, _without in alternative_mutants():
        rows.append((f"cue {name}", branch, _texts_matching(only, texts)))
    for language in lexicon.LANGUAGES:
        for concept, entry in lexicon.entries(language).items():
            for key in ("words", "lemmas"):
                for word in entry.get(key) or ():
                    if key == "lemmas":
                        forms = lexicon.forms(language, word) - {
                            str(f).lower() for f in entry.get("except") or ()
                        }
                    else:
                        forms = lexicon._expand(language, str(word).lower())
                    pattern = rf"(?<![\w])(?:{lexicon._trie_pattern(sorted(forms))})(?![\w])"
                    # Every language's words are in one pattern: a word may fire in any text.
                    hits = _texts_matching(pattern, texts)
                    rows.append((f"{language}.{concept}.{key}", str(word), hits))
    for where, what, hits in rows:
        if (most is None or len(hits) <= most) and tsv:
            print(f"{len(hits)}\t{where}\t{what}\t{' '.join(hits)}")
        elif most is None or len(hits) <= most:
            shown = ", ".join(hits[:3]) + (" …" if len(hits) > 3 else "")
            print(f"{len(hits):4d}  {where:32s} {what[:60]!r:64s} {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["prepare", "passes", "cues", "words", "effect", "worker"])
    parser.add_argument("mutant", nargs="?", default="{}")
    parser.add_argument("--max", type=int, default=None, help="words: at most this many texts")
    parser.add_argument("--tsv", action="store_true", help="words: whole rows, tab-separated")
    args = parser.parse_args()
    if args.step == "prepare":
        prepare()
    elif args.step == "worker":
        print(json.dumps(run_worker(json.loads(args.mutant))))
    elif args.step == "words":
        word_report(args.max, args.tsv)
    elif args.step == "effect":
        changed = changed_by(json.loads(args.mutant), baseline())
        print(len(changed), *changed, sep="\n")
    else:
        base = baseline()
        if args.step == "passes":
            mutants = pass_mutants()
        else:
            mutants = [(name, {"cues": [name]}) for name in cue_names()]
        for label, mutant in mutants:
            changed = changed_by(mutant, base)
            shown = ", ".join(changed[:4]) + (" …" if len(changed) > 4 else "")
            print(f"{len(changed):4d}  {label:44s} {shown}", flush=True)


if __name__ == "__main__":
    main()
