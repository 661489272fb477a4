"""`backchannel session no-post` and `backchannel event policy`: the user's own marks, and the check that reads them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import setup_event
from tests.support.cli import backchannel


def _codes(env: Path, text: str, *extra: str) -> list[str]:
    done = backchannel(env, "check", text, "--at", "2013-01-30T10:30", "--format", "json", *extra)
    return [t["code"] for t in json.loads(done.stdout)["tips"]]


def test_a_session_marked_no_post_warns_on_drafts_until_the_mark_is_lifted(tmp_path: Path) -> None:
    setup_event(tmp_path)
    session_id = json.loads(backchannel(tmp_path, "session", "list", "--event", "lt13", "--format", "json").stdout)["sessions"][0]["id"]
    assert "GDE001" not in _codes(tmp_path, "Priya: most learning is informal #LT13 #LT13A1")
    marked = backchannel(tmp_path, "session", "no-post", str(session_id), "--event", "lt13", "--reason", "unpublished data")
    assert marked.returncode == 0, marked.stderr
    assert "not to be posted: unpublished data" in marked.stdout
    assert "GDE001" in _codes(tmp_path, "Priya: most learning is informal #LT13 #LT13A1")
    listed = backchannel(tmp_path, "session", "list", "--event", "lt13", "--format", "json")
    assert json.loads(listed.stdout)["sessions"][0]["do_not_post"] == "unpublished data"
    assert backchannel(tmp_path, "session", "no-post", str(session_id), "--event", "lt13", "--clear").returncode == 0
    assert "GDE001" not in _codes(tmp_path, "Priya: most learning is informal #LT13 #LT13A1")


def test_an_event_policy_is_shown_and_held_to(tmp_path: Path) -> None:
    setup_event(tmp_path)
    set_it = backchannel(tmp_path, "event", "policy", "lt13", "No posting of unpublished data", "--format", "json")
    assert set_it.returncode == 0 and json.loads(set_it.stdout)["posting_policy"] == "No posting of unpublished data"
    assert "posting policy: No posting of unpublished data" in backchannel(tmp_path, "event", "show", "lt13").stdout
    assert "GDE001" in _codes(tmp_path, "Unpublished results: 70% of learning is informal #LT13")
    neither = backchannel(tmp_path, "event", "policy", "lt13")
    assert neither.returncode == 2 and "--clear" in neither.stderr
    assert backchannel(tmp_path, "event", "policy", "lt13", "--clear").returncode == 0
    assert "GDE001" not in _codes(tmp_path, "Unpublished results: 70% of learning is informal #LT13")


def test_marking_a_session_that_is_not_there_says_so(tmp_path: Path) -> None:
    setup_event(tmp_path)
    done = backchannel(tmp_path, "session", "no-post", "999", "--event", "lt13")
    assert done.returncode != 0 and "no session 999" in done.stderr
