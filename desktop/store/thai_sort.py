"""A stored Thai sort key: SQLite's plain BINARY order of the keys is Thai dictionary order.

``ORDER BY sort_key`` (UTF-8 byte order, which is code point order) gives the order of
``QCollator(QLocale(QLocale.Thai, QLocale.Thailand))`` — ICU's Thai collation (CLDR
``th``) at its default tertiary strength, punctuation not ignored — so paged lists
sorted in SQL agree with lists sorted in the UI, and an index on the column serves
the sort.  No collation function is registered: any SQLite reads the index.

What the key reproduces:

* leading vowels เ แ โ ใ ไ sort by the consonant after them (ICU's contraction: the
  consonant's weight, then the vowel's); a leading vowel before anything else than a
  consonant (ก–ฮ) keeps its place;
* consonants in alphabet order ก…ฮ (ฤ after ร, ฦ after ล); then the vowels in ICU's
  order: ํ ะ ั า(=ๅ) ิ ี ึ ื ุ ู เ แ โ ใ ไ ฺ; sara am ำ sorts as า followed by ํ;
* tone marks ่ ้ ๊ ๋, thanthakhat ์, maitaikhu ็, yamakkan ๎ and Latin accents count
  only to break ties (secondary level, compared after the whole primary string);
* white space and punctuation sort before digits, digits before Thai, Thai before
  Latin (Thai is reordered first in the Thai locale); Thai digits ๐–๙ equal 0–9;
* Latin letters ignore case at the primary and secondary levels; lower case sorts
  before upper case at the third level; letters with accents decompose (NFD) into
  the letter and its accent (é = e + ́), and ø đ ł (and capitals) are the letter with
  a stroke, as in ICU.

Where the key and ICU may disagree (documented, tested as far as known):

* characters outside ASCII, the Thai block, Latin letters made of an ASCII letter and
  the accents listed in ``_SECONDARY`` (plus ø đ ł) sort after every Latin letter, in
  code point order (ICU: Greek, Cyrillic, Lao, Han … have their own places; ß æ œ ð þ
  ı and Latin-1 symbols such as « ° © differ too);
* a combining mark not in ``_SECONDARY`` counts as one secondary weight above all
  the known ones (ICU gives each its own weight);
* text is first normalised with :func:`normalize_thai`, as everywhere in the store;
  the ICU order it is compared with is the order of the same normalised text;
* the tests compare with the ICU that the Linux PySide6 wheel bundles (ICU 73); a Qt
  built without ICU (Windows and macOS builds use the system's collation) may order
  rare strings differently in the UI than the stored keys do.

Stored keys depend on these rules: when they change, ``SORT_KEY_VERSION`` goes up and
the store recomputes its keys.

Encoding (a ``str``; one code point per primary weight, per tone mark or accent and
per capital letter, plus one separator — a Thai name's key is 1–1.5× its length):

``primary codes`` + ``\\x01`` + ``secondary codes`` + ``tertiary codes``, without a
trailing separator.  Primary code = ``chr(0x20 + rank)``; a character without a rank
gets ``chr(0x10000 + code point)``.  The secondary and tertiary levels list only the
non-common weights: each is one code point standing for "after ``k`` common
weights, weight ``w``", ``chr(base + (MAX_RUN - k) * width + w)`` — fewer commons
before a mark compares higher, as in the full sequence of weights.  Trailing commons
are left out (keys compared at these levels have equal primaries, hence the same
number of commons).  Every tertiary code is below every secondary code, so no
separator is needed between them: a key whose secondary level ends first is the
smaller, as in ICU.  ``\\x01`` is below every code.
"""

from __future__ import annotations

import unicodedata

from sync.records.thai import normalize_thai

SORT_KEY_VERSION = 1
SEPARATOR = "\x01"
_CODE0 = 0x20  # first code point of a primary weight
_FALLBACK0 = 0x10000  # primary codes of characters without a rank
MAX_RUN = 1000  # commons counted in one code; longer runs take more codes

# Primary order, lowest first: each string is one primary weight.
_SYMBOLS = "\t\n\x0b\x0c\r _-,;:!?.'\"()[]{}@*/\\&#%๏ฯ๚๛ๆ`^+<=>|~$฿"
_DIGITS = tuple(a + t for a, t in zip("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
_CONSONANTS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))  # ก … ฮ (ฤ, ฦ in place)
_VOWELS = "ํะัาิีึืุูเแโใไฺ"
_LATIN = tuple(c + c.upper() for c in "abcdefghijklmnopqrstuvwxyz")
_PRIMARY: tuple[str, ...] = (*_SYMBOLS, *_DIGITS, *_CONSONANTS, *_VOWELS, *_LATIN)

