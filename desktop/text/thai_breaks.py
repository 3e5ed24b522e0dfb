"""Thai line-break opportunities that do not depend on libthai.

Thai is written without spaces between words, so a line breaker needs a
dictionary to know where a line may end.  Qt asks libthai, which it loads at run
time; the PySide6 wheels do not ship it and most Windows machines lack it, and
there a Thai sentence would never wrap.  This module finds the word boundaries
itself and marks them with U+200B ZERO WIDTH SPACE, which every line breaker,
Qt's own included, treats as a break opportunity.

The segmenter is ``thaibreak`` (Apache-2.0): a dictionary-based segmenter in
Rust (shortest-path over a public-domain list of about 25,800 words, Thai
character clusters respected), shipped as small wheels for Linux, macOS and
Windows with its dictionary inside.  It imports in a few milliseconds; the
alternatives were heavier (pythainlp installs about 65 MB and loads its
dictionary in about 0.3 s) or came without a dictionary (nlpo3).  Its native
library is loaded with ctypes from the package folder, so a PyInstaller bundle
must collect the package's files (``--collect-all thaibreak``);
:func:`segmenter_ready` tells whether it was found.

Rules for a break offset ``i`` (a break between ``text[i - 1]`` and ``text[i]``):

* it is a word boundary found by the segmenter inside a run of Thai letters,
  so both neighbours are Thai characters (spaces already break lines);
* it never splits a Thai grapheme cluster: never before an above or below
  vowel, tone mark or other combining sign (U+0E31, U+0E34-U+0E3A,
  U+0E47-U+0E4E) and never after a leading vowel (U+0E40-U+0E44);
* a line never starts with a following vowel (U+0E30, U+0E32, U+0E33, U+0E45),
  mai yamok, paiyannoi or an end-of-text sign, and Thai digits stay together.

U+200B is a display-only mark: :func:`breakable` adds it for labels and table
cells, :func:`unbreakable` removes every U+200B before text is saved, copied or
compared, and stored data never contains it.  :func:`breakable` first removes
any U+200B it is given, so marking twice gives the same text as marking once.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import thaibreak

ZWSP = "\u200b"

_THAI_RUN = re.compile("[\u0e01-\u0e5b]+")
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_COMBINING = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"  # upper and lower vowels, phinthu
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"  # maitaikhu, tone marks, signs
)
_NO_BREAK_BEFORE = _COMBINING | frozenset(
    "\u0e30\u0e32\u0e33\u0e45"  # sara a, sara aa, sara am, lakkhangyao
    "\u0e46\u0e2f"  # mai yamok, paiyannoi
    "\u0e5a\u0e5b"  # angkhankhu, khomut
)
_THAI_DIGITS = frozenset(map(chr, range(0x0E50, 0x0E5A)))

_log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def segmenter_ready() -> bool:
    """True when the segmenter's native library and dictionary were loaded."""
    ready = thaibreak.boundaries("ภาษาไทย") == [0, 4, 7]
    if not ready:
        _log.warning("thaibreak is not usable: Thai text will not wrap between words")
    return ready


def may_break_between(left: str, right: str) -> bool:
    """True when a line may end after ``left`` and go on with ``right``.

    Both are single Thai characters; only the cluster and typography rules are
    checked here, not whether a word ends.
    """
    if right in _NO_BREAK_BEFORE or left in _LEADING_VOWELS:
        return False
    return not (left in _THAI_DIGITS and right in _THAI_DIGITS)


@lru_cache(maxsize=32768)
def _run_breaks(run: str) -> tuple[int, ...]:
    """Break offsets inside one run of Thai characters."""
    if len(run) < 2 or not segmenter_ready():
        return ()
    return tuple(
        offset
        for offset in thaibreak.boundaries(run)[1:-1]
        if may_break_between(run[offset - 1], run[offset])
    )


def word_breaks(text: str) -> list[int]:
    """Offsets in ``text`` where a line may break between two Thai words, ascending."""
    breaks: list[int] = []
    for match in _THAI_RUN.finditer(text):
        start = match.start()
        breaks.extend(start + offset for offset in _run_breaks(match.group()))
    return breaks


@lru_cache(maxsize=16384)
def breakable(text: str) -> str:
    """``text`` with U+200B at every Thai word break, for display only."""
    text = unbreakable(text)
    breaks = word_breaks(text)
    if not breaks:
        return text
    pieces = []
    previous = 0
    for offset in breaks:
        pieces.append(text[previous:offset])
        previous = offset
    pieces.append(text[previous:])
    return ZWSP.join(pieces)


def unbreakable(text: str) -> str:
    """``text`` without any U+200B: the form to save, copy, search or compare."""
    return text.replace(ZWSP, "")
