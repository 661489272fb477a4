"""A session's links as the programme lists them, and which of them is the slides.

Programmes carry links beside the session's own page: frab XML
``<links><link href=… type=…>title</link></links>`` and ``<attachments>``,
frab/pretalx JSON ``links`` / ``attachments`` (``{url, title, type}``; the c3voc
schema's ``type`` is one of slides, paper, web, blog, article, media, related),
pretalx ``resources`` (``{resource, description}``), Sessionize answers to
questions that are web addresses. A programme reader hands what it found to
:func:`collect`; the store keeps the links, and :func:`slides_link` picks the
slides when a session is read (so a better rule needs no new import). Plain
standard library: the store and the rules import it without the readers.

Which link is the slides, by what the programme says, first rule that finds one:

1. the programme types it ``slides``;
2. its title says so: "slides", "slide deck", "deck", "Folien" (the German
   programmes' word);
3. it is on a slides host: slideshare.net, speakerdeck.com, slides.com,
   slides.google.com, docs.google.com/presentation, a ``decks.`` or
   ``slides.`` subdomain;
4. it is a presentation file: .key, .ppt, .pptx, .odp; or a .pdf that is an
   attachment (uploaded with the talk) or titled "presentation", and is not
   typed or titled as a paper, article or text.

A link whose title says it is from another, earlier talk ("previous talk",
"already given", "presentation @ Republica2014", "this is NOT going to be the
talk") is never the slides, whatever else it says. Nothing else is guessed: a
programme page, a project's site or a paper is not the slides, and a session
without such a link has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit


@dataclass(frozen=True, slots=True)
class Link:
    """A link the programme lists for a session."""

    url: str  # absolute http(s)
    title: str | None = None
    type: str | None = None  # the programme's own type, casefolded ("slides", "paper", …), when it gives one
    kind: str = "link"  # "link", or "attachment": a file uploaded with the talk

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "title": self.title, "type": self.type, "kind": self.kind}


def clean(value: object) -> str | None:
    """A trimmed single-line string, None for an empty or missing one (or a non-string)."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return text or None


MAX_LINKS = 20  # a session's links kept; programmes list a handful, never dozens
MAX_URL = 2000
MAX_TITLE = 200

_SLIDES_TITLE = re.compile(r"\b(?:slides?|slide ?deck|deck|folien)\b", re.I)
_PRESENTATION_TITLE = re.compile(r"(?:presentation|pr[äa]sentation|praese)", re.I)
_ANOTHER_TALK = re.compile(r"\b(?:previous|earlier|former|last year'?s?|bereits gehalten\w*|not (?:going to be )?the talk)\b|\s@\s+\w", re.I)
_NOT_SLIDES_TITLE = re.compile(r"\b(?:paper|article|text|transcript|preprint)\b", re.I)
_BARE_HOST = re.compile(r"^(?![^/?#]*\.(?:pdf|pptx?|key|odp|html?|png|jpe?g|gif|zip)(?:[?#]|$))(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]|$)", re.I)
_SLIDES_HOSTS = ("slideshare.net", "speakerdeck.com", "slides.com", "slides.google.com")
_PRESENTATION_FILE = re.compile(r"\.(?:key|pptx?|odp)$", re.I)


def collect(items: Iterable[tuple[Any, Any, Any, str]], *, base: str | None = None) -> list[Link]:
    """Links from (url, title, type, kind) as a reader found them: web addresses only (a relative one is
    resolved against ``base``, the session's page), the first of each address kept, at most ``MAX_LINKS``.
    ``kind`` is "link" or "attachment"."""
    out: list[Link] = []
    seen: set[str] = set()
    for raw_url, raw_title, raw_type, kind in items:
        url = clean(raw_url)
        if not url:
            continue
        if not urlsplit(url).scheme:
            if _BARE_HOST.match(url):
                url = "http://" + url  # "www.mr-beam.org", "flickr.com/derpoly": written without the scheme
            elif base:
                url = urljoin(base, url)  # "/system/…/slides.pdf": relative to the programme's site
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > MAX_URL or url in seen:
            continue
        if parts.path.endswith("/original/missing.png"):
            continue  # frab's placeholder for an attachment whose file is gone (camp 2019 has one)
        seen.add(url)
        title = (clean(raw_title) or "")[:MAX_TITLE] or None
        out.append(Link(url=url, title=title, type=(clean(raw_type) or "").casefold() or None, kind=kind))
        if len(out) >= MAX_LINKS:
            break
    return out


def _on_slides_host(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").casefold()
    if host.startswith("www."):
        host = host[4:]
    if any(host == h or host.endswith("." + h) for h in _SLIDES_HOSTS):
        return True
    if host == "docs.google.com" and parts.path.startswith("/presentation"):
        return True
    return host.startswith(("decks.", "slides."))


def _presentation_file(link: Link) -> bool:
    path = urlsplit(link.url).path
    if _PRESENTATION_FILE.search(path):
        return True
    paperish = link.type in ("paper", "article") or bool(link.title and _NOT_SLIDES_TITLE.search(link.title))
    presentation = bool(link.title and _PRESENTATION_TITLE.search(link.title))
    return (link.kind == "attachment" or presentation) and path.casefold().endswith(".pdf") and not paperish


def slides_link(links: Iterable[Link]) -> Link | None:
    """The session's slides among its links, by the rules in this module's doc; None when none is."""
    listed = [link for link in links if not (link.title and _ANOTHER_TALK.search(link.title))]
    for test in (
        lambda link: link.type == "slides",
        lambda link: bool(link.title and _SLIDES_TITLE.search(link.title)) and link.type not in ("paper", "article"),
        lambda link: _on_slides_host(link.url),
        _presentation_file,
    ):
        for link in listed:
            if test(link):
                return link
    return None
