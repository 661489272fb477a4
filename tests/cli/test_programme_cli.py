"""`schedule import`, `now`, `event kit` and `speaker` through the CLI's `main(argv)`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.store.test_programmes import TALKS, sessionize
from tests.support.cli import backchannel


def setup(env: Path) -> Path:
    assert backchannel(env, "event", "add", "tc", "--name", "Test Conf", "--hashtag", "TC26", "--time-zone", "Europe/Brussels",
                       "--session-tag-pattern", "{hashtag}{room}").returncode == 0
    assert backchannel(env, "event", "use", "tc").returncode == 0
    path = env / "sessionize.json"
    path.write_bytes(sessionize(TALKS))
    return path


def test_import_now_kit_and_speakers(tmp_path: Path) -> None:
    programme = setup(tmp_path)
    imported = backchannel(tmp_path, "schedule", "import", str(programme), "--format", "json")
    assert imported.returncode == 0, imported.stderr
    report = json.loads(imported.stdout)
    assert report["sessions"] == {"added": 3, "updated": 0, "unchanged": 0, "removed": 0, "kept": 0}

    again = backchannel(tmp_path, "schedule", "import", str(programme))
    assert "0 added, 0 updated, 3 unchanged, 0 removed" in again.stdout

    now = json.loads(backchannel(tmp_path, "now", "--at", "2026-02-01T10:15", "--room", "K.1", "--format", "json").stdout)
    assert [s["title"] for s in now["current"]] == ["Opening keynote", "Parallel track talk"]
    assert now["snippet"] == "#TC26 #TC26K1 “Opening keynote” — @ada_l"

    text = backchannel(tmp_path, "now", "--at", "2026-02-01T10:15").stdout
    assert "Several sessions are on" in text

    kit = json.loads(backchannel(tmp_path, "event", "kit", "--format", "json").stdout)
    assert kit["follow"]["x"] == ["@ada_l"]

    assert backchannel(tmp_path, "speaker", "set", "Grace Hopper", "x=@grace").returncode == 0
    speakers = json.loads(backchannel(tmp_path, "speaker", "list", "--format", "json").stdout)["speakers"]
    grace = next(s for s in speakers if s["name"] == "Grace Hopper")
    assert grace["handles"] == {"x": "@grace"} and grace["edited"] == ["x"]

    checked = json.loads(backchannel(tmp_path, "check", "Great point", "--at", "2026-02-01T10:15", "--room", "K.2", "--format", "json").stdout)
    ctx003 = next(t for t in checked["tips"] if t["code"] == "CTX003")
    assert ctx003["fix"]["result"] == "Great point — @grace"


def test_bad_programme_file_exits_2(tmp_path: Path) -> None:
    setup(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": "world"}')
    done = backchannel(tmp_path, "schedule", "import", str(bad))
    assert done.returncode == 2
    assert "not a programme format" in done.stderr
    missing = backchannel(tmp_path, "schedule", "import", str(tmp_path / "nope.ics"))
    assert missing.returncode == 2 and "Cannot read" in missing.stderr


def test_import_keeps_what_is_not_in_the_file_and_says_how_to_remove_it(tmp_path: Path) -> None:
    programme = setup(tmp_path)
    assert backchannel(tmp_path, "schedule", "import", str(programme)).returncode == 0
    one = tmp_path / "one.json"
    one.write_bytes(sessionize(TALKS[:1]))
    dry = backchannel(tmp_path, "schedule", "import", str(one), "--replace", "--dry-run")
    assert dry.returncode == 0 and "Dry run, nothing was changed" in dry.stdout and "2 removed" in dry.stdout
    kept = backchannel(tmp_path, "schedule", "import", str(one))
    assert kept.returncode == 0
    assert "2 sessions of the event are not in this file and were kept (add --replace to remove them)" in kept.stdout
    listed = json.loads(backchannel(tmp_path, "session", "list", "--format", "json").stdout)
    assert len(listed["sessions"]) == 3


def test_a_programme_for_another_year_changes_nothing(tmp_path: Path) -> None:
    programme = setup(tmp_path)
    assert backchannel(tmp_path, "schedule", "import", str(programme)).returncode == 0
    later = tmp_path / "2028.json"
    later.write_bytes(sessionize([(i, "2028-02-03", s, r, t, p) for i, _, s, r, t, p in TALKS]))
    refused = backchannel(tmp_path, "schedule", "import", str(later), "--replace")
    assert refused.returncode == 2 and "is it the right file? Nothing was imported" in refused.stderr


def test_times_are_shown_in_the_events_zone_and_say_so(tmp_path: Path) -> None:
    programme = setup(tmp_path)
    assert backchannel(tmp_path, "schedule", "import", str(programme)).returncode == 0
    listed = backchannel(tmp_path, "session", "list").stdout
    assert "Times in Europe/Brussels:" in listed
    assert "2026-02-01 10:00–10:45 CET [K.1] Opening keynote" in listed  # 09:00 UTC
    now = backchannel(tmp_path, "now", "--at", "2026-02-01T10:15", "--room", "K.1").stdout
    assert "At 2026-02-01 10:15 CET (Europe/Brussels):" in now
    assert "[K.1] 10:00–10:45 CET  Opening keynote" in now and "UTC" not in now
    assert backchannel(tmp_path, "settings", "set", "display_time_zone", "Europe/London").returncode == 0
    assert "2026-02-01 09:00–09:45 GMT [K.1] Opening keynote" in backchannel(tmp_path, "session", "list").stdout
    bad = backchannel(tmp_path, "settings", "set", "display_time_zone", "Mars/Olympus")
    assert bad.returncode == 2 and "Unknown time zone" in bad.stderr


def test_now_says_why_there_is_no_context_when_the_chosen_room_is_empty(tmp_path: Path) -> None:
    programme = setup(tmp_path)
    assert backchannel(tmp_path, "schedule", "import", str(programme)).returncode == 0
    assert backchannel(tmp_path, "settings", "set", "active_room", "K.2").returncode == 0
    now = backchannel(tmp_path, "now", "--at", "2026-02-01T11:15").stdout
    assert "Closing talk" in now and "Context to attach" not in now
    assert "No context to attach: Nothing is on in K.2 then" in now


def test_an_event_without_a_zone_says_so(tmp_path: Path) -> None:
    added = backchannel(tmp_path, "event", "add", "nozone", "--name", "No Zone")
    assert added.returncode == 0 and "no --time-zone given" in added.stderr
    zoned = backchannel(tmp_path, "event", "add", "zoned", "--name", "Zoned", "--time-zone", "Europe/Berlin")
    assert zoned.returncode == 0 and zoned.stderr == ""


def test_kit_for_one_platform_shows_that_platform(tmp_path: Path) -> None:
    programme = setup(tmp_path)
    assert backchannel(tmp_path, "schedule", "import", str(programme)).returncode == 0
    every = backchannel(tmp_path, "event", "kit").stdout
    assert "Follow on X: @ada_l" in every and "no Mastodon handle known for" in every
    mastodon = backchannel(tmp_path, "event", "kit", "--platform", "mastodon").stdout
    assert mastodon != every
    assert "X:" not in mastodon and "@ada_l" not in mastodon
    assert "No speaker's Mastodon handle is known yet" in mastodon
    assert "Announce it on Mastodon (" in mastodon and "/500):" in mastodon


def test_a_sessionize_speakers_file_says_which_command_to_use(tmp_path: Path) -> None:
    setup(tmp_path)
    speakers = tmp_path / "speakers.json"
    speakers.write_text(json.dumps([{"id": "s1", "fullName": "Ada Lovelace", "links": [], "sessions": []}]))
    refused = backchannel(tmp_path, "schedule", "import", str(speakers))
    assert refused.returncode == 2
    assert "--speakers speakers.json" in refused.stderr and "enrich_speakers" not in refused.stderr


def test_sessions_can_be_edited_and_removed(tmp_path: Path) -> None:
    programme = setup(tmp_path)
    assert backchannel(tmp_path, "schedule", "import", str(programme)).returncode == 0
    sessions = json.loads(backchannel(tmp_path, "session", "list", "--format", "json").stdout)["sessions"]
    keynote = next(s for s in sessions if s["title"] == "Opening keynote")
    edited = backchannel(tmp_path, "session", "edit", str(keynote["id"]), "--room", "K.3", "--start", "2026-02-01T10:15",
                         "--speaker", "Ada Lovelace;x=@ada_l", "--speaker", "Grace Hopper", "--format", "json")
    assert edited.returncode == 0, edited.stderr
    changed = json.loads(edited.stdout)
    assert changed["room"] == "K.3" and changed["start"] == "2026-02-01T09:15:00Z" and changed["tag"] == "TC26K3"
    assert [s["name"] for s in changed["speakers"]] == ["Ada Lovelace", "Grace Hopper"]
    backwards = backchannel(tmp_path, "session", "edit", str(keynote["id"]), "--end", "2026-02-01T09:00")
    assert backwards.returncode == 2 and "must end after it starts" in backwards.stderr
    removed = backchannel(tmp_path, "session", "remove", str(keynote["id"]))
    assert removed.returncode == 0 and "Removed session" in removed.stdout
    left = json.loads(backchannel(tmp_path, "session", "list", "--format", "json").stdout)["sessions"]
    assert keynote["id"] not in [s["id"] for s in left]
    gone = backchannel(tmp_path, "session", "remove", str(keynote["id"]))
    assert gone.returncode == 2 and "There is no session" in gone.stderr
