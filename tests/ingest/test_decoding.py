"""decode_bytes: the encoding of an article's bytes, and the language that follows from it."""

from __future__ import annotations

import pytest

from ingest.pipeline import guess_language
from ingest.sources import SourceError, decode_bytes

ENGLISH = (
    "On 14 August 2025 Ukraine and Russia exchanged 84 prisoners for 84 \u2014 the 67th "
    "swap since 2022, with the mediation of the UAE, officials said. "
) * 4
UKRAINIAN = "14 серпня 2025 року Україна повернула додому 84 захисників з російського полону. " * 4


def test_it_keeps_english_with_a_stray_byte_as_utf8_and_english():
    data = ENGLISH.encode()
    data = data[:40] + b"\xff" + data[40:]
    text = decode_bytes(data)
    assert "\u2014 the 67th" in text
    assert text.count("\ufffd") == 1
    assert guess_language(text) == "en"


def test_it_keeps_ukrainian_with_a_cut_character_as_utf8_and_ukrainian():
    data = UKRAINIAN.encode()
    data = data[:41] + data[42:]  # one byte of a two-byte letter lost
    text = decode_bytes(data)
    assert "Україна повернула" in text
    assert guess_language(text) == "uk"


def test_it_still_reads_a_windows_1251_article():
    assert decode_bytes(UKRAINIAN.encode("cp1251")) == UKRAINIAN


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ENGLISH, UKRAINIAN])
def test_it_reads_utf16_without_a_byte_order_mark(encoding, text):
    assert decode_bytes(text.encode(encoding)) == text


def test_it_reads_utf16_with_a_byte_order_mark():
    assert decode_bytes(ENGLISH.encode("utf-16")) == ENGLISH


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02binary" * 100,
        bytes(range(256)) * 10,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06" * 20,
        (1234567).to_bytes(4, "little") * 500,
    ],
)
def test_it_still_refuses_binary_data(data):
    with pytest.raises(SourceError, match="binary"):
        decode_bytes(data)
