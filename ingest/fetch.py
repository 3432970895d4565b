"""Every outgoing HTTP request goes through this module (hardened separately)."""

from __future__ import annotations

from urllib.parse import urlsplit


class FetchError(Exception):
    """A fetch that was refused or failed, with a message a person can read."""


def validate_url_syntax(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(f"Only http and https URLs can be fetched, not {url[:200]!r}.")
    return url


def fetch_url(url: str):
    raise FetchError("Fetching URLs is not available yet.")
