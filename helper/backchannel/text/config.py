"""Length-counting configurations for X, written out as Python constants.

twitter-text publishes its counting rules as three tiny JSON documents
(v1, v2, v3). They are restated here as dataclasses so nothing is read
from disk at run time and the values are reviewable in one place. v3 is what
X uses today: code points in the listed ranges weigh 1, everything else 2,
every URL 23 and every emoji sequence 2.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["DEFAULT_CONFIG", "V1", "V2", "V3", "TwitterTextConfig", "WeightRange"]


@dataclass(slots=True)
class WeightRange:
    """An inclusive code point range whose characters all share one weight."""

    start: int
    end: int
    weight: int


@dataclass(slots=True)
class TwitterTextConfig:
    """One twitter-text counting configuration (field names follow the JSON)."""

    version: int
    max_weighted_tweet_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[WeightRange, ...]
    emoji_parsing_enabled: bool = False

    @property
    def max_scaled_length(self) -> int:
        """The limit in the config's internal (scaled) unit."""
        return self.max_weighted_tweet_length * self.scale

    def with_limit(self, limit: int) -> TwitterTextConfig:
        """The same rules with another character limit (e.g. a paid account)."""
        if limit == self.max_weighted_tweet_length:
            return self
        return replace(self, max_weighted_tweet_length=limit)


# The ranges that weigh 1 in v2 and v3: Latin, Greek, Cyrillic, Hebrew, Arabic,
# Indic scripts and friends (U+0000-U+10FF) plus the general punctuation spaces,
# dashes and quotes. CJK, emoji and everything else weigh 2.
_LIGHT_RANGES: tuple[WeightRange, ...] = (
    WeightRange(0, 4351, 100),
    WeightRange(8192, 8205, 100),
    WeightRange(8208, 8223, 100),
    WeightRange(8242, 8247, 100),
)

V1 = TwitterTextConfig(
    version=1,
    max_weighted_tweet_length=140,
    scale=1,
    default_weight=1,
    transformed_url_length=23,
    ranges=(),
)

V2 = TwitterTextConfig(
    version=2,
    max_weighted_tweet_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    ranges=_LIGHT_RANGES,
)

V3 = TwitterTextConfig(
    version=3,
    max_weighted_tweet_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    ranges=_LIGHT_RANGES,
    emoji_parsing_enabled=True,
)

DEFAULT_CONFIG = V3
