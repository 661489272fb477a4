"""The extension's pure functions, run by node on the real files (no browser needed):
page detection from sample URLs, code point ↔ UTF-16 indices, and fix planning."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from tests.extension.browser import EXTENSION_DIR

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