# Secondary weights above the common one, lowest first (ICU's order).
_SECONDARY = (
    "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0338"
    "\u0327\u0328\u0304\u0335\u0309\u031b\u0323\u0326"  # Latin accents
    "\u0e4e\u0e4c\u0e47\u0e48\u0e49\u0e4a\u0e4b"  # ๎ ์ ็ ่ ้ ๊ ๋
)
_UNKNOWN_MARK = len(_SECONDARY) + 1
_SECONDARY_WIDTH = len(_SECONDARY) + 2

# Tertiary weights above the common one (lower case, most Thai).
_T_LAKKHANGYAO, _T_NIKHAHIT_AA, _T_AM, _T_UPPER = 1, 2, 3, 4
_TERTIARY_WIDTH = 5
_TERTIARY0 = 0x02  # tertiary codes, then secondary codes (below the surrogates)
_SECONDARY0 = _TERTIARY0 + (MAX_RUN + 1) * _TERTIARY_WIDTH

_LEADING_VOWELS = "เแโใไ"
_STROKED = {"ø": "o\u0338", "Ø": "O\u0338", "đ": "d\u0335", "Đ": "D\u0335",
            "ł": "l\u0335", "Ł": "L\u0335"}

CE = tuple[str, int, int]  # (primary code or "", secondary weight, tertiary weight)


def _build_table() -> tuple[dict[str, tuple[CE, ...]], dict[str, tuple[CE, ...]]]:
    """Collation elements of single characters, and of two-character contractions."""
    table: dict[str, tuple[CE, ...]] = {}
    for rank, group in enumerate(_PRIMARY, start=1):
        code = chr(_CODE0 + rank)
        for ch in group:
            table[ch] = ((code, 0, _T_UPPER if ch.isupper() else 0),)
    aa, nikhahit = table["า"][0][0], table["ํ"][0][0]
    table["ๅ"] = ((aa, 0, _T_LAKKHANGYAO),)
    table["ำ"] = ((aa, 0, 0), (nikhahit, 0, _T_AM))
    for weight, mark in enumerate(_SECONDARY, start=1):
        table[mark] = (("", weight, 0),)
    for ch, parts in _STROKED.items():
        table[ch] = table[parts[0]] + table[parts[1]]
    pairs = {v + c: table[c] + table[v] for v in _LEADING_VOWELS for c in _CONSONANTS}
    pairs["ํา"] = ((aa, 0, 0), (nikhahit, 0, _T_NIKHAHIT_AA))
    pairs["ํๅ"] = ((aa, 0, _T_LAKKHANGYAO), (nikhahit, 0, _T_LAKKHANGYAO))
    return table, pairs


_TABLE, _PAIRS = _build_table()


def _unranked(ch: str) -> tuple[CE, ...]:
    """Characters the table lacks: marks tie-break, controls vanish, the rest sort last."""
    category = unicodedata.category(ch)
    if category[0] == "M":
        return (("", _UNKNOWN_MARK, 0),)
    if category in ("Cc", "Cf"):
        return ()  # ignorable, as in ICU
    return ((chr(min(_FALLBACK0 + ord(ch), 0x10FFFF)), 0, 0),)


def collation_elements(text: str) -> list[CE]:
    """The collation elements of already normalised ``text``, in order."""
    text = unicodedata.normalize("NFD", text)
    out: list[CE] = []
    i, n = 0, len(text)
    while i < n:
        pair = _PAIRS.get(text[i : i + 2])
        if pair is not None:
            out += pair
            i += 2
            continue
        ch = text[i]
        found = _TABLE.get(ch)
        out += found if found is not None else _unranked(ch)
        i += 1
    return out


def _encode_level(weights: list[int], width: int, base: int) -> str:
    """Non-common weights, each with the count of commons before it (see module doc)."""
    out: list[str] = []
    run = 0
    for weight in weights:
        if not weight:
            run += 1
            continue
        while run > MAX_RUN:  # "MAX_RUN commons, then a common", and go on counting
            out.append(chr(base))
            run -= MAX_RUN + 1
        out.append(chr(base + (MAX_RUN - run) * width + weight))
        run = 0
    return "".join(out)


def thai_sort_key(text: str) -> str:
    """The sort key of ``text`` (normalised first): compare keys as plain strings."""
    elements = collation_elements(normalize_thai(text))
    primary = "".join(p for p, _, _ in elements)
    secondary = _encode_level([s for _, s, _ in elements], _SECONDARY_WIDTH, _SECONDARY0)
    tertiary = _encode_level([t for _, _, t in elements], _TERTIARY_WIDTH, _TERTIARY0)
    rest = secondary + tertiary
    return f"{primary}{SEPARATOR}{rest}" if rest else primary
