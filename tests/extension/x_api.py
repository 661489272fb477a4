"""X's GraphQL API as the composer fixtures need it: the CreateTweet mutation.

The fixture page posts the way X's web client does (POST
/i/api/graphql/<queryId>/CreateTweet with the post in ``variables``); this
answers the way X's server does, with the JSON shapes X sends: a created post
(``data.create_tweet.tweet_results.result`` with ``rest_id``), a refusal
inside HTTP 200 (a duplicate post, code 187), or a 403 (code 226, "looks
automated"). Tests queue refusals with ``fail_next``; every request body is
kept in ``requests``.
"""

from __future__ import annotations

import itertools
import json
from collections import deque
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Route

Failure = Literal["duplicate", "forbidden"]
USER = {"rest_id": "1478591596", "screen_name": "ada_at_lt13", "name": "Ada at LT13"}
ORIGINS = ("https://x.com", "https://twitter.com", "https://mobile.x.com", "https://mobile.twitter.com")


def created_tweet(rest_id: str, text: str, reply_to: str | None = None) -> dict[str, Any]:
    """X's answer to a CreateTweet that went out (trimmed of the feature flags, shapes kept)."""
    legacy: dict[str, Any] = {
        "bookmark_count": 0, "bookmarked": False, "created_at": "Wed Jan 30 10:15:00 +0000 2013",
        "conversation_id_str": reply_to or rest_id, "display_text_range": [0, len(text)],
        "entities": {"hashtags": [], "symbols": [], "timestamps": [], "urls": [], "user_mentions": []},
        "favorite_count": 0, "favorited": False, "full_text": text, "is_quote_status": False, "lang": "en",
        "quote_count": 0, "reply_count": 0, "retweet_count": 0, "retweeted": False,
        "user_id_str": USER["rest_id"], "id_str": rest_id,
    }
    if reply_to:
        legacy |= {"in_reply_to_status_id_str": reply_to, "in_reply_to_user_id_str": USER["rest_id"], "in_reply_to_screen_name": USER["screen_name"]}
    return {"data": {"create_tweet": {"tweet_results": {"result": {
        "rest_id": rest_id,
        "has_birdwatch_notes": False,
        "core": {"user_results": {"result": {
            "__typename": "User", "id": "VXNlcjoxNDc4NTkxNTk2", "rest_id": USER["rest_id"], "is_blue_verified": False,
            "legacy": {"screen_name": USER["screen_name"], "name": USER["name"], "followers_count": 212, "created_at": "Mon Jan 02 09:00:00 +0000 2012"},
        }}},
        "unmention_data": {},
        "edit_control": {"edit_tweet_ids": [rest_id], "editable_until_msecs": "1359544500000", "is_edit_eligible": True, "edits_remaining": "5"},
        "is_translatable": False,
        "views": {"state": "Enabled"},
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "legacy": legacy,
    }}, "unmention_data": {}}}}


REFUSALS: dict[Failure, tuple[int, dict[str, Any]]] = {
    # X refuses some posts with HTTP 200 and an errors list.
    "duplicate": (200, {"errors": [{
        "message": "Authorization: Status is a duplicate. (187)", "locations": [{"line": 18, "column": 3}], "path": ["create_tweet"],
        "extensions": {"name": "AuthorizationError", "source": "Client", "code": 187, "kind": "Permissions", "tracing": {"trace_id": "9f3c0a0d5b2e4c1a"}},
        "code": 187, "kind": "Permissions", "name": "AuthorizationError", "source": "Client", "tracing": {"trace_id": "9f3c0a0d5b2e4c1a"},
    }], "data": {}}),
    "forbidden": (403, {"errors": [{
        "code": 226,
        "message": "This request looks like it might be automated. To protect our users from spam and other malicious activity, we can't complete this action right now. Please try again later.",
    }]}),
}


class XApi:
    """Answers CreateTweet (and any renamed mutation the fixture is told to use) like X."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.failures: deque[Failure] = deque()
        self._ids = itertools.count(1890000000000000001)

    def fail_next(self, failure: Failure, times: int = 1) -> None:
        self.failures.extend([failure] * times)

    def handle(self, route: "Route") -> None:
        body = json.loads(route.request.post_data or "{}")
        variables = body.get("variables", {})
        self.requests.append(variables)
        if self.failures:
            status, answer = REFUSALS[self.failures.popleft()]
        else:
            reply_to = (variables.get("reply") or {}).get("in_reply_to_tweet_id")
            status, answer = 200, created_tweet(str(next(self._ids)), variables.get("tweet_text", ""), reply_to)
        route.fulfill(status=status, body=json.dumps(answer), content_type="application/json;charset=utf-8")

    def install(self, context: "BrowserContext") -> None:
        for origin in ORIGINS:
            context.route(f"{origin}/i/api/graphql/**", self.handle)
