"""Finding quotations in a draft, and whether someone is named near them.

Quote marks differ by language: English “…” and "…", German „…“ and »…«,
French « … », Swiss and Swedish variants, CJK 「…」『…』, and the single
forms. A typographic apostrophe (don’t) looks like a closing single quote,
so a closer followed by a letter is not a closer; a straight single quote
opens a quotation only at the start of a word that is not an elision ('em,
'cause) and closes it only at the end of one.

Quotation marks also wrap titles (of talks, posts, songs), terms and idioms
in scare quotes, a program's messages, and made-up or example speech (which
a hashtag like #parody may be what says so). ``kind`` tells those from a
quotation of someone's words, and ``has_attribution`` looks for the person
wherever people name them: a handle or name before or after the quote, a
name in parentheses, “— Name”, “Name:”, “Name's argument that”, “X said”,
“per @x”, or the retweeted account of a manual retweet.

Every pattern here is compiled the first time a draft needs it
(:class:`~backchannel.text.regexes.LazyPattern`): this module is imported on
the way to every ``backchannel check``, and compiling them all took ~17 ms of
its start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from backchannel.text.regexes import LazyPattern

# Opening mark -> the marks that may close it.
_PAIRS: dict[str, str] = {
    '"': '"',
    "'": "'",
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
_OPENERS = LazyPattern("[" + re.escape("".join(_PAIRS)) + "]")
# A number (30,000) and a word with an apostrophe (don't, l’école) are one word each.
_WORD = LazyPattern(r"\d+(?:[.,]\d+)+|\w+(?:['’]\w+)*")
_CJK = LazyPattern(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

# Words that attribute a quotation, in the languages people tweet conferences in.
_ATTRIBUTION_WORDS = LazyPattern(
    r"(?<!\w)(?:says|said|say|asks|asked|notes|noted|explains|explained|argues|argued|tells|told|reminds|"
    r"claims|claimed|quips|adds|added|according\s+to|via|per|quoting|quoted|h/t|"
    r"sagt|sagte|meint|meinte|laut|zitiert|dit|disait|selon|affirme|dice|dijo|según|afirma|zegt|zei|volgens|"
    r"diz|disse|segundo|dice|detto|secondo|говорит|сказал|сказала|по\s+словам|reminded|writes|wrote|puts\s+it|put\s+it)(?!\w)"
    r"|说|說|表示|指出|によると|と言|氏は|さんは|님은",
    re.IGNORECASE,
)
_MENTION = LazyPattern(r"(?<![\w@])[@＠]\w")
_MANUAL_RETWEET = LazyPattern(r"(?<!\w)(?:RT|MT|QT)\s*:?\s*[@＠]\w", re.IGNORECASE)
_NAME_COLON_BEFORE = LazyPattern(r"([^\W\d_][\w.'’-]*)\s*[:：]\s*$")
_DASH = LazyPattern(r"^[\s,.;:!?)\]]*[—–―~-]+\s*")
_ELISIONS = LazyPattern(r"(?:em|cause|cos|bout|til|till|tis|twas|n|s|d|ll|re|ve|round|nuff|\d\d?s?)(?!\w)", re.IGNORECASE)

# Words that start with a capital without being a name: sentence openers, reactions, what a talk is.
_NOT_NAMES = frozenset(
    "a an the this that these those it its i me my we our you your he she they them his her their "
    "someone somebody everyone everybody nobody anyone people today tonight now next here there what why how when where who "
    "great good nice love loved wow yes no so and but or also amazing brilliant awesome true indeed exactly agreed "
    "best favourite favorite fantastic excellent inspiring powerful important interesting beautiful key must such "
    "thanks thank lol haha quote keynote session talk panel workshop theme title topic slide question answer tip note "
    "update lesson takeaway motto slogan tagline prompt breaking".split()
)
# Nouns that say the quoted words are the name of something, not someone's speech.
_TITLE_NOUNS = (
    r"talks?|sessions?|keynotes?|preso|presentations?|panels?|workshops?|tracks?|themes?|prizes?|awards?|videos?|films?|movies?|"
    r"documentar(?:y|ies)|books?|novels?|chapters?|articles?|papers?|posts?|blogs?|pages?|sites?|songs?|albums?|records?|posters?|"
    r"assignments?|shows?|episodes?|series|courses?|class(?:es)?|modules?|games?|plays?|stor(?:y|ies)|podcasts?|slides?|decks?|"
    r"reports?|stud(?:y|ies)|projects?|campaigns?|exhibits?|exhibitions?|categor(?:y|ies)|tags?|hashtags?|sections?|titles?|"
    r"titled|entitled|called|named|dubbed|buttons?|options?|folders?|files?|"
    r"labels?|status|messages?|headlines?|mottos?|slogans?|taglines?|prompts?|memes?|apps?|tools?|pieces?|works?|poems?|"
    r"covers?|mashups?|remix(?:es)?|generators?|magazines?|journals?|columns?|threads?|programmes?|programs?|"
    r"watch(?:ing|ed)?|read(?:ing)?|listen(?:ing)?\s+to|hear(?:ing)?|present(?:ing|ed)?|play(?:ing|ed)?|sing(?:ing|s)?|"
    r"check(?:ing)?\s+out|see|search(?:ing)?\s+for|select|click"
)
_TITLE_BEFORE = LazyPattern(rf"(?<!\w)(?:{_TITLE_NOUNS})(?:\s+(?:on|of|about|for|from|by|is|was|:))?\s*[:：]?\s*$", re.IGNORECASE)
_TITLE_AFTER = LazyPattern(rf"^[\s,.:;!?]*(?:[-–—]\s*)?(?:{_TITLE_NOUNS})(?!\w)", re.IGNORECASE)
# A theme, title or motto announced with a colon is a title whatever its length.
_NAMED_BY_COLON = LazyPattern(r"(?<!\w)(?:theme|title|topic|motto|slogan|tagline|prompt|subject|question)\s*[:：]\s*$", re.IGNORECASE)
# Made-up or example speech: what someone could say, not what someone said.
_EXAMPLE_BEFORE = LazyPattern(
    r"(?<!\w)(?:something\s+like|like|such\s+as|e\.\s?g\.|for\s+example|for\s+instance|saying|instead\s+of|rather\s+than|imagine|"
    r"pretend|what\s+if|moratorium\s+on|(?:enough\s+(?:of|with)|(?:tired|sick)\s+of)(?:\s+(?:the|all|these|those))?|no\s+more|stop|don['’]t|do\s+not|never|try|as\s+in|known\s+as|aka|as)\s*[:,]?\s*$",
    re.IGNORECASE,
)
# What a program says ("Fatal error: …", "Warning: …") is nobody's speech.
_PROGRAM_MESSAGE = LazyPattern(r"fatal\s+error|(?:error|warning|exception|alert)(?:\s*[:#(]|\s+\d|\s+(?:message|code)\b)", re.IGNORECASE)
# Watching, listening to, reading or playing something: the quote names the work, pronouns or not ("come as you are").
_WORK_BEFORE = LazyPattern(r"(?<!\w)(?:watch(?:ing|ed)?|listen(?:ing|ed)?\s+to|reading|play(?:ing|ed)?|sing(?:ing|s)?|humming)\s*$", re.IGNORECASE)
# A hashtag that says the post's words are made up: a game of invented lines, a parody, a joke, a caption contest.
_INVENTED_TAG = LazyPattern(
    r"[#＃]\w*?(?:madlibs?|parod(?:y|ies)|satire|satirical|spoof|fake_?quotes?|jokes?(?!r)|caption(?:this|contest|it)|whatif|hypothetical)",
    re.IGNORECASE,
)
_IMPERATIVE_COLON = LazyPattern(r"(?:^|[.!?]\s+)(?:report|tweet|post|write|try|ask|tell|type|add|use|put|say)\b[^.!?\"“]*[:：]\s*$", re.IGNORECASE)
_TERM_NOUNS = r"(?:words?|terms?|phrases?|ideas?|concepts?|notions?|things?|approach(?:es)?|models?|mindsets?|metaphors?|buzzwords?)"
_TERM_NOUN_BEFORE = LazyPattern(rf"(?<!\w){_TERM_NOUNS}\s*[:：]?\s*$", re.IGNORECASE)
_TERM_NOUN_AFTER = LazyPattern(rf"^[\s,]*{_TERM_NOUNS}(?!\w)", re.IGNORECASE)
_TERM_BEFORE = LazyPattern(r"(?<!\w)(?:the|a|an|so-called|called|termed|dubbed|aka|as|of|on|in|about|into|your|my|our|their|his|her|its)\s*$", re.IGNORECASE)
_SPEECH_PRONOUNS = LazyPattern(
    r"(?<!\w)(?:i|i['’](?:m|d|ve|ll)|me|my|mine|we|we['’](?:re|ve|ll|d)|us|our|ours|you|you['’](?:re|ve|ll|d)|your|yours|let['’]s)(?!\w)", re.IGNORECASE
)
_SENTENCE_END = LazyPattern(r"(?<![.…])[.!?。！？]['’\"”»]?\s*$")  # a trailing ellipsis ends no sentence
_THING_NAME = LazyPattern(r"\w\.(?:[a-z]{2,4})(?!\w)|_")  # galleria.io, final.mp3, DS106a_files: names of things
# A list of quotations ("A" "B", "A", "B" and "C") are of one kind.
_LIST_GAP = LazyPattern(r"^\s*(?:[,;/&+]|and|or|und|et|y)?\s*$", re.IGNORECASE)
_SMALL_WORDS = frozenset("a an the of for in on at to with and or nor but by from as vs via w is be de la le du des und der die das el y".split())
_YEAR = LazyPattern(r"^\W*[^\W\d_][\w.'’-]*,?\s+\(?(?:1[5-9]|20)\d\d\)?(?!\w)")  # "kay 1971": a citation
_NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*|(?:de|van|von|da|del|der|le|la|bin|ibn|al)(?=\s+[A-ZÀ-ÖØ-Þ]))"
_NAME_AFTER = LazyPattern(
    rf"^[\s,;:]*(?:#\w+\s+)*(?P<paren>\(\s*(?:from\s+|by\s+|via\s+)?)?['‘\"“]?(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}})['’\"”]?"
    r"(?=\s*$|\s*[)\],.;:!?]|\s+(?:#|@|https?://|\d{4}\b|at\b|on\b|in\b|from\b|of\b)|['’]s\b)"
)
_NAME_AFTER_DASH = LazyPattern(rf"(?:[@＠]\w|{_NAME_TOKEN})")
_POSSESSIVE_BEFORE = LazyPattern(r"([A-ZÀ-ÖØ-Þ][\w-]+)['’]s(?:\s+[\w-]+){0,3}\s+(?:that|is|was|:)?\s*[:：]?\s*$")
_SOURCE_BEFORE = LazyPattern(
    r"([A-ZÀ-ÖØ-Þ][\w-]+)(?:\s+[\w-]+){0,2}\s+(?:interview|talk|keynote|speech|lecture|argument|point|line|words|remarks|answer|tweet|post|book|paper)"
    r"(?:\s+(?:on|about)\s+[\w\s-]{0,30})?\s*[:：,]?\s*$"
)


_CONTEXT = 80
_TAIL = 40


@lru_cache(maxsize=256)
def _retweet_at(text: str) -> int:
    """Where the first manual retweet marker ("RT @name") stands; -1 when there is none."""
    match = _MANUAL_RETWEET.get().search(text)
    return -1 if match is None else match.start()


@dataclass(slots=True)
class Quote:
    start: int  # index of the opening mark
    end: int  # index after the closing mark
    words: int


def _count_words(content: str) -> int:
    cjk = len(_CJK.get().findall(content))
    # CJK has no spaces: two characters make roughly one word.
    latin = len(_WORD.get().findall(_CJK.get().sub(" ", content)))
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
            # A straight single quote closes only at the end of a word ('em, students' work are apostrophes).
            if ch == "'" and (after.isalnum() or text[i - 1 : i].isspace()):
                i += 1
                continue
            return i
        i += 1
    return -1


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can open a quotation here."""
    opener = text[i]
    before = text[i - 1 : i]
    # An apostrophe-like opener inside a word (rock’n’roll) opens nothing; nor does a straight
    # double quote glued to the word before it (a link's tail, WHERE"S).
    if opener in "‘’'\"" and before.isalnum():
        return False
    if opener == "'":
        # 'em, 'cause, '90s are elisions; a straight quote opens only at the start of a word.
        after = text[i + 1 : i + 2]
        if not after or after.isspace() or _ELISIONS.get().match(text, i + 1):
            return False
    return True


