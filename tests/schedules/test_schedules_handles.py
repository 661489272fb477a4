"""Handle parsing: URLs, typed values and prose, per network, and what must NOT be a handle."""

from __future__ import annotations

import pytest

from backchannel.schedules import handles as H
from backchannel.schedules.model import Network


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://twitter.com/jack", ("x", "@jack")),
        ("http://www.twitter.com/SomeSpeaker/", ("x", "@SomeSpeaker")),
        ("https://x.com/dana_ex?s=21", ("x", "@dana_ex")),
        ("https://mobile.twitter.com/jack/status/20", ("x", "@jack")),
        ("twitter.com/@someone", ("x", "@someone")),
        ("https://twitter.com/#!/oldstyle", ("x", "@oldstyle")),
        ("https://twitter.com/intent/user?screen_name=viaintent", ("x", "@viaintent")),
        ("https://bsky.app/profile/Alice.BSKY.social", ("bluesky", "@alice.bsky.social")),
        ("https://bsky.app/profile/jay.example.com/post/3k", ("bluesky", "@jay.example.com")),
        ("https://hachyderm.io/@kelsey", ("mastodon", "@kelsey@hachyderm.io")),
        ("https://Chaos.Social/@Alice/111222333", ("mastodon", "@Alice@chaos.social")),
        ("https://mastodon.social/@bob@fosstodon.org", ("mastodon", "@bob@fosstodon.org")),
        ("https://mastodon.social/web/@carol", ("mastodon", "@carol@mastodon.social")),
    ],
)
def test_profile_urls(url: str, expected: tuple[str, str]) -> None:
    assert H.handle_from_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://twitter.com/hashtag/31c3",  # a hashtag page, not a person
        "https://twitter.com/search?q=x",
        "https://twitter.com/intent/tweet?text=hi",
        "https://twitter.com/",
        "https://bsky.app/profile/did:plc:abc123",  # a DID is not a handle
        "https://medium.com/@rosa",  # /@name, but Medium is not the fediverse
        "https://www.youtube.com/@channel",
        "https://www.threads.net/@someone",
        "https://www.linkedin.com/in/somespeaker/",
        "https://example.com/users/bob",  # too generic without a Mastodon label
        "not a url at all",
    ],
)
def test_urls_that_are_not_handles(url: str) -> None:
    assert H.handle_from_url(url) is None


def test_generic_users_path_counts_only_with_mastodon_label() -> None:
    assert H.handle_from_url("https://social.example/users/bob", hint="mastodon") == ("mastodon", "@bob@social.example")


@pytest.mark.parametrize(
    ("value", "hint", "expected"),
    [
        ("@jack", "x", ("x", "@jack")),
        ("jack", "x", ("x", "@jack")),
        ("@jack (personal)", "x", ("x", "@jack")),
        ("kenji.bsky.social", "bluesky", ("bluesky", "@kenji.bsky.social")),
        ("@Alice.Example.COM", "bluesky", ("bluesky", "@alice.example.com")),
        ("@rosa@hachyderm.io", "mastodon", ("mastodon", "@rosa@hachyderm.io")),
        ("rosa@Hachyderm.IO", None, ("mastodon", "@rosa@hachyderm.io")),
        ("@alice.bsky.social", None, ("bluesky", "@alice.bsky.social")),
        ("@jack", None, None),  # no label: could be any network
        ("waytoolongforatwitterhandle", "x", None),
        ("jane@example.org", "x", None),  # an e-mail under an X label is not an X handle
        ("", "x", None),
    ],
)
def test_typed_values(value: str, hint: Network | None, expected: tuple[str, str] | None) -> None:
    assert H.handle_from_value(value, hint=hint) == expected


@pytest.mark.parametrize(
    ("label", "network"),
    [
        ("Twitter", "x"),
        ("X", "x"),
        ("X (Twitter)", "x"),
        ("twitter handle", "x"),
        ("Bluesky", "bluesky"),
        ("Mastodon", "mastodon"),
        ("Fediverse", "mastodon"),
        ("LinkedIn", None),
        ("Company_Website", None),
        ("Blog", None),
        ("Project X", None),  # an "X" inside another label is not the network
        ("X handle", "x"),
    ],
)
def test_labels(label: str, network: str | None) -> None:
    assert H.network_from_label(label) == network


def test_bio_with_twitter_context() -> None:
    assert H.handles_in_text("Find me @foo on Twitter") == {"x": "@foo"}
    assert H.handles_in_text("Auf Twitter ist er als @LukasB unterwegs.") == {"x": "@LukasB"}
    assert H.handles_in_text("Follow along on X: @dana_ex") == {"x": "@dana_ex"}


def test_bio_without_context_finds_no_x_handle() -> None:
    # "@justme" alone could be Instagram, GitHub…; "Architect @ Acme" is an employer.
    assert H.handles_in_text("@justme") == {}
    assert H.handles_in_text("Software Architect @ Acme, mail me at jane@example.org") == {}


def test_bio_fediverse_and_bluesky_forms_need_no_context() -> None:
    found = H.handles_in_text("Toots as @kim@chaos.social, posts as @kim.bsky.social, tweets as @kimtweets")
    assert found == {"mastodon": "@kim@chaos.social", "bluesky": "@kim.bsky.social", "x": "@kimtweets"}


def test_bio_urls() -> None:
    found = H.handles_in_text(
        "Blog: https://kim.example. Profiles: twitter.com/kim_x and https://bsky.app/profile/kim.dev"
    )
    assert found == {"x": "@kim_x", "bluesky": "@kim.dev"}


def test_links_first_wins_and_label_handle() -> None:
    found = H.handles_from_links(
        [
            ("Twitter", "https://twitter.com/first"),
            ("X", "https://x.com/second"),
            ("@labelled", None),
            ("Mastodon", "https://fosstodon.org/@m"),
        ]
    )
    assert found == {"x": "@first", "mastodon": "@m@fosstodon.org"}


def test_merge_keeps_existing() -> None:
    target = {"x": "@a"}
    H.merge_handles(target, {"x": "@b", "bluesky": "@b.bsky.social"})
    assert target == {"x": "@a", "bluesky": "@b.bsky.social"}
