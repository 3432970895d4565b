"""Creating `Source` rows from whatever arrives: pasted text or HTML, files, URLs.

Each function returns `(source, created)`; a body or URL already known returns
the existing source and `created=False`, so ingesting twice changes nothing.
Queuing the ingest task is the caller's business (see `ingest.tasks`), except
for `source_add` and `source_reingest`, the editors' operations, which queue it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from django.db import IntegrityError, transaction

from exchanges.models import Source
from exchanges.services import stamp

# A body larger than this is refused outright: no news article is this long.
MAX_PASTED_BYTES = 5 * 1024 * 1024

_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|body|article|p|div|table)\b", re.IGNORECASE)


class SourceError(ValueError):
    """Input that cannot become a source, with a message a person can act on."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_html(content: str) -> bool:
    return bool(_HTML_SNIFF.search(content[:5000]))


def decode_bytes(data: bytes, *, declared_encoding: str | None = None) -> str:
    """Text from bytes in whatever encoding they came in; never raises."""
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("This looks like a binary file, not an article.")
    for encoding in filter(None, [declared_encoding, "utf-8-sig"]):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    # UTF-8 with a few broken bytes (a cut character, a stray byte) is still UTF-8:
    # a guessed single-byte encoding would garble every correct character instead,
    # and the garbled letters can make the text look like another language.
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    well_formed = sum(1 for ch in text if ch > "\x7f") - broken
    if broken * 100 <= len(text) and well_formed >= broken:
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        return data.decode(best.encoding, errors="replace")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """The text, when the bytes are UTF-16 without a byte-order mark.

    Latin and Cyrillic text in UTF-16 has a zero byte in every space, digit and
    Latin letter, always on the same side of each pair; binary data has zeros
    on both sides. The decoded text must also read as Latin or Cyrillic.
    """
    sample = data[:8192]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8 or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    zeros_first, zeros_second = sample[0::2].count(0), sample[1::2].count(0)
    if zeros_second and not zeros_first:
        encoding = "utf-16-le"
    elif zeros_first and not zeros_second:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    head = text[:4000]
    readable = sum(1 for ch in head if ch < "\u0530" or "\u2000" <= ch < "\u2070")
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\n\r")
    return text if controls == 0 and readable >= 0.9 * len(head) else None


def source_create_from_content(
    *,
    content: str,
    is_html: bool | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    title: str = "",
    outlet: str = "",
    language: str = "",
) -> tuple[Source, bool]:
    """A source from pasted text or HTML (admin, files, the ingest command)."""
    if len(content.encode("utf-8", "surrogatepass")) > MAX_PASTED_BYTES:
        raise SourceError(
            f"The text is larger than {MAX_PASTED_BYTES // (1024 * 1024)} MB; "
            "paste the article only."
        )
    if "\x00" in content:
        raise SourceError("The text contains binary data (NUL bytes); paste the article as text.")
    if not content.strip():
        raise SourceError("The text is empty.")
    if is_html is None:
        is_html = looks_like_html(content)
    raw_hash = sha256(content)
    # The unique URL and body hash say whether it is known: one query, not a look-up first.
    try:
        with transaction.atomic():
            source = Source.objects.create(
                url=url or None,
                published=published,
                title=title[:500],
                outlet=outlet[:200],
                language=language[:8],
                raw_content=content,
                raw_is_html=is_html,
                raw_hash=raw_hash,
            )
    except IntegrityError:
        existing = _by_hash_or_url(raw_hash, url)
        if existing is None:
            raise
        return existing, False
    return source, True


def _by_hash_or_url(raw_hash: str, url: str | None) -> Source | None:
    found = Source.objects.filter(raw_hash=raw_hash).first()
    return found or (Source.objects.filter(url=url).first() if url else None)


def source_create_from_file(
    path: Path, *, published: dt.date | None = None, url: str | None = None, language: str = ""
) -> tuple[Source, bool]:
    too_large = SourceError(f"{path.name} is larger than {MAX_PASTED_BYTES // (1024 * 1024)} MB.")
    if path.stat().st_size > MAX_PASTED_BYTES:
        raise too_large
    # Never more than the limit, even from a file that grew meanwhile or has no size.
    with path.open("rb") as file:
        data = file.read(MAX_PASTED_BYTES + 1)
    if len(data) > MAX_PASTED_BYTES:
        raise too_large
    content = decode_bytes(data)
    is_html = path.suffix.lower() in {".html", ".htm"} or looks_like_html(content)
    return source_create_from_content(
        content=content, is_html=is_html, published=published, url=url, language=language
    )


def source_create_from_url(
    url: str, *, published: dt.date | None = None, title: str = "", language: str = ""
) -> tuple[Source, bool]:
    """A source to be fetched by the ingest task; the URL is checked when fetched."""
    from ingest.fetch import validate_url_syntax

    url = validate_url_syntax(url)
    source, created = Source.objects.get_or_create(
        url=url, defaults={"published": published, "title": title[:500], "language": language}
    )
    return source, created


# --- What editors do ------------------------------------------------------


def source_add(
    *,
    url: str = "",
    content: str = "",
    is_html: bool | None = None,
    published: dt.date | None = None,
    title: str = "",
    outlet: str = "",
    language: str = "",
) -> tuple[Source, bool]:
    """A source from pasted text/HTML or a URL, queued for ingest when it is new.

    With content, the URL (if any) only records where the text came from and
    nothing is fetched; without content the ingest task fetches the URL.
    """
    # Imported here: the tasks import the pipeline, which imports this module.
    from ingest.tasks import enqueue_ingest

    if content.strip():
        source, created = source_create_from_content(
            content=content,
            is_html=is_html,
            published=published,
            url=url or None,
            title=title,
            outlet=outlet,
            language=language,
        )
    elif url:
        source, created = source_create_from_url(
            url, published=published, title=title, language=language
        )
        if created and outlet:
            source.outlet = outlet[:200]
            source.save(update_fields=["outlet"])
    else:
        raise SourceError("Give a URL or paste the article.")
    if created:
        enqueue_ingest(source.pk)
    return source, created


def source_reingest(*, source: Source, user=None) -> None:
    """Run the pipeline again on what is stored (a URL never fetched is fetched)."""
    from ingest.tasks import enqueue_ingest

    source.status = Source.Status.PENDING
    source.ingest_attempts = 0  # an editor's re-run starts the stuck-source count again
    stamp(source, user, "Re-ingest requested by an editor")
    source.save(update_fields=["status", "ingest_attempts", "updated_at"])
    enqueue_ingest(source.pk)
