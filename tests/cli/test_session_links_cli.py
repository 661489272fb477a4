"""`backchannel session show`: a session's programme page, its slides and the programme's other links."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import backchannel

FIXTURE = Path(__file__).resolve().parents[1] / "schedules" / "fixtures" / "frab-night.xml"


def test_session_show_prints_the_slides_and_the_other_links(tmp_path: Path) -> None:
    twitter = "<link href='https://twitter.com/tinycc'>Twitter</link>"
    programme = tmp_path / "tiny.xml"
    programme.write_text(FIXTURE.read_text(encoding="utf-8").replace(twitter, twitter + "<link href='https://speakerdeck.com/tiny/opening'>Opening</link>"))
    assert backchannel(tmp_path, "event", "add", "tinycc", "--name", "Tiny Chaos Congress", "--hashtag", "tinycc").returncode == 0
    imported = backchannel(tmp_path, "schedule", "import", str(programme), "--event", "tinycc", "--force")
    assert imported.returncode == 0, imported.stderr
    sessions = json.loads(backchannel(tmp_path, "session", "list", "--event", "tinycc", "--format", "json").stdout)["sessions"]
    linked = next(s for s in sessions if s["links"])
    assert linked["slides"] == {"url": "https://speakerdeck.com/tiny/opening", "title": "Opening", "type": None, "kind": "link"}
    shown = backchannel(tmp_path, "session", "show", str(linked["id"]), "--event", "tinycc")
    assert shown.returncode == 0, shown.stderr
    assert "slides:    https://speakerdeck.com/tiny/opening  (Opening)" in shown.stdout
    assert "link:      https://twitter.com/tinycc  (Twitter)" in shown.stdout
    other = next(s for s in sessions if not s["links"])
    assert "slides:    none in the programme" in backchannel(tmp_path, "session", "show", str(other["id"]), "--event", "tinycc").stdout
    as_json = json.loads(backchannel(tmp_path, "session", "show", str(linked["id"]), "--event", "tinycc", "--format", "json").stdout)
    assert as_json["slides"]["url"] == "https://speakerdeck.com/tiny/opening"
    missing = backchannel(tmp_path, "session", "show", "999", "--event", "tinycc")
    assert missing.returncode != 0 and "no session 999" in missing.stderr
