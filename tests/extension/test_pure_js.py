"""The extension's pure functions, run by node on the real files (no browser needed):
page detection from sample URLs, code point ↔ UTF-16 indices, fix planning, X's
requests to post and its answers (with X's real JSON shapes: posts, scheduled posts,
edits, quotes, refusals at HTTP 200), the post shortcut, base64 for photos, the checks
sent ahead of the pause in typing, and reading photo descriptions from X's one
description link in any language."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from tests.extension.browser import EXTENSION_DIR
from tests.extension.x_api import REFUSALS, created_tweet, odd_answer, scheduled_tweet

RUNNER = Path(__file__).with_name("js") / "run-pure.mjs"

URLS: dict[str, set[str]] = {
    # url: the page tests that are true for it
    "https://x.com/home": {"isX", "isHome", "canCoach", "expectsComposer"},
    "https://twitter.com/home?lang=en": {"isX", "isHome", "canCoach", "expectsComposer"},
    "https://x.com/compose/post": {"isX", "isCompose", "canCoach", "expectsComposer"},
    "https://x.com/compose/tweet": {"isX", "isCompose", "canCoach", "expectsComposer"},
    "https://mobile.x.com/compose/post?text=hi": {"isX", "isCompose", "canCoach", "expectsComposer"},
    "https://x.com/priyaraman/status/1296887091901718529": {"isX", "isConversation", "canCoach"},
    "https://mobile.twitter.com/priyaraman/status/1296887091901718529/photo/1": {"isX", "isConversation", "canCoach"},
    "https://x.com/i/web/status/1296887091901718529": {"isX", "isConversation", "canCoach"},
    "https://x.com/priyaraman": {"isX", "canCoach"},
    "https://x.com/explore": {"isX", "canCoach"},
    "https://x.com/messages/123-456": {"isX", "isMessages"},
    "https://x.com/i/chat": {"isX", "isMessages"},
    "https://x.com/settings/account": {"isX", "isSettings"},
    "https://x.com/i/flow/login": {"isX", "isSettings"},
    "http://x.com/home": {"isHome"},
    "https://evil.example/home": {"isHome"},
    "https://x.com.evil.example/compose/post": {"isCompose"},
    "https://x.com/home/extra": {"isX", "canCoach"},
}
PAGE_TESTS = {"isX", "isHome", "isCompose", "isConversation", "isMessages", "isSettings", "canCoach", "expectsComposer"}


@lru_cache(maxsize=1)
def answers() -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (scripts/test-deps.sh installs it)")
    questions = {
        "urls": list(URLS),
        "toUtf16": [["abc", 2], ["🎤 hi", 1], ["🎤 hi", 2], ["a🎤b", 3], ["ab", 10]],
        "toCodePoint": [["abc", 2], ["🎤 hi", 2], ["a🎤b", 3]],
        "plans": [
            [{"edits": [{"start": 5, "end": 5, "insert": " #LT13"}], "result": "hello #LT13"}, "hello", "hello"],
            [{"edits": [{"start": 5, "end": 6, "insert": " #LT13"}], "result": "hello #LT13"}, "hello ", "hello "],
            [{"edits": [{"start": 5, "end": 5, "insert": " #LT13"}], "result": "hello #LT13"}, "hello", "hello world"],
            [{"edits": [{"start": 0, "end": 0, "insert": "#LT13"}], "result": "#LT13"}, "", "typed"],
            [{"edits": [{"start": 2, "end": 2, "insert": " — @priya"}], "result": "🎤! — @priya"}, "🎤!", "🎤!"],
            [{"edits": [{"start": 0, "end": 3, "insert": "Hi"}], "result": "Hi there"}, "Hey there", "Hey there"],
            [{"edits": [{"start": 0, "end": 3, "insert": "Hi"}], "result": "Hi there"}, "Hey there", "Hey there!"],
        ],
        "withoutTags": [
            ["#LT13 #LT13A1 “Learning in the flow of work” — @priyaraman", "Great talk #lt13"],
            ["#LT13 #LT13A1 “Learning” — @priyaraman", "Great talk"],
        ],
        "statusUrls": ["https://x.com/priyaraman/status/1296887091901718529", "https://x.com/i/web/status/42/photo/1", "https://x.com/home",
                       "https://x.com/priyaraman/statuses/12", "https://x.com/a/b/status/1"],
        "createTweetPaths": ["/i/api/graphql/oB-5XsHNAbjvARJEc8CZFw/CreateTweet", "/i/api/graphql/abc/CreateNoteTweet", "/i/api/graphql/abc/CreateRetweet",
                             "/i/api/graphql/abc/CreateTweet/extra", "/i/api/1.1/statuses/update.json", "/i/api/graphql/abc/CreateScheduledTweet"],
        "createTweetRequests": [
            json.dumps({"variables": {"tweet_text": "Hello #LT13", "media": {"media_entities": []}}, "queryId": "q"}),
            json.dumps({"variables": {"tweet_text": "Agreed", "reply": {"in_reply_to_tweet_id": "1296887091901718529", "exclude_reply_user_ids": []}}}),
            json.dumps({"variables": {"reply": {"in_reply_to_tweet_id": "12"}}}),
            "not json",
            None,
            # A quote carries the quoted post's address; an edit, the post it edits.
            json.dumps({"variables": {"tweet_text": "This", "attachment_url": "https://x.com/priyaraman/status/1880000000000000042"}}),
            json.dumps({"variables": {"tweet_text": "Fixed typo", "edit_options": {"previous_tweet_id": "1890000000000000001"}}}),
            json.dumps({"variables": {"tweet_text": "x", "attachment_url": "javascript:alert(1)", "edit_options": {"previous_tweet_id": "../1"}}}),
            # CreateScheduledTweet (twikit's client posts it the way X's web client does).
            json.dumps({"variables": {"post_tweet_request": {"auto_populate_reply_metadata": False, "status": "Later #LT13", "exclude_reply_user_ids": [], "media_ids": []},
                                      "execute_at": 1359554400}, "queryId": "LCVzRQGxOaGnOnYH01NQXg"}),
        ],
        "createTweetResponses": [
            [200, json.dumps(created_tweet("1890000000000000001", "Hello #LT13"))],
            [200, json.dumps(created_tweet("1890000000000000002", "Agreed", reply_to="1296887091901718529"))],
            # Newer X answers: the user's screen name under core, and a post wrapped for visibility.
            [200, json.dumps({"data": {"create_tweet": {"tweet_results": {"result": {"__typename": "TweetWithVisibilityResults", "tweet": {
                "rest_id": "7", "core": {"user_results": {"result": {"core": {"screen_name": "ada"}}}}, "legacy": {"full_text": "x"}}}}}}})],
            [200, json.dumps({"data": {"notetweet_create": {"tweet_results": {"result": {"rest_id": "8", "legacy": {"full_text": "long"}}}}}})],
            [REFUSALS["duplicate"][0], json.dumps(REFUSALS["duplicate"][1])],
            [REFUSALS["forbidden"][0], json.dumps(REFUSALS["forbidden"][1])],
            [200, "<html>not json</html>"],
            [0, None],
            [500, json.dumps(created_tweet("9", "a 500 is never a post"))],
            [200, json.dumps(scheduled_tweet("1890000000000000077"))],
            [200, json.dumps(odd_answer("empty", created_tweet("1", "x")))],
            [200, json.dumps(odd_answer("visibility", created_tweet("1890000000000000003", "seen")))],
            [REFUSALS["automated"][0], json.dumps(REFUSALS["automated"][1])],
            [REFUSALS["daily-limit"][0], json.dumps(REFUSALS["daily-limit"][1])],
        ],
        "shortcuts": [
            {"key": "Enter", "ctrlKey": True, "mac": False}, {"key": "Enter", "ctrlKey": True, "shiftKey": True, "mac": False},
            {"key": "Enter", "metaKey": True, "mac": False}, {"key": "Enter", "metaKey": True, "mac": True},
            {"key": "Enter", "ctrlKey": True, "mac": True}, {"key": "Enter", "ctrlKey": True, "altKey": True, "mac": False},
            {"key": "a", "ctrlKey": True, "mac": False},
        ],
        "postUrls": [["https://x.com", "1", "ada"], ["https://twitter.com", "2", None]],
        "replyPages": [
            {"url": "https://x.com/ada/status/111", "remote_id": "111"},
            {"url": "https://evil.example/ada/status/111", "remote_id": "111"},
            {"url": "javascript:alert(1)", "remote_id": None},
            {"url": None, "remote_id": "222"},
            {"url": "http://x.com/ada/status/333", "remote_id": "../../x"},
        ],
        "base64": [[], [0, 255, 128], list(range(256)) * 200],
        "helperUrls": ["http://127.0.0.1:28841", "http://localhost:1", "http://[::1]:28841", "https://127.0.0.1:28841",
                       "http://127.0.0.1.evil.example:28841", "http://127.0.0.1:28841/v1", "http://10.0.0.1:28841"],
    }
    done = subprocess.run(["node", str(RUNNER), str(EXTENSION_DIR)], input=json.dumps(questions), capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("url", list(URLS))
def test_page_detection(url: str) -> None:
    result = answers()["pages"][list(URLS).index(url)]
    assert set(result) == PAGE_TESTS
    assert {name for name, true in result.items() if true} == URLS[url]


def test_code_points_to_utf16_and_back() -> None:
    assert answers()["toUtf16"] == [2, 2, 3, 4, 2]
    assert answers()["toCodePoint"] == [2, 1, 2]


def test_fix_plans() -> None:
    plans = answers()["plans"]
    assert plans[0] == {"mode": "append", "text": " #LT13", "expected": "hello #LT13"}
    # Trailing whitespace the fix would replace is reused instead of doubled.
    assert plans[1] == {"mode": "append", "text": "#LT13", "expected": "hello #LT13"}
    # An append stays right when the person typed more after the check.
    assert plans[2] == {"mode": "append", "text": " #LT13", "expected": "hello world #LT13"}
    assert plans[3] == {"mode": "append", "text": " #LT13", "expected": "typed #LT13"}
    # Indices are code points: the emoji is one, not two.
    assert plans[4] == {"mode": "append", "text": " — @priya", "expected": "🎤! — @priya"}
    assert plans[5] == {"mode": "replace", "text": "Hi there", "expected": "Hi there"}
    # A whole-draft fix computed for an older draft would lose what was typed since.
    assert plans[6] == {"mode": "stale"}


def test_session_snippet_drops_tags_the_draft_has() -> None:
    assert answers()["withoutTags"] == ["#LT13A1 “Learning in the flow of work” — @priyaraman", "#LT13 #LT13A1 “Learning” — @priyaraman"]


def test_helper_addresses_are_loopback_only() -> None:
    assert answers()["helperUrl"] == [True, True, True, False, False, False, False]


def test_status_ids_from_post_urls() -> None:
    assert answers()["statusIds"] == ["1296887091901718529", "42", None, None, None]


def test_the_create_tweet_endpoint_is_the_post_mutations_only() -> None:
    # CreateTweet, CreateNoteTweet (long posts) and CreateScheduledTweet post; nothing else does.
    assert answers()["createTweetPaths"] == [True, True, False, False, False, True]


def test_create_tweet_requests_say_the_text_and_what_it_replies_to_quotes_edits_or_schedules() -> None:
    plain, reply, no_text, not_json, nothing, quote, edit, hostile, scheduled = answers()["createTweetRequests"]
    assert plain == {"scheduled": False, "text": "Hello #LT13", "replyTo": None, "quoted": None, "editOf": None}
    assert reply == {"scheduled": False, "text": "Agreed", "replyTo": "1296887091901718529", "quoted": None, "editOf": None}
    assert (no_text, not_json, nothing) == (None, None, None)
    assert quote["quoted"] == "https://x.com/priyaraman/status/1880000000000000042"
    assert edit["editOf"] == "1890000000000000001"
    assert (hostile["quoted"], hostile["editOf"]) == (None, None)
    assert scheduled == {"scheduled": True, "text": "Later #LT13", "replyTo": None, "scheduledFor": "2013-01-30T14:00:00.000Z"}


def test_create_tweet_responses_confirm_a_post_only_when_x_created_one() -> None:
    (created, reply, wrapped, note, duplicate, forbidden, html, network, server_error,
     scheduled, empty, visibility, automated, daily_limit) = answers()["createTweetResponses"]
    assert created == {"outcome": "created", "id": "1890000000000000001", "screenName": "ada_at_lt13", "text": "Hello #LT13", "replyTo": None}
    assert reply["replyTo"] == "1296887091901718529"
    assert wrapped == {"outcome": "created", "id": "7", "screenName": "ada", "text": "x", "replyTo": None}
    assert visibility["outcome"] == "created" and visibility["id"] == "1890000000000000003"
    assert note["outcome"] == "created" and note["id"] == "8"
    # A scheduled post is X's promise to post later, not a post.
    assert scheduled == {"outcome": "scheduled", "scheduleId": "1890000000000000077"}
    # X took the post without saying which it is: not a refusal, the post may exist.
    assert empty == {"outcome": "unknown"}
    # A refusal inside HTTP 200 is a refusal.
    assert duplicate == {"outcome": "refused", "message": "Authorization: Status is a duplicate. (187)"}
    assert automated["outcome"] == "refused" and "(226)" in automated["message"]
    assert daily_limit["outcome"] == "refused" and "(344)" in daily_limit["message"]
    assert forbidden["outcome"] == "refused" and forbidden["message"].startswith("This request looks like it might be automated")
    assert html == {"outcome": "refused", "message": "X answered 200."}
    assert network == {"outcome": "refused", "message": "The request did not reach X."}
    assert server_error["outcome"] == "refused"


def test_the_post_shortcut_is_cmd_enter_on_a_mac_and_ctrl_enter_elsewhere_shift_allowed() -> None:
    assert answers()["shortcuts"] == [True, True, False, True, False, False, False]


def test_descriptions_are_read_from_the_one_link_in_any_language() -> None:
    seen = answers()["descriptions"]
    # English: X's words say none has one, whatever the photos.
    assert seen["english"] == ["", ""]
    # German, never seen before: beside photos just attached the link can only say "none"...
    assert seen["germanFresh"] == ["", ""]
    # ...so later, beside the same words, the photos still have none, and a description shows.
    assert seen["germanAgain"] == [""]
    assert seen["germanDescribed"] == ["Folie: 70 % des Lernens"]
    # A count says how many have one, not which: unknown for each, in any digits.
    assert seen["counted"] == [None, None]
    assert seen["arabicDigits"] == [None, None]
    # Words never seen, beside a photo that was not just attached: the description itself.
    assert seen["unknownSingle"] == ["Slide: the 70-20-10 model"]
    # A post whose link is not shown (not the active post) keeps what was read.
    assert seen["inactiveKept"] == [""]


def test_post_urls() -> None:
    assert answers()["postUrls"] == ["https://x.com/ada/status/1", "https://twitter.com/i/web/status/2"]


def test_continue_thread_opens_only_x_status_pages() -> None:
    assert answers()["replyPages"] == [
        "https://x.com/ada/status/111",
        "https://x.com/i/web/status/111",
        None,
        "https://x.com/i/web/status/222",
        None,
    ]


def test_base64_round_trip() -> None:
    for encoded, decoded in answers()["base64"]:
        assert decoded == list(__import__("base64").b64decode(encoded))
    assert answers()["base64"][1][0] == "AP+A"


def test_checks_ahead_of_the_pause_send_the_newest_draft_and_keep_fresh_answers_only() -> None:
    seen = answers()["checkAhead"]
    # One request in flight; drafts typed meanwhile collapse into the newest.
    assert seen["askedWhileInFlight"] == ["a"]
    assert seen["pending"] == [True, False]
    assert seen["answeredBeforeReply"] is None
    assert seen["askedAfterReply"] == ["a", "abc"]
    assert seen["answeredA"] == {"ok": True, "result": "tips for a"}
    # A failure is never kept: the check at the pause reports it, and nothing more goes
    # ahead until a check succeeds (each try might start the native host).
    assert seen["failedIsNotKept"] is None
    assert seen["askedWhileHalted"] == 2
    assert seen["askedForKept"] == 2
    # Answers depend on the clock (the running session): after 2 s they are asked again.
    assert seen["staleAnswer"] is None
    assert seen["fresh"] == {"ok": True, "result": "tips for a, again"}
    assert seen["forgotten"] is None
    assert seen["asked"] == ["a", "abc", "a"]


def test_two_photos_of_one_size_keep_their_own_previews_when_pixels_cannot_be_read() -> None:
    # X shows media in the order they were attached: that order decides when the pixels cannot.
    assert answers()["sameSizePhotos"] == {"secondJudgedFirst": "second preview", "both": ["first preview", "second preview"]}
