"""Platform-exact length counting and entity extraction for drafts.

* X: twitter-text's weighted length (config v3 by default; v2 and v1 are
  available) and its hashtag, mention/list, URL and cashtag extractors.
* Bluesky: 300 grapheme clusters, links shortened as the official app does,
  entities as the atproto SDK detects them.
* Mastodon: 500 grapheme clusters of the validator's "countable text" (URLs
  are 23, remote mentions count as ``@user``).

Every index is a code point index into the text as passed in. Importing this
package is cheap: the ``regex`` module and the TLD list load on first need.
"""

from __future__ import annotations

from .api import analyse, default_limit, extract_entities, weighted_length
from .config import DEFAULT_CONFIG, V1, V2, V3, TwitterTextConfig, WeightRange
from .extract import (
    cashtag_entities,
    extract_reply,
    hashtag_entities,
    mention_entities,
    remove_overlaps,
    url_entities,
)
from .model import (
    PLATFORMS,
    Entities,
    Entity,
    EntityKind,
    Length,
    ParseResult,
    Platform,
    TextReport,
)
from .x import parse_tweet

__all__ = [
    "DEFAULT_CONFIG",
    "PLATFORMS",
    "V1",
    "V2",
    "V3",
    "Entities",
    "Entity",
    "EntityKind",
    "Length",
    "ParseResult",
    "Platform",
    "TextReport",
    "TwitterTextConfig",
    "WeightRange",
    "analyse",
    "cashtag_entities",
    "default_limit",
    "extract_entities",
    "extract_reply",
    "hashtag_entities",
    "mention_entities",
    "parse_tweet",
    "remove_overlaps",
    "url_entities",
    "weighted_length",
]
