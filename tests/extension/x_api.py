"""X's GraphQL API as the composer fixtures need it: CreateTweet and CreateScheduledTweet.

The fixture page posts the way X's web client does (POST
/i/api/graphql/<queryId>/<operation> with the post in ``variables``); this
answers the way X's server does, with the JSON shapes X sends (docs/EXTENSION.md
names the public captures each follows):

- a created post: ``data.create_tweet.tweet_results.result`` with ``rest_id``,
  the author's screen name under ``core`` (where X moved it in 2025); an edit
  answers the same, with both ids in ``edit_control.edit_tweet_ids``;
- a scheduled post: ``data.tweet.rest_id`` (the id of the schedule, not of a post);
- refusals inside HTTP 200 with a top-level ``errors`` list and ``data: {}``
  (187 duplicate, 226 "looks automated", 344 daily limit), or a 403;
- a post X took without saying which it is (``tweet_results: {}``), and a post
  wrapped in ``TweetWithVisibilityResults``.

Tests queue these with ``fail_next`` / ``answer_next``; every request's
variables are kept in ``requests`` (and the operation in ``operations``).
"""

from __future__ import annotations

import itertools
import json
from collections import deque
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Route

Failure = Literal["duplicate", "forbidden", "automated", "daily-limit"]
Oddity = Literal["empty", "visibility"]
USER = {"rest_id": "1478591596", "screen_name": "ada_at_lt13", "name": "Ada at LT13"}
ORIGINS = ("https://x.com", "https://twitter.com", "https://mobile.x.com", "https://mobile.twitter.com")


def created_tweet(rest_id: str, text: str, reply_to: str | None = None, edit_of: str | None = None, quoted: str | None = None) -> dict[str, Any]:
    """X's answer to a CreateTweet that went out (trimmed of the feature flags, shapes kept)."""
    legacy: dict[str, Any] = {
        "bookmark_count": 0, "bookmarked": False, "created_at": "Wed Jan 30 10:15:00 +0000 2013",
        "conversation_id_str": reply_to or rest_id, "display_text_range": [0, len(text)],
        "entities": {"hashtags": [], "symbols": [], "timestamps": [], "urls": [], "user_mentions": []},
        "favorite_count": 0, "favorited": False, "full_text": text, "is_quote_status": False, "lang": "en",
        "quote_count": 0, "reply_count": 0, "retweet_count": 0, "retweeted": False,
        "user_id_str": USER["rest_id"], "id_str": rest_id,
    }
    if quoted:
        quoted_id = quoted.rstrip("/").rsplit("/", 1)[-1]
        legacy |= {"is_quote_status": True, "quoted_status_id_str": quoted_id,
                   "quoted_status_permalink": {"url": "https://t.co/qRw1Kp0aZx", "expanded": quoted, "display": quoted.split("://", 1)[-1][:26] + "…"}}
    if reply_to:
        legacy |= {"in_reply_to_status_id_str": reply_to, "in_reply_to_user_id_str": USER["rest_id"], "in_reply_to_screen_name": USER["screen_name"]}
    return {"data": {"create_tweet": {"tweet_results": {"result": {
        "rest_id": rest_id,
        "has_birdwatch_notes": False,
        "core": {"user_results": {"result": {
            "__typename": "User", "id": "VXNlcjoxNDc4NTkxNTk2", "rest_id": USER["rest_id"], "is_blue_verified": False,
            "core": {"screen_name": USER["screen_name"], "name": USER["name"], "created_at": "Mon Jan 02 09:00:00 +0000 2012"},
            "legacy": {"followers_count": 212, "default_profile": True},
        }}},
        "unmention_data": {},
        "edit_control": {
            "edit_tweet_ids": [edit_of, rest_id] if edit_of else [rest_id], "editable_until_msecs": "1359544500000", "is_edit_eligible": True,
            "edits_remaining": "5",
        },
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
    "automated": (200, {"errors": [{
        "message": "Authorization: This request looks like it might be automated. To protect our users from spam and other malicious activity, we can't "
                   "complete this action right now. Please try again later. (226)",
        "locations": [{"line": 18, "column": 3}], "path": ["create_tweet"],
        "extensions": {"name": "AuthorizationError", "source": "Client", "code": 226, "kind": "Permissions"},
        "code": 226, "kind": "Permissions", "name": "AuthorizationError", "source": "Client",
    }], "data": {}}),
    "daily-limit": (200, {"errors": [{
        "message": "Authorization: You are over the daily limit for sending posts. (344)",
        "locations": [{"line": 18, "column": 3}], "path": ["create_tweet"],
        "extensions": {"name": "AuthorizationError", "source": "Client", "code": 344, "kind": "Permissions"},
        "code": 344, "kind": "Permissions", "name": "AuthorizationError", "source": "Client",
    }], "data": {}}),
    "forbidden": (403, {"errors": [{
        "code": 226,
        "message": "This request looks like it might be automated. To protect our users from spam and other malicious activity, we can't complete this action "
                   "right now. Please try again later.",
    }]}),
}


def scheduled_tweet(rest_id: str) -> dict[str, Any]:
    """X's answer to CreateScheduledTweet: the schedule's id, no post yet."""
    return {"data": {"tweet": {"rest_id": rest_id}}}


def odd_answer(oddity: Oddity, created: dict[str, Any]) -> dict[str, Any]:
    """A created post answered the unusual ways X answers them."""
    if oddity == "empty":
        return {"data": {"create_tweet": {"tweet_results": {}}}}
    result = created["data"]["create_tweet"]["tweet_results"]["result"]
    wrapped = {"__typename": "TweetWithVisibilityResults", "tweet": result, "limitedActionResults": {"limited_actions": []}}
    return {"data": {"create_tweet": {"tweet_results": {"result": wrapped}}}}


class XApi:
    """Answers CreateTweet, CreateScheduledTweet (and a renamed mutation the fixture is told to use) like X."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.operations: list[str] = []
        self.failures: deque[Failure] = deque()
        self.oddities: deque[Oddity] = deque()
        self._ids = itertools.count(1890000000000000001)

    def fail_next(self, failure: Failure, times: int = 1) -> None:
        self.failures.extend([failure] * times)

    def answer_next(self, oddity: Oddity) -> None:
        self.oddities.append(oddity)

    def handle(self, route: "Route") -> None:
        body = json.loads(route.request.post_data or "{}")
        variables = body.get("variables", {})
        operation = route.request.url.rsplit("/", 1)[-1].split("?", 1)[0]
        self.requests.append(variables)
        self.operations.append(operation)
        if self.failures:
            status, answer = REFUSALS[self.failures.popleft()]
        elif operation == "CreateScheduledTweet":
            status, answer = 200, scheduled_tweet(str(next(self._ids)))
        else:
            reply_to = (variables.get("reply") or {}).get("in_reply_to_tweet_id")
            edit_of = (variables.get("edit_options") or {}).get("previous_tweet_id")
            status, answer = 200, created_tweet(str(next(self._ids)), variables.get("tweet_text", ""), reply_to, edit_of, variables.get("attachment_url"))
            if self.oddities:
                answer = odd_answer(self.oddities.popleft(), answer)
        route.fulfill(status=status, body=json.dumps(answer), content_type="application/json;charset=utf-8")

    def install(self, context: "BrowserContext") -> None:
        for origin in ORIGINS:
            context.route(f"{origin}/i/api/graphql/**", self.handle)
