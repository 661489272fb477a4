"""One shape for a post's entities, whether the extension recorded it or an archive had it.

``{"hashtags": ["LT13"], "mentions": ["priyaraman"], "urls": [{"url": …, "expanded": …, "display": …}]}``:
``url`` is the link as it stands in the text (an archive's t.co link), ``expanded``
where it leads. The review page and the export render links from this.
"""

from __future__ import annotations

from typing import Any

from backchannel.text import extract_entities
from backchannel.text.model import Platform


def entities_of_text(text: str, platform: Platform) -> dict[str, Any]:
    """The entities of a post as the platform finds them in its text."""
    found = extract_entities(text, platform)
    return {
        "hashtags": [e.text for e in found.hashtags],
        "mentions": [e.text for e in found.mentions],
        "urls": [{"url": e.text, "expanded": e.text if "://" in e.text else "https://" + e.text, "display": e.text} for e in found.urls],
    }


def folded_hashtags(entities: dict[str, Any]) -> tuple[str, ...]:
    """The hashtags, casefolded and unique, for matching against events and sessions."""
    seen: dict[str, None] = {}
    for tag in entities.get("hashtags", ()):
        seen.setdefault(str(tag).casefold(), None)
    return tuple(seen)
