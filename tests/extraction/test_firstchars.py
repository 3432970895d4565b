import re

from hypothesis import given
from hypothesis import strategies as st

from ingest.extraction.firstchars import compile_fast

CUE = r"\b(?:swap\w*|exchang\w*|обмін\w*|[0-9]+-for-[0-9]+)(?![\w])"


def test_a_cue_gains_a_look_ahead_over_the_letters_its_words_start_with():
    assert compile_fast(CUE).pattern.startswith("(?=[0123456789esо])")


def test_a_pattern_that_may_start_with_anything_is_left_as_it_is():
    assert compile_fast(r"\s*(?:each|apiece)").pattern == r"\s*(?:each|apiece)"
    assert compile_fast(r"(?:a|)b").pattern == r"(?:a|)b"


@given(st.text(alphabet="swapexchng обмінуі0123456789-for.,", max_size=60))
def test_the_look_ahead_never_changes_what_a_cue_finds(text):
    plain, fast = re.compile(CUE), compile_fast(CUE)
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]
