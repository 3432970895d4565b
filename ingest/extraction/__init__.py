"""From article text to exchange events: pure steps, no database.

text → sentences → candidate mentions → events. `extract_events` is the one
entry point the rest of the project calls.
"""

from ingest.extraction.types import KNOWN_MEDIATORS, ExtractedEvent, MediatorName

__all__ = ["KNOWN_MEDIATORS", "ExtractedEvent", "MediatorName", "extract_events"]


def extract_events(
    text: str,
    *,
    published=None,
    language: str = "en",
    mediators: list[MediatorName] | None = None,
) -> list[ExtractedEvent]:
    """Every exchange event the text states, in order of first mention."""
    from ingest.extraction.events import find_events

    return find_events(
        text, published=published, language=language, mediators=mediators or KNOWN_MEDIATORS
    )
