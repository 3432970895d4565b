"""The real-text corpus: annotations committed, article texts retrieved into a cache.

`tests/corpus_real/cases.json` holds, for each real article found with the search
tool in the stored pages corpus, the exact query, the URL, its rank and our
annotation, but never the text: the text is the search result's excerpt, saved
exactly into `.cache/corpus_real/texts/<id>.txt` (git-ignored) by the step in
`tests/corpus_real/README.md`. `build_splits` lays the cached texts out as two
ordinary corpus folders, `tune` and `held`, that `evaluate_extraction` scores.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

CASES_FILE = Path(settings.BASE_DIR) / "tests" / "corpus_real" / "cases.json"
CACHE_DIR = Path(settings.BASE_DIR) / ".cache" / "corpus_real"
SPLITS = ("tune", "held")
# What the scorer reads; the rest (query, rank, who annotated and checked) is provenance.
CORPUS_FIELDS = (
    "id",
    "url",
    "published",
    "language",
    "notes",
    "expected",
    "optional",
    "non_events",
)


def split_of(url: str) -> str:
    """The fixed rule, decided once: a third of the articles, by URL digest, are held out."""
    return "held" if int(hashlib.sha256(url.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "tune"


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_cases(path: Path = CASES_FILE) -> list[dict]:
    return json.loads(path.read_text("utf-8"))


@dataclass
class CacheStatus:
    present: list[str]
    missing: list[str]
    changed: list[str]  # retrieved again, but not the text that was annotated


def cache_status(cases: list[dict], cache_dir: Path = CACHE_DIR) -> CacheStatus:
    status = CacheStatus([], [], [])
    for case in cases:
        path = cache_dir / "texts" / f"{case['id']}.txt"
        if not path.is_file():
            status.missing.append(case["id"])
        elif text_digest(path.read_text("utf-8")) != case["text_sha256"]:
            status.changed.append(case["id"])
        else:
            status.present.append(case["id"])
    return status


def build_splits(cases: list[dict], cache_dir: Path = CACHE_DIR) -> dict[str, int]:
    """Write `<cache>/tune` and `<cache>/held` as corpus folders; returns their sizes.

    Only cases whose text is in the cache, unchanged, are laid out.
    """
    status = cache_status(cases, cache_dir)
    usable = set(status.present)
    sizes = {}
    for split in SPLITS:
        folder = cache_dir / split
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        chosen = [c for c in cases if c["id"] in usable and split_of(c["url"]) == split]
        for case in chosen:
            shutil.copyfile(cache_dir / "texts" / f"{case['id']}.txt", folder / f"{case['id']}.txt")
        (folder / "cases.json").write_text(
            json.dumps(
                [{name: case.get(name) for name in CORPUS_FIELDS} for case in chosen],
                ensure_ascii=False,
                indent=1,
            ),
            "utf-8",
        )
        sizes[split] = len(chosen)
    return sizes
