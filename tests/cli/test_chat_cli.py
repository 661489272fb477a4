"""`backchannel chat`: a weekly chat from the command line, its questions, what is live and the answers."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import backchannel


def test_a_chat_from_adding_it_to_checking_an_answer(tmp_path: Path) -> None:
    added = backchannel(tmp_path, "chat", "add", "edchat", "--hashtag", "edchat", "--weekday", "tue", "--starts", "19:00",
                        "--time-zone", "America/New_York", "--moderator", "edchatmod")
    assert added.returncode == 0, added.stderr
    assert "Tuesdays 19:00 America/New_York, 60 min, moderated by @edchatmod" in added.stdout
    q = backchannel(tmp_path, "chat", "question", "edchat", "Q1: Introduce yourself", "--on", "2026-12-08", "--at", "2026-12-08T19:05")
    assert q.returncode == 0 and "Q1 of #edchat at 2026-12-08 19:05 EST" in q.stdout
    now = backchannel(tmp_path, "chat", "now", "--at", "2026-12-09T00:20:00Z")
    assert "Q1: Introduce yourself" in now.stdout and "Answer with: A1  #edchat" in now.stdout
    checked = backchannel(tmp_path, "check", "A2 Jo from Leeds", "--at", "2026-12-09T00:20:00Z", "--format", "json")
    codes = [t["code"] for t in json.loads(checked.stdout)["tips"]]
    assert "CHT001" in codes and "CHT002" in codes
    assert "No chat is live now." in backchannel(tmp_path, "chat", "now", "--at", "2026-12-10T00:20:00Z").stdout


def test_mistakes_say_what_to_do(tmp_path: Path) -> None:
    bad_day = backchannel(tmp_path, "chat", "add", "x", "--hashtag", "x1", "--weekday", "someday", "--starts", "19:00", "--time-zone", "UTC")
    assert bad_day.returncode != 0 and "monday … sunday" in bad_day.stderr
    backchannel(tmp_path, "chat", "add", "edchat", "--hashtag", "edchat", "--weekday", "tue", "--starts", "19:00", "--time-zone", "UTC")
    no_time = backchannel(tmp_path, "chat", "question", "edchat", "Q1: Hi", "--on", "2026-12-08")
    assert no_time.returncode != 0 and "--at" in no_time.stderr
    no_number = backchannel(tmp_path, "chat", "question", "edchat", "What do you read?", "--on", "2026-12-08", "--at", "2026-12-08T19:05")
    assert no_number.returncode != 0 and "Q3" in no_number.stderr
