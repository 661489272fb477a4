"""CTX rules: who said it, in which session, and what a link is.

CTX006 is history-aware too: it reads ``Draft.history`` and stays silent
when there is none (see ``backchannel.rules.flw``)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from backchannel.context import SessionInfo
from backchannel.rules.base import Docs, Draft, Edit, Example, Fix, Level, Option, Rule, Tip
from backchannel.text.model import Platform

if TYPE_CHECKING:
    from backchannel.rules.quotes import Quote

_ADDRESSED = re.compile(r"\s*[@＠]\w")
# The marks that can open a quotation, as ``rules.quotes`` pairs them (a test holds the two equal): a draft
# with none of them quotes nobody, and CTX004 does not load the quote detector for it.
QUOTE_OPENERS = frozenset("\"'“„”«»‹›‘‚「『﹁〝")


def talks_to_someone(draft: Draft) -> bool:
    """A post that opens with a handle ("@ana see you at lunch") is a message to someone, not a post for the
    event's followers. A reply typed in X's reply box does not count: it may well be about the talk, and X
    shows it to the event's followers; archived replies open with the handle X put there."""
    return _ADDRESSED.match(draft.text) is not None


class MissingEventHashtag(Rule):
    code = "CTX001"
    name = "missing-event-hashtag"
    # A suggestion until it is right 9 times in 10 on real conference tweets (make score): it cannot
    # tell a post about the event from one about the flight there, and is right about half the time.
    level = Level.SUGGESTION
    needs = "event"
    summary = "The draft has none of the active event's hashtags."
    docs = Docs(
        what="Checks that a post made during an event carries one of the event's hashtags (any of its aliases counts; case does not matter). Posts that open "
             "with someone's handle talk to that person rather than to the event's followers: they are left alone.",
        why="Remote followers follow the event through its hashtag. A post without it is invisible to everyone who is not already following you, and the "
            "organisers cannot collect it afterwards.",
        example="Great point about informal learning: most of it happens at work.",
        instead="Great point about informal learning: most of it happens at work. #LT13",
        fix="Appends the event's main hashtag.",
    )
    examples = (
        Example("Most learning happens at work, not in courses.", fires=True, situation="event"),
        Example("Most learning happens at work, not in courses. #LT13", fires=False, situation="event"),
        Example("Most learning happens at work, not in courses. #lt13", fires=False, situation="event"),
        Example("Most learning happens at work #LearningTech13", fires=False, situation="event"),
        Example("Most learning happens at work, not in courses.", fires=False, situation="none"),
        Example("@priyaraman see you at lunch?", fires=False, situation="event"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        event = draft.event
        if event is None or not event.hashtags:
            return
        if talks_to_someone(draft):
            return
        if any(tag.casefold() in draft.hashtags_folded for tag in event.hashtags):
            return
        tag = "#" + event.hashtags[0]
        yield self.tip(
            f"No event hashtag (0 of {len(event.hashtags)} tags of {event.name}): add {tag} so people following the event see this post.",
            fix=Fix.append(f"Add {tag}", draft.text, tag),
        )


class MissingSessionTag(Rule):
    code = "CTX002"
    name = "missing-session-tag"
    level = Level.SUGGESTION
    needs = "session"
    summary = "The current session has a tag and the draft does not carry it."
    docs = Docs(
        what="When the event gives each session its own tag and a session is on now, checks that the draft carries that session's tag.",
        why="With several sessions running in parallel, the event hashtag mixes them all. A session tag lets remote followers follow one talk's flow, and "
            "lets you and the organisers group the posts afterwards.",
        example="Most learning happens in the flow of work. #LT13",
        instead="Most learning happens in the flow of work. #LT13 #LT13A1",
        fix="Appends the current session's tag.",
    )
    examples = (
        Example("Most learning happens in the flow of work. #LT13", fires=True),
        Example("Most learning happens in the flow of work. #LT13 #LT13A1", fires=False),
        Example("Most learning happens in the flow of work. #LT13 #lt13a1", fires=False),
        Example("Most learning happens in the flow of work. #LT13", fires=False, situation="event"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        session = draft.session
        if session is None or not session.tag:
            return
        if session.tag.casefold() in draft.hashtags_folded:
            return
        tag = "#" + session.tag
        yield self.tip(
            f"No session tag: add {tag} so followers can tell this post is from “{session.title}”.",
            fix=Fix.append(f"Add {tag}", draft.text, tag),
        )


@lru_cache(maxsize=512)
def _surname_pattern(name: str) -> re.Pattern[str] | None:
    parts = name.casefold().split()
    # A surname alone ("as Raman says") names the speaker; a short one could be any word.
    if len(parts) > 1 and len(parts[-1]) >= 3:
        return re.compile(rf"(?<!\w){re.escape(parts[-1])}(?!\w)")
    return None


@lru_cache(maxsize=512)
def _title_forms(title: str) -> tuple[str, str | None]:
    """The folded title, and its main part before a colon or dash when that is two words or more."""
    folded = " ".join(title.casefold().split())
    main = re.split(r"\s*[:|–—]\s+|\s+-\s+", folded, maxsplit=1)[0]
    return folded, (main if len(main.split()) >= 2 and main != folded else None)


def names_speaker(draft: Draft, session: SessionInfo) -> bool:
    """True when the draft mentions or names one of the session's speakers."""
    mentioned = {m.text.casefold() for m in draft.report.entities.mentions}
    folded = draft.folded
    for speaker in session.speakers:
        for handle in speaker.handles.values():
            bare = handle.lstrip("@").casefold()
            if bare in mentioned or bare.split("@")[0] in mentioned or handle.casefold() in folded:
                return True
        name = " ".join(speaker.name.casefold().split())
        if name and name in folded:
            return True
        surname = _surname_pattern(speaker.name)
        if surname is not None and surname.search(folded):
            return True
    return False


def names_title(draft: Draft, session: SessionInfo) -> bool:
    """True when the draft quotes the session title (or its main part before a colon)."""
    title, main = _title_forms(session.title)
    folded = " ".join(draft.folded.split())
    return bool(title) and title in folded or (main is not None and main in folded)


def names_session(draft: Draft, session: SessionInfo) -> bool:
    return names_speaker(draft, session) or names_title(draft, session)


def speaker_references(session: SessionInfo, platform: Platform) -> str:
    return ", ".join(s.reference(platform) for s in session.speakers)


class MissingSpeakerContext(Rule):
    code = "CTX003"
    name = "missing-speaker-context"
    level = Level.SUGGESTION
    needs = "session"
    summary = "A session is on and the draft names neither its speaker nor its title."
    docs = Docs(
        what="When a session is on, checks that the draft says whose talk it is about: a speaker's handle or name, or the session title. Posts that open with "
             "someone's handle are messages to that person and are left alone.",
        why="“Great point!” means nothing to someone who is not in the room. Naming the speaker gives the idea its author and lets followers find more of "
            "their work.",
        example="Most learning happens in the flow of work, not in courses. #LT13",
        instead="Most learning happens in the flow of work, not in courses, says @priyaraman #LT13",
        fix="Appends the speaker's handle for this platform (their name where they have none), or the session title when the programme lists no speaker.",
    )
    examples = (
        Example("Most learning happens at work, not in courses. #LT13", fires=True),
        Example("Most learning happens at work, says @priyaraman #LT13", fires=False),
        Example("Priya Raman: most learning happens at work #LT13", fires=False),
        Example("As Raman puts it, most learning happens at work #LT13", fires=False),
        Example("Now: Learning in the flow of work #LT13", fires=False),
        Example("@ana see you at the coffee break", fires=False),
        Example("Most learning happens at work, not in courses. #LT13", fires=False, situation="event"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        session = draft.session
        if session is None or talks_to_someone(draft) or names_session(draft, session):
            return
        if session.speakers:
            who = speaker_references(session, draft.platform)
            fix = Fix.append(f"Add {who}", draft.text, f"— {who}")
            message = f"Whose talk is this? Name the speaker ({who}) so followers know who said it."
        else:
            fix = Fix.append("Add the session title", draft.text, f"(“{session.title}”)")
            message = f"Which session is this? Name it (“{session.title}”) so followers know where this comes from."
        yield self.tip(message, fix=fix)


class UnattributedQuote(Rule):
    code = "CTX004"
    name = "unattributed-quote"
    # A warning while it is right at least 9 times in 10 on real conference tweets (make score).
    level = Level.WARNING
    needs = "nothing"
    summary = "A quotation with nobody named near it."
    docs = Docs(
        what="Finds quotations of a few words or more (straight, single and typographic quotes, and the quote marks of other languages: „…“, «…», »…«, 「…」 "
             "and more) that quote someone's words, and checks that the draft says whose: a handle or name before or after the quote, a name in parentheses "
             "or with a year, “— Name”, “Name:”, “Name's argument that”, a word like says, said, per, via or according to, or the account of a manual "
             "retweet (“RT @name:”, “@name: …”). Titles (of talks, videos, posts, themes, and what you watch, read or listen to), terms and idioms in scare "
             "quotes, a program's messages (“Fatal error: …”), and made-up or example speech (also when a hashtag such as #parody or #madlibs says so) "
             "quote nobody and are left alone.",
        why="A quote without its author gets retweeted as if it were yours, or as if it were anonymous wisdom. Attribution is the least a speaker deserves, "
            "and it is what makes the quote worth anything to a reader.",
        example="“Nobody ever learned to ride a bike in a classroom” #LT13",
        instead="“Nobody ever learned to ride a bike in a classroom” — @priyaraman #LT13",
        fix="Inserts “— ” and the current speaker's handle (or name) right after the quote, when a session is on.",
    )
    options = (
        Option("min_words", 3, "How many words a quotation needs before it must be attributed (shorter ones are usually scare quotes).", minimum=1, maximum=50),
        Option("window", 60, "How many characters before or after the quotation an attribution may stand.", minimum=0, maximum=500),
    )
    examples = (
        Example("“Nobody ever learned to ride a bike in a classroom” #LT13", fires=True),
        Example("\"Nobody ever learned to ride a bike in a classroom\" #LT13", fires=True, situation="none"),
        Example("„Niemand lernt Radfahren im Klassenzimmer“ #LT13", fires=True),
        Example("« Personne n'apprend le vélo en classe » #LT13", fires=True),
        Example("“Nobody ever learned to ride a bike in a classroom” — @priyaraman #LT13", fires=False),
        Example("Priya Raman: “nobody ever learned to ride a bike in a classroom” #LT13", fires=False),
        Example("“Nobody ever learned to ride a bike in a classroom,” says Raman #LT13", fires=False),
        Example("„Niemand lernt Radfahren im Klassenzimmer“, sagt Raman #LT13", fires=False),
        Example("This is so-called “microlearning” again #LT13", fires=False),
        Example("Now at #LT13: “Learning in the flow of work”", fires=False),
        Example("That's what we're calling it, isn't it?", fires=False, situation="none"),
        Example("'Curation is the new creation' - great line from the content session #LT13", fires=True),
        Example("\"Design is how it works\" Jane Doe #LT13", fires=False),
        Example("Watching \"The Singing Revolution\" video #LT13", fires=False),
        Example("The \"community of practice\" idea again #LT13", fires=False),
        Example("“@janedoe: our new paper on open courses is out http://t.co/abc”", fires=False),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        text = draft.text
        if QUOTE_OPENERS.isdisjoint(text):
            return
        # Imported here: compiling the quote detector's patterns is a large part of loading the rules, and
        # every command that reads the settings loads the rules; only a draft with a quotation mark needs it.
        from backchannel.rules.quotes import find_quotes, has_attribution, kind

        names: tuple[str, ...] = ()
        if draft.session is not None:
            names = tuple(s.name for s in draft.session.speakers)
        title = _title_forms(draft.session.title)[0] if draft.session is not None else None
        previous: tuple[Quote, str] | None = None
        for quote in find_quotes(text, min_words=int(options["min_words"])):
            what = kind(text, quote, previous)
            previous = (quote, what)
            # Titles, terms and made-up speech quote nobody; nor does the session's own title.
            if what != "speech":
                continue
            if title and " ".join(text[quote.start + 1 : quote.end - 1].casefold().split()).strip(" .,") == title:
                continue
            if has_attribution(text, quote, window=int(options["window"]), names=names):
                continue
            fix = None
            if draft.session is not None and draft.session.speakers:
                who = speaker_references(draft.session, draft.platform)
                # Right after the quotation, where a reader looks for whose words they are.
                fix = Fix.from_edits(f"Attribute to {who}", text, (Edit(quote.end, quote.end, f" — {who}"),))
            yield self.tip(
                f"A {quote.words}-word quote with no speaker named: say whose words these are.",
                span=(quote.start, quote.end),
                fix=fix,
            )


class BareLink(Rule):
    code = "CTX005"
    name = "bare-link"
    level = Level.SUGGESTION
    needs = "nothing"
    summary = "A link with (almost) nothing said about it."
    docs = Docs(
        what="Finds drafts that are a link plus at most a couple of words or tags. Posts that open with someone's handle are left alone: there the "
             "conversation says what the link is. A photo's own link is no link: the composer never shows it.",
        why="Nobody clicks a bare link from a stranger. One sentence on what the link is (the slides? the paper the speaker cited?) and why it matters makes "
            "it worth a click.",
        example="https://example.com/slides.pdf #LT13",
        instead="Slides from @priyaraman's talk, with the study on informal learning on p. 12: https://example.com/slides.pdf #LT13",
        fix="None: only you know what the link is.",
    )
    options = (Option("max_words", 2, "A link with at most this many other words or tags counts as bare.", minimum=0, maximum=20),)
    examples = (
        Example("https://example.com/slides.pdf #LT13", fires=True),
        Example("slides: example.com/slides.pdf", fires=True, situation="none"),
        Example("Slides from the keynote, with the study on p. 12: https://example.com/slides.pdf #LT13", fires=False),
        Example("No links in this one, just words #LT13", fires=False),
        Example("@ana see https://example.com/slides.pdf", fires=False),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        urls = draft.report.entities.urls
        # In a conversation the question says what the link is ("@ana see https://…").
        if not urls or talks_to_someone(draft):
            return
        rest = draft.text
        for url in sorted(urls, key=lambda u: u.start, reverse=True):
            rest = rest[: url.start] + " " + rest[url.end :]
        words = [w for w in rest.split() if any(c.isalnum() for c in w)]
        limit = int(options["max_words"])
        if len(words) <= limit:
            first = urls[0]
            yield self.tip(
                f"A link with {len(words)} other word{'s' if len(words) != 1 else ''}: say what it is and why it is worth a click.",
                span=(first.start, first.end),
            )


class SessionNotIntroduced(Rule):
    code = "CTX006"
    name = "session-not-introduced"
    level = Level.SUGGESTION
    needs = "session"
    reads_history = True
    summary = "Your first post in this session does not say which session it is."
    docs = Docs(
        what="When a session is on and you have not posted from it yet, checks that this first post says what the session is: its title (or the main part of "
             "it).",
        why="Followers who are not in the room meet the session through your first post about it. Without the title and the speaker, every later post of that "
            "session is a quote from nowhere.",
        example="Most learning happens in the flow of work, not in courses. #LT13",
        instead="#LT13 #LT13A1 “Learning in the flow of work” — @priyaraman\nMost learning happens in the flow of work, not in courses.",
        fix="Inserts the session's context snippet (tags, title, speakers) at the start of the draft.",
    )
    examples = (
        Example("Most learning happens in the flow of work, not in courses. #LT13 #LT13A1", fires=True),
        Example("Now at #LT13: “Learning in the flow of work” with @priyaraman", fires=False),
        Example("Most learning happens in the flow of work, not in courses. #LT13", fires=False, situation="history"),
        Example("Most learning happens in the flow of work, not in courses. #LT13", fires=False, situation="event"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        session, event = draft.session, draft.event
        if draft.history is None or session is None or event is None or draft.reply_to is not None:
            return
        if draft.history.in_session(draft.platform) is not None or names_title(draft, session):
            return
        # Loaded only when this tip fires: a draft checked with no session never needs the snippet writer.
        from backchannel.compose.snippets import session_snippet

        # Tags the draft already carries are not repeated in the snippet.
        bare_event = replace(event, hashtags=()) if any(t.casefold() in draft.hashtags_folded for t in event.hashtags) else event
        bare_session = replace(session, tag=None) if session.tag and session.tag.casefold() in draft.hashtags_folded else session
        snippet = session_snippet(bare_event, bare_session, draft.platform, draft.report.length.limit)
        yield self.tip(
            f"Your first post from “{session.title}”: say which session this is, so followers know what the next posts are about.",
            fix=Fix.from_edits("Introduce the session", draft.text, (Edit(0, 0, snippet + "\n"),)),
        )
