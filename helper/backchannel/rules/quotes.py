"""Finding quotations in a draft, and whether someone is named near them.

Quote marks differ by language: English “…” and "…", German „…“ and »…«,
French « … », Swiss and Swedish variants, CJK 「…」『…』, and the single
forms. A typographic apostrophe (don’t) looks like a closing single quote,
so a closer followed by a letter is not a closer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the marks that may close it.
_PAIRS: dict[str, str] = {
    '"': '"',
    "“": "”“",
    "„": "“”",
    "”": "”",
    "«": "»",
    "»": "«»",
    "‹": "›",
    "›": "‹›",
    "‘": "’",
    "‚": "‘’",
    "「": "」",
    "『": "』",
    "﹁": "﹂",
    "〝": "〞〟",
}
_OPENERS = re.compile("[" + re.escape("".join(_PAIRS)) + "]")
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

# Words that attribute a quotation, in the languages people tweet conferences in.
_ATTRIBUTION_WORDS = re.compile(
    r"(?<!\w)(?:says|said|say|asks|asked|notes|noted|explains|explained|argues|argued|tells|told|reminds|"
    r"claims|claimed|quips|adds|added|according\s+to|via|per|quoting|quoted|h/t|"
    r"sagt|sagte|meint|meinte|laut|zitiert|dit|disait|selon|affirme|dice|dijo|según|afirma|zegt|zei|volgens|"
    r"diz|disse|segundo|dice|detto|secondo|говорит|сказал|сказала|по\s+словам)(?!\w)"
    r"|说|說|表示|指出|によると|と言|氏は|さんは|님은",
    re.IGNORECASE,
)
_MENTION = re.compile(r"(?<![\w@])[@＠]\w")
_DASH_AFTER = re.compile(r"^[\s,.;:!?)\]]*[—–―~-]+\s*\S")
_NAME_COLON_BEFORE = re.compile(r"([^\W\d_][\w.'’-]*)\s*[:：]\s*$")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # index of the opening mark
    end: int  # index after the closing mark
    words: int


def _count_words(content: str) -> int:
    cjk = len(_CJK.findall(content))
    # CJK has no spaces: two characters make roughly one word.
    latin = len(_WORD.findall(_CJK.sub(" ", content)))
    return latin + cjk // 2


def _find_closer(text: str, opener: str, start: int) -> int:
    closers = _PAIRS[opener]
    i = start
    while i < len(text):
        ch = text[i]
        if ch in closers:
            after = text[i + 1 : i + 2]
            # don’t, l’école: an apostrophe, not the end of the quotation.
            if ch in "’'" and after.isalpha():
                i += 1
                continue
            return i
        i += 1
    return -1


def find_quotes(text: str, *, min_words: int) -> list[Quote]:
    """Quotations of at least ``min_words`` words, left to right, not nested."""
    quotes: list[Quote] = []
    pos = 0
    while True:
        match = _OPENERS.search(text, pos)
        if match is None:
            return quotes
        i = match.start()
        opener = text[i]
        before = text[i - 1 : i]
        # An apostrophe-like opener inside a word (rock’n’roll) opens nothing.
        if opener in "‘’'" and before.isalnum():
            pos = i + 1
            continue
        j = _find_closer(text, opener, i + 1)
        if j < 0:
            pos = i + 1
            continue
        words = _count_words(text[i + 1 : j])
        if words >= min_words:
            quotes.append(Quote(i, j + 1, words))
        pos = j + 1


def has_attribution(text: str, quote: Quote, *, window: int, names: tuple[str, ...] = ()) -> bool:
    """True when a person is named within ``window`` characters of the quotation."""
    before = text[max(0, quote.start - window) : quote.start]
    after = text[quote.end : quote.end + window]
    if _MENTION.search(before) or _MENTION.search(after):
        return True
    if _DASH_AFTER.search(after):
        return True
    colon = _NAME_COLON_BEFORE.search(before)
    if colon and colon.group(1)[0].isupper():
        return True
    if _ATTRIBUTION_WORDS.search(before) or _ATTRIBUTION_WORDS.search(after):
        return True
    near = (before + " " + after).casefold()
    for name in names:
        parts = name.casefold().split()
        if parts and (name.casefold() in near or (len(parts[-1]) >= 3 and re.search(rf"(?<!\w){re.escape(parts[-1])}(?!\w)", near))):
            return True
    return False
