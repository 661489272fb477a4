"""Character sets and patterns shared by the extractors.

Two engines are used on purpose. Patterns that only need explicit character
lists use the standard library's ``re``: that is all a pure-ASCII draft ever
touches. Patterns that need Unicode properties (letters and marks in
hashtags, emoji, grapheme clusters) use the third-party ``regex`` module,
which alone costs ~17 ms to import. Every pattern is compiled on first use
(:class:`LazyPattern`, :class:`LazyUnicodePattern`), so importing the package
stays cheap.

The sets follow twitter-text's definitions (Unicode White_Space, the Latin
accent and Cyrillic blocks, bidi controls); the patterns are written for this
package and keep twitter-text's matching behaviour, including its quirks
(e.g. ``"`` and a backtick count as valid domain characters).
"""

from __future__ import annotations

import re
from typing import Any


def cls(chars: str) -> str:
    """Escape literal characters for use inside a ``[...]`` set."""
    return "".join(re.escape(c) for c in chars)


_regex: Any = None


def regex_module() -> Any:
    """The third-party ``regex`` module, imported on first need."""
    global _regex
    if _regex is None:
        import regex  # type: ignore[import-untyped]

        _regex = regex
    return _regex


class LazyPattern:
    """A standard-library ``re`` pattern compiled the first time it is needed."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def get(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
        return compiled


class LazyUnicodePattern:
    """A ``regex``-module pattern (for ``\\p{...}`` and ``\\X``), compiled on first use."""

    __slots__ = ("_compiled", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: Any = None

    def get(self) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = regex_module().compile(self._source)
        return compiled


# Unicode White_Space as twitter-text lists it (ranges are written raw).
SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
SPACE_CHARS = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
# Bidi controls: embeddings, overrides, isolates and marks.
DIRECTIONAL = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
INVALID = "\ufffe\ufeff\uffff"
INVALID_CHARS = frozenset(INVALID)
LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
    "\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
CYRILLIC = "\u0400-\u04ff"
# What JavaScript's \s matches; Python's \s differs (\x1c-\x1f, no U+FEFF).
JS_WHITESPACE = "\t-\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_WHITESPACE_CHARS = frozenset(
    "\t\n\x0b\x0c\r \xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
# twitter-text's punctuation list. It lacks '"' and '`', which therefore
# count as domain characters, exactly as in the reference implementation.
PUNCT = cls("!'#%&()*+,\\-./:;<=>?@[]^_{|}~$")

INVALID_RE = LazyPattern(f"[{INVALID}]")

# --- mentions, hashtags, cashtags, replies (X) ------------------------------

AT_SIGNS = "@\uff20"
HASH_SIGNS = "#\uff03"
AT_SIGN_RE = LazyPattern(f"[{AT_SIGNS}]")
HASH_SIGN_RE = LazyPattern(f"[{HASH_SIGNS}]")

# A screen name (up to 20 characters) and an optional list slug.
SCREEN_NAME_RE = LazyPattern(r"([A-Za-z0-9_]{1,20})(/[A-Za-z][A-Za-z0-9_\-]{0,24})?")
# Characters that may not sit right before the @ of a mention.
MENTION_BLOCKED_BEFORE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_!#$%&*@\uff20"
)
# ...and before the "RT" of a retweet prefix ("RT@jack").
RT_BLOCKED_BEFORE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+~.-"
)
RT_PREFIXES = frozenset({"rt", "RT", "rT", "Rt"})
# A mention followed by these is an e-mail address, a URL or a longer word.
END_MENTION_RE = LazyPattern(f"[{AT_SIGNS}{LATIN_ACCENTS}]|://")
END_HASHTAG_RE = LazyPattern(f"[{HASH_SIGNS}]|://")
# Hashtag body on ASCII text: at least one letter.
HASHTAG_BODY_ASCII_RE = LazyPattern(r"[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*")
DIGITS_RUN_RE = LazyPattern(r"[0-9_]*")
CASHTAG_RE = LazyPattern(rf"[A-Za-z]{{1,6}}(?:[._][A-Za-z]{{1,2}})?(?=\Z|[{JS_WHITESPACE}{PUNCT}])")
REPLY_RE = LazyPattern(rf"[{SPACES}]*[{AT_SIGNS}]([A-Za-z0-9_]{{1,20}})")

# Hashtag letters and marks, numerals and the joiners twitter-text allows.
HASHTAG_SPECIAL = "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\xb7"
HASHTAG_SPECIAL_CHARS = frozenset(HASHTAG_SPECIAL)
_HASHTAG_ALPHA = r"\p{L}\p{M}"
_HASHTAG_ALNUM = _HASHTAG_ALPHA + r"\p{Nd}" + cls(HASHTAG_SPECIAL)

# --- URLs (X) -----------------------------------------------------------------

# Every URL contains a dot followed by the first letter of its TLD; drafts
# whose dots are all followed by spaces or digits skip URL parsing entirely.
URL_CANDIDATE_RE = LazyPattern(r"\.[A-Za-z\x80-\U0010ffff]")

_DOMAIN_CHAR = f"[^{PUNCT}{SPACES}{INVALID}{DIRECTIONAL}]"
_PATH_CHAR = f"[A-Za-z{CYRILLIC}0-9{cls('!*;:=+,.$/%#[]-_~@|&')}'\u2013{LATIN_ACCENTS}]"
_PATH_BALANCED_PARENS = rf"\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\({_PATH_CHAR}+\){_PATH_CHAR}*))\)"
_PATH_END = rf"(?:[A-Za-z{CYRILLIC}0-9{cls('+-=_#/')}{LATIN_ACCENTS}]|{_PATH_BALANCED_PARENS})"
_PATH = rf"(?:(?:{_PATH_CHAR}*(?:{_PATH_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = f"[A-Za-z0-9{cls('!?*@();:&=+$/%#[]-_.,~|')}']"
_QUERY_END = f"[A-Za-z0-9{cls('-_&=#/')}]"
_URL_PRECEDING = rf"(?:[^A-Za-z0-9{AT_SIGNS}{cls('$')}{HASH_SIGNS}{INVALID}]|[{DIRECTIONAL}]|^)"
# A label starts and ends with a domain character and may contain - (and _
# in subdomains). It can only end right before a dot and holds no dot, so it
# is matched possessively: a failing label is abandoned in linear time instead
# of being retried at every shorter length.
_SUBDOMAIN = rf"(?:(?>{_DOMAIN_CHAR}(?:[_\-]*+{_DOMAIN_CHAR})*+)\.)"
_DOMAIN_NAME = rf"(?:(?>{_DOMAIN_CHAR}(?:-*+{_DOMAIN_CHAR})*+)\.)"


def _tld(tld_alternation: str) -> str:
    # A listed TLD not followed by more of a word, or any punycode label.
    return rf"(?:(?:(?i:{tld_alternation})(?=[^0-9A-Za-z@+\-]|\Z))|(?i:xn--[\-0-9a-z]+))"


def url_pattern_source(tld_alternation: str) -> str:
    """The URL extractor: groups are before, url, protocol, domain, port, path, query."""
    domain = rf"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}{_tld(tld_alternation)})"
    return (
        rf"({_URL_PRECEDING})"
        rf"((?i:(https?://))?({domain})(?::([0-9]+))?(/{_PATH}*)?(\?{_QUERY_CHAR}*{_QUERY_END})?)"
    )


def ascii_domain_pattern_source(tld_alternation: str) -> str:
    """Runs of ASCII (and Latin-accented) labels ending in a TLD."""
    return rf"(?:[\-A-Za-z0-9{LATIN_ACCENTS}]+\.)+{_tld(tld_alternation)}"


TCO_RE = LazyPattern(rf"(?i:https?://t\.co/)([A-Za-z0-9]+)(?:\?{_QUERY_CHAR}*{_QUERY_END})?")

# --- emoji (X v3 weighting) ---------------------------------------------------

# Only these code points can merge several characters into one emoji; without
# them every emoji is a single code point that weighs the default anyway.
EMOJI_JOINER_RE = LazyPattern("[\u200d\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U0001f1e6-\U0001f1ff\U000e0020-\U000e007f]")

# One emoji element: a pictograph (bare (C) and (R) are text, not emoji, in
# twemoji), optionally with a skin tone and/or emoji presentation selector.
_EMOJI_ELEMENT = (
    r"(?:[\u00a9\u00ae]\ufe0f"
    r"|(?![\u00a9\u00ae])\p{Extended_Pictographic}(?:\p{Emoji_Modifier}\ufe0f?|\ufe0f)?)"
)
EMOJI_SOURCE = (
    r"[#*0-9]\ufe0f?\u20e3"
    r"|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"
    r"|\p{Regional_Indicator}\p{Regional_Indicator}"
    rf"|{_EMOJI_ELEMENT}(?:\u200d{_EMOJI_ELEMENT})*"
)


# --- patterns that need Unicode properties (``regex`` module) ----------------

HASHTAG_BODY = LazyUnicodePattern(f"[{_HASHTAG_ALNUM}]*[{_HASHTAG_ALPHA}][{_HASHTAG_ALNUM}]*")
EMOJI = LazyUnicodePattern(EMOJI_SOURCE)
GRAPHEME = LazyUnicodePattern(r"\X")
