"""The entry points other modules call: one report per draft and platform."""

from __future__ import annotations

from ..errors import InvalidInput
from . import bluesky, mastodon
from .config import V3, TwitterTextConfig
from .extract import x_entities
from .model import PLATFORMS, Entities, Length, Platform, TextReport
from .urls import url_spans
from .x import measure, nfc
from .x import weighted_length as _x_weighted_length

__all__ = ["analyse", "default_limit", "extract_entities", "weighted_length"]

_DEFAULT_LIMITS: dict[str, int] = {"x": V3.max_weighted_tweet_length, "bluesky": bluesky.LIMIT, "mastodon": mastodon.LIMIT}
_x_configs: dict[int, TwitterTextConfig] = {}


def _check_platform(platform: str) -> None:
    if platform not in _DEFAULT_LIMITS:
        raise InvalidInput(
            f"unknown platform {platform!r}; expected one of {', '.join(PLATFORMS)}",
            details={"platform": platform},
        )


def _x_config(limit: int | None) -> TwitterTextConfig:
    if limit is None or limit == V3.max_weighted_tweet_length:
        return V3
    config = _x_configs.get(limit)
    if config is None:
        config = _x_configs[limit] = V3.with_limit(limit)
    return config


def default_limit(platform: Platform) -> int:
    """The platform's standard limit: 280 (X), 300 (Bluesky), 500 (Mastodon)."""
    _check_platform(platform)
    return _DEFAULT_LIMITS[platform]


def _permillage(weighted: int, limit: int) -> int:
    return weighted * 1000 // limit if limit > 0 else 0


def analyse(text: str, platform: Platform = "x", *, limit: int | None = None) -> TextReport:
    """Length against the limit and the entities of one draft.

    ``limit`` overrides the platform default (a Mastodon instance with 1000
    characters, an X account with long posts). URL parsing is shared between
    the length and the entities.
    """
    if limit is not None and limit < 1:
        raise InvalidInput("limit must be a positive number of characters", details={"limit": limit})
    if platform == "x":
        config = _x_config(limit)
        norm = nfc(text)
        spans = url_spans(text)
        # Entities index the text as typed; the length is measured on its NFC
        # form, which only differs for decomposed accents and the like.
        m = measure(text, config, norm=norm, urls=spans if norm is text else url_spans(norm))
        length = Length(
            m.weighted, config.max_weighted_tweet_length, m.valid, m.permillage, (0, m.display_end), (0, m.valid_end)
        )
        return TextReport(length, x_entities(text, spans))
    _check_platform(platform)
    cap = _DEFAULT_LIMITS[platform] if limit is None else limit
    if platform == "bluesky":
        weighted, valid, valid_end, entities = bluesky.bluesky_analysis(text, cap)
    else:
        weighted, valid, valid_end, entities = mastodon.mastodon_analysis(text, cap)
    display_end = len(text) - 1 if text else 0
    length = Length(weighted, cap, valid, _permillage(weighted, cap), (0, display_end), (0, valid_end))
    return TextReport(length, entities)


def weighted_length(text: str, platform: Platform = "x") -> int:
    """Only the length, in the platform's unit; cheap enough for a splitter's loop."""
    if platform == "x":
        return _x_weighted_length(text)
    if platform == "bluesky":
        return bluesky.bluesky_weighted_length(text)
    if platform == "mastodon":
        return mastodon.mastodon_weighted_length(text)
    _check_platform(platform)
    raise AssertionError("unreachable")


def extract_entities(text: str, platform: Platform = "x") -> Entities:
    """Hashtags, mentions, URLs (and on X cashtags) as the platform finds them."""
    if platform == "x":
        return x_entities(text)
    if platform == "bluesky":
        return bluesky.bluesky_entities(text)
    if platform == "mastodon":
        return mastodon.mastodon_entities(text)
    _check_platform(platform)
    raise AssertionError("unreachable")