def find_quotes(text: str, *, min_words: int) -> list[Quote]:
    """Quotations of at least ``min_words`` words, left to right, not nested."""
    quotes: list[Quote] = []
    pos = 0
    while True:
        match = _OPENERS.get().search(text, pos)
        if match is None:
            return quotes
        i = match.start()
        if not _opens(text, i):
            pos = i + 1
            continue
        j = _find_closer(text, text[i], i + 1)
        if j < 0:
            pos = i + 1
            continue
        words = _count_words(text[i + 1 : j])
        if words >= min_words:
            quotes.append(Quote(i, j + 1, words))
        pos = j + 1


def _title_case(content: str) -> bool:
    """“Messing with the MacGuffin”: every word that is not a small word starts with a capital."""
    if content.isupper():
        return False  # shouting is speech
    words = [w for w in _WORD.get().findall(content) if w[0].isalpha()]
    big = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return len(big) >= 2 and all(w[0].isupper() for w in big)


def kind(text: str, quote: Quote, previous: tuple[Quote, str] | None = None) -> str:
    """What the quotation marks wrap: "speech" (someone's words), or a "title", a "term" or an "example".

    ``previous`` is the quotation before this one and its kind: in a list of
    quotations ("A" "B" and "C") they are all of the same kind.
    """
    content = text[quote.start + 1 : quote.end - 1].strip()
    # What tells a title or an example stands right next to the quote: a bounded look keeps long drafts cheap.
    before = text[max(0, quote.start - _CONTEXT) : quote.start]
    after = text[quote.end : quote.end + _CONTEXT]
    tail = before[-_TAIL:]  # the patterns anchored at the quote need only its last few words
    if previous is not None and previous[1] != "speech" and _LIST_GAP.get().match(text[previous[0].end : quote.start]):
        return previous[1]
    if _title_case(content) or _NAMED_BY_COLON.get().search(tail):
        return "title"
    if _EXAMPLE_BEFORE.get().search(tail) or _IMPERATIVE_COLON.get().search(before) or _INVENTED_TAG.get().search(text):
        return "example"
    if _PROGRAM_MESSAGE.get().match(content):
        return "term"
    if _WORK_BEFORE.get().search(tail) and quote.words <= 10 and not _SENTENCE_END.get().search(content):
        return "title"
    speechlike = bool(_SPEECH_PRONOUNS.get().search(content) or _SENTENCE_END.get().search(content))
    short = quote.words <= 6 and not re.search(r"[,;:!?.…]", content.rstrip("?!"))
    if short and not speechlike and (_TERM_NOUN_BEFORE.get().search(tail) or _TERM_NOUN_AFTER.get().search(after)):
        return "term"
    if short and not speechlike and (_TITLE_BEFORE.get().search(tail) or _TITLE_AFTER.get().search(after)):
        return "title"
    if _THING_NAME.get().search(content) and not speechlike:
        return "term"
    if not speechlike and quote.words <= 3:
        return "term"  # three words without a pronoun or a full stop read as a phrase, not as someone's speech
    if not speechlike and content[:1].islower():
        # "community of practice", "preaching to the choir" has its limits, on "the same page": a phrase in a sentence.
        if quote.words <= 4 or (quote.words <= 8 and _TERM_BEFORE.get().search(tail)):
            return "term"
    return "speech"


