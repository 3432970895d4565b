"""Faster cue patterns: a look-ahead over the letters a match can start with.

A cue is an alternation of words behind a word boundary. The regex engine tries
every alternative at every word start; a leading `(?=[…])` over the first
letters of all alternatives rejects most positions with one table look-up.
The look-ahead only restates what the pattern requires, so matches are the same.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_MAX_RANGE = 200
# "(?i)…": flags that must stay at the very start of a pattern.
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _first_chars(items) -> set[str] | None:
    """The characters a match of `items` can start with, or None when that is not known."""
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the next item decides
        if op is _c.LITERAL:
            return {chr(av)}
        if op is _c.IN:
            return _set_chars(av)
        if op is _c.SUBPATTERN:
            return _first_chars(av[-1])
        if op is _c.BRANCH:
            found: set[str] = set()
            for alternative in av[1]:
                chars = _first_chars(alternative)
                if chars is None:
                    return None
                found |= chars
            return found
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] > 0:
            return _first_chars(av[2])
        return None
    return None  # the pattern may match the empty string


def _set_chars(av) -> set[str] | None:
    chars: set[str] = set()
    for op, value in av:
        if op is _c.LITERAL:
            chars.add(chr(value))
        elif op is _c.RANGE and value[1] - value[0] <= _MAX_RANGE:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        else:
            return None
    return chars


def compile_fast(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern)`, led by a look-ahead over its possible first characters."""
    compiled = re.compile(pattern, flags)
    if flags & re.IGNORECASE or _GLOBAL_FLAGS.match(pattern):
        return compiled
    chars = _first_chars(_p.parse(pattern, flags))
    if not chars:
        return compiled
    allowed = "".join(sorted(re.escape(char) for char in chars))
    return re.compile(f"(?=[{allowed}])(?:{pattern})", flags)