def _names_someone_after(after: str) -> bool:
    match = _NAME_AFTER.get().match(after)
    if match is not None:
        name = match.group("name").split()
        if match.group("paren") is not None or after.lstrip().startswith("("):
            return name[0].casefold() not in _NOT_NAMES  # "(Lave)", "(from 'Storytelling Animal')"
        if len(name) >= 2 and name[0].casefold() not in _NOT_NAMES:
            return True  # "Jane Doe", "Haunted Theme Park Experience": one word alone could be any capitalised word
    return bool(_YEAR.get().match(after))


def has_attribution(text: str, quote: Quote, *, window: int, names: tuple[str, ...] = ()) -> bool:
    """True when a person (or the source) is named near the quotation, or it is a retweeted post's words."""
    content = text[quote.start + 1 : quote.end - 1].lstrip()
    before = text[max(0, quote.start - window) : quote.start]
    after = text[quote.end : quote.end + window]
    # “@someone: text of their post”, and everything after "RT @someone": a manual retweet names its author.
    if _MENTION.get().match(content) or 0 <= _retweet_at(text) < quote.start:
        return True
    if _MENTION.get().search(before) or _MENTION.get().search(after):
        return True
    dash = _DASH.get().match(after)
    if dash is not None and _NAME_AFTER_DASH.get().match(after, dash.end()):
        return True
    colon = _NAME_COLON_BEFORE.get().search(before)
    if colon and colon.group(1)[0].isupper() and colon.group(1).casefold() not in _NOT_NAMES and not _TITLE_BEFORE.get().search(before):
        return True
    possessive = _POSSESSIVE_BEFORE.get().search(before) or _SOURCE_BEFORE.get().search(before)
    if possessive and possessive.group(1).casefold() not in _NOT_NAMES:
        return True
    if _names_someone_after(after):
        return True
    if _ATTRIBUTION_WORDS.get().search(before) or _ATTRIBUTION_WORDS.get().search(after):
        return True
    near = (before + " " + after).casefold()
    for name in names:
        parts = name.casefold().split()
        if parts and (name.casefold() in near or (len(parts[-1]) >= 3 and re.search(rf"(?<!\w){re.escape(parts[-1])}(?!\w)", near))):
            return True
    return False
