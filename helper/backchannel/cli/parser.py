"""The command line: every command, its options, and its help with an example.

Handlers live in one module per concern and import what they need when they
run, so ``backchannel check`` does not pay for the server's imports.
"""

from __future__ import annotations

import argparse
from typing import Any, Callable

from backchannel import __version__

PLATFORMS = ("x", "bluesky", "mastodon")
# The native host's browser table, named here so that building the parser imports none of it
# (every command pays for the parser); a test keeps the two in step.
BROWSER_NAMES = ("chrome", "chromium", "brave", "edge", "vivaldi", "firefox")


def _lazy(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(f"backchannel.cli.{module}"), function)(args) or 0)

    return handler


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def _command(sub: Any, name: str, *, help: str, example: str, module: str, function: str, description: str | None = None) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=description or help,
        epilog="Example:\n" + "\n".join("  " + line for line in example.strip().splitlines()),
        formatter_class=_Formatter,
    )
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help="the data directory (default: $BACKCHANNEL_DATA_DIR, else your user data folder)")
    parser.set_defaults(handler=_lazy(module, function))
    return parser


def _situation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--event", metavar="SLUG", help="check against this event (default: the active event)")
    parser.add_argument("--session", type=int, metavar="ID", help="check against this session (default: the one on at --at)")
    parser.add_argument("--at", metavar="ISO8601", help="the moment to find the current session for (default: now)")
    parser.add_argument("--room", help="the room you are in, when sessions run in parallel")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backchannel",
        description="Coach conference posts: context, tags, readable photos, and a local history.",
        epilog="Example:\n  backchannel check \"Most learning happens at work #LT13\"\n\nRun `backchannel COMMAND --help` for a command's options.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"backchannel {__version__}")
    parser.add_argument("--data-dir", help="the data directory (default: $BACKCHANNEL_DATA_DIR, else your user data folder)")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = _command(
        sub, "check", help="check a draft and print its tips", module="check_cmd", function="run_check",
        description="Check a draft (TEXT, or standard input) and print its length, entities and tips.\n"
        "Exit status: 1 when a tip of level error fires, 2 on bad usage or input, else 0.",
        example='backchannel check "Great keynote by @priyaraman" --event lt13 --at 2013-01-30T10:15\n'
        'echo "Most learning happens at work" | backchannel check --format json\n'
        'printf \'{"text": "first draft"}\\n{"text": "second", "platform": "bluesky"}\\n\' | backchannel check --jsonl',
    )
    check.add_argument("text", nargs="?", help="the draft (read from standard input when absent)")
    check.add_argument("--platform", choices=PLATFORMS, default="x", help="where the post goes (default: x)")
    _situation_options(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.add_argument("--jsonl", action="store_true", help="check many drafts: one JSON object per input line, one result per output line")

    rules = _command(
        sub, "rules", help="list the rules, or show one rule's documentation", module="rules_cmd", function="run_rules",
        example="backchannel rules\nbackchannel rules CTX004\nbackchannel rules unattributed-quote",
    )
    rules.add_argument("code", nargs="?", help="a rule code or name")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    settings = _command(
        sub, "settings", help="show or change settings (rule switches, thresholds, limits)", module="settings_cmd", function="run_settings",
        example="backchannel settings\nbackchannel settings set rules.FLW003.max_hashtags 4\n"
        "backchannel settings set rules.CTX005.enabled false\nbackchannel settings reset rules.FLW003.max_hashtags",
    )
    settings.add_argument("action", nargs="?", choices=("list", "get", "set", "reset"), default="list")
    settings.add_argument("name", nargs="?")
    settings.add_argument("value", nargs="?")
    settings.add_argument("--format", choices=("text", "json"), default="text")

    event = _command(
        sub, "event", help="add, list, show, edit and choose events", module="event_cmd", function="run_event_help",
        example="backchannel event add lt13 --name \"Learning Technologies 2013\" --hashtag LT13 --alias LearningTech13 \\\n"
        "    --time-zone Europe/London --session-tag-pattern '{hashtag}{room}'\nbackchannel event use lt13\nbackchannel event list",
    )
    event_sub = event.add_subparsers(title="actions", metavar="ACTION")
    ev_add = _command(event_sub, "add", help="add an event", module="event_cmd", function="run_event_add",
                      example='backchannel event add lt13 --name "Learning Technologies 2013" --hashtag LT13 --time-zone Europe/London')
    ev_edit = _command(event_sub, "edit", help="change an event's card", module="event_cmd", function="run_event_edit",
                       example="backchannel event edit lt13 --alias LT2013 --session-tag-pattern '{hashtag}{code}'")
    for p, required in ((ev_add, True), (ev_edit, False)):
        p.add_argument("slug", help="short id: lowercase letters, digits and dashes")
        p.add_argument("--name", required=required, help="the event's name")
        p.add_argument("--hashtag", help="the event's main hashtag")
        p.add_argument("--alias", action="append", dest="aliases", metavar="HASHTAG", help="another hashtag people use for it (repeatable)")
        p.add_argument("--time-zone", help="IANA time zone of the venue, e.g. Europe/Berlin (without it: UTC, with a note, until a programme import brings the zone)")
        p.add_argument("--session-tag-pattern", help="how session tags are made, from {hashtag} {code} {room} {track}")
        p.add_argument("--starts-on", metavar="YYYY-MM-DD")
        p.add_argument("--ends-on", metavar="YYYY-MM-DD")
        p.add_argument("--format", choices=("text", "json"), default="text")
    ev_list = _command(event_sub, "list", help="list events", module="event_cmd", function="run_event_list", example="backchannel event list --format json")
    ev_list.add_argument("--format", choices=("text", "json"), default="text")
    ev_show = _command(event_sub, "show", help="show an event's card", module="event_cmd", function="run_event_show", example="backchannel event show lt13")
    ev_show.add_argument("slug")
    ev_show.add_argument("--format", choices=("text", "json"), default="text")
    ev_use = _command(event_sub, "use", help="make an event the active one (or --none)", module="event_cmd", function="run_event_use",
                      example="backchannel event use lt13\nbackchannel event use --none")
    ev_use.add_argument("slug", nargs="?")
    ev_use.add_argument("--none", action="store_true", help="no active event: event-aware rules go quiet")

    session = _command(
        sub, "session", help="add, list, edit and remove an event's sessions", module="event_cmd", function="run_session_help",
        example='backchannel session add --event lt13 --title "Learning in the flow of work" --start 2013-01-30T10:00 \\\n'
        '    --end 2013-01-30T11:00 --room A1 --speaker "Priya Raman;x=@priyaraman"\nbackchannel session list --event lt13 --at 2013-01-30T10:30',
    )
    session_sub = session.add_subparsers(title="actions", metavar="ACTION")
    s_add = _command(session_sub, "add", help="add a session", module="event_cmd", function="run_session_add",
                     example='backchannel session add --event lt13 --title "Keynote" --start 2013-01-30T09:00 --end 2013-01-30T10:00 --room Main')
    s_add.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    s_add.add_argument("--title", required=True)
    s_add.add_argument("--start", required=True, metavar="ISO8601", help="start; without an offset it is in the event's time zone")
    s_add.add_argument("--end", required=True, metavar="ISO8601")
    s_add.add_argument("--room")
    s_add.add_argument("--track")
    s_add.add_argument("--code", help="the programme's code for the session (used by {code} in tag patterns)")
    s_add.add_argument("--tag", help="the session's own hashtag, overriding the event's pattern")
    s_add.add_argument("--speaker", action="append", default=[], metavar="NAME[;NETWORK=@HANDLE…]", help='a speaker, e.g. "Priya Raman;x=@priyaraman;bluesky=@priya.bsky.social" (repeatable)')
    s_add.add_argument("--format", choices=("text", "json"), default="text")
    s_edit = _command(session_sub, "edit", help="change a session (its id is in `session list`)", module="event_cmd", function="run_session_edit",
                      example='backchannel session edit 12 --room "Saal 2" --start 2014-12-27T11:15\nbackchannel session edit 12 --speaker "Jo Bloggs;x=@jo" --tag ""')
    s_edit.add_argument("id", type=int, help="the session's id")
    s_edit.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    s_edit.add_argument("--title")
    s_edit.add_argument("--start", metavar="ISO8601", help="without an offset it is in the event's time zone")
    s_edit.add_argument("--end", metavar="ISO8601")
    for name in ("room", "track", "code", "tag"):
        s_edit.add_argument(f"--{name}", help=f'the new {name} ("" clears it)')
    s_edit.add_argument("--speaker", action="append", metavar="NAME[;NETWORK=@HANDLE…]", help="the speakers, replacing them all (repeatable)")
    s_edit.add_argument("--format", choices=("text", "json"), default="text")
    s_remove = _command(session_sub, "remove", help="remove a session; its posts stay in the event", module="event_cmd", function="run_session_remove",
                        example="backchannel session remove 12")
    s_remove.add_argument("id", type=int, help="the session's id")
    s_remove.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    s_list = _command(session_sub, "list", help="list sessions (or those on at --at)", module="event_cmd", function="run_session_list",
                      example="backchannel session list --event lt13\nbackchannel session list --at 2013-01-30T10:30")
    s_list.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    s_list.add_argument("--at", metavar="ISO8601", help="only the sessions on at this moment")
    s_list.add_argument("--format", choices=("text", "json"), default="text")

    ev_kit = _command(event_sub, "kit", help="before the event: whom to follow, and an announcement draft", module="programme_cmd", function="run_kit",
                      example="backchannel event kit lt13\nbackchannel event kit lt13 --platform bluesky --format json")
    ev_kit.add_argument("slug", nargs="?", help="the event (default: the active event)")
    ev_kit.add_argument("--platform", choices=PLATFORMS, help="only whom to follow on this network, and the announcement checked for it (default: every network)")
    ev_kit.add_argument("--format", choices=("text", "json"), default="text")

    schedule = _command(
        sub, "schedule", help="import a conference programme (iCalendar, pretalx/frab JSON or XML, Sessionize JSON)",
        module="programme_cmd", function="run_schedule_help",
        example="backchannel schedule import schedule.xml --event fosdem26",
    )
    schedule_sub = schedule.add_subparsers(title="actions", metavar="ACTION")
    sch_import = _command(
        schedule_sub, "import", help="import (or re-import) a programme file into an event", module="programme_cmd", function="run_schedule_import",
        description="Import a programme file into an event. Re-importing updates sessions in place; sessions of the event\n"
        "that are not in the file are kept and listed (so one-session files add up) unless you pass --replace.\n"
        "Handles you set by hand are kept. A file that cannot be trusted, or whose dates do not match the event's,\n"
        "changes nothing; --dry-run shows what an import would do.",
        example="backchannel schedule import schedule.ics --event pyconuk15 --dry-run\n"
        "backchannel schedule import schedule-v2.xml --event fosdem26 --replace\n"
        "backchannel schedule import sessions.json --speakers speakers.json --event devfest19 --format json",
    )
    sch_import.add_argument("file", help="the programme file")
    sch_import.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    sch_import.add_argument("--schedule-format", metavar="NAME", help="skip format detection: ical, frab-json, frab-xml or sessionize")
    sch_import.add_argument("--speakers", metavar="FILE", help="a Sessionize Speakers view with the speakers' links")
    sch_import.add_argument("--dry-run", action="store_true", help="show what the import would change, and change nothing")
    sch_import.add_argument("--replace", action="store_true", help="remove the event's imported sessions that are not in this file")
    sch_import.add_argument("--force", action="store_true", help="import even though the programme's dates do not match the event's")
    sch_import.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    now = _command(
        sub, "now", help="what is on now (per room), what is next, and the context snippet", module="programme_cmd", function="run_now",
        example="backchannel now\nbackchannel now --event lt13 --at 2013-01-30T10:30 --room A1 --format json",
    )
    now.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    now.add_argument("--at", metavar="ISO8601", help="the moment (default: now); without an offset it is in the event's time zone")
    now.add_argument("--room", help="your room, to pick the snippet when sessions run in parallel")
    now.add_argument("--platform", choices=PLATFORMS, default="x", help="whose handles and length budget the snippet uses")
    now.add_argument("--format", choices=("text", "json"), default="text")

    speaker = _command(sub, "speaker", help="list an event's speakers and correct their handles", module="programme_cmd", function="run_speaker_help",
                       example='backchannel speaker list --event lt13\nbackchannel speaker set "Priya Raman" x=@priyaraman mastodon=@priya@scholar.social')
    speaker_sub = speaker.add_subparsers(title="actions", metavar="ACTION")
    sp_list = _command(speaker_sub, "list", help="list speakers and their handles (* = set by you)", module="programme_cmd", function="run_speaker_list",
                       example="backchannel speaker list --event lt13 --format json")
    sp_list.add_argument("--event", metavar="SLUG")
    sp_list.add_argument("--format", choices=("text", "json"), default="text")
    sp_set = _command(speaker_sub, "set", help="set or clear a speaker's handles (kept across re-imports)", module="programme_cmd", function="run_speaker_set",
                      example='backchannel speaker set "Priya Raman" x=@priyaraman bluesky=\nbackchannel speaker set --event lt13 "Jo Bloggs" mastodon=@jo@example.social')
    sp_set.add_argument("name", help="the speaker's name as the programme gives it")
    sp_set.add_argument("handles", nargs="+", metavar="NETWORK=@HANDLE", help="x, bluesky or mastodon; an empty handle clears it")
    sp_set.add_argument("--event", metavar="SLUG")

    import_archive = _command(
        sub, "import-archive", help="import your X data archive (zip, its folder, or one tweets file) into your history",
        module="history_cmd", function="run_import_archive",
        description="Import your official X data archive: the zip as downloaded, its extracted folder, or one tweets file\n"
        "(data/tweets.js from 2022 on, data/tweet.js from 2020, data/js/tweets/YYYY_MM.js before 2019).\n"
        "Importing again adds only what is new. Posts are placed in your events by hashtag and date, then in sessions by time.",
        example="backchannel import-archive ~/Downloads/twitter-2024-05-01-abc.zip\n"
        "backchannel import-archive ~/archive/data/tweets.js --format json",
    )
    import_archive.add_argument("path", help="the archive zip, its extracted folder, or a single tweets file")
    import_archive.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    import_archive.add_argument(
        "--no-photos", action="store_true",
        help="do not read the text on the archive's photos now (by default it is read after the import, at low priority, "
        "so your history search finds posts by their slides; Ctrl-C stops it and importing again goes on where it stopped)",
    )

    history = _command(
        sub, "history", help="list or search your posts", module="history_cmd", function="run_history",
        description="List your posts, newest first, or search them (ranked by relevance) with --search.",
        example='backchannel history --event lt13\nbackchannel history --search "flow of work" --format json',
    )
    history.add_argument("--event", metavar="SLUG", help="only this event's posts")
    history.add_argument("--session", type=int, metavar="ID", help="only this session's posts")
    history.add_argument("--search", metavar="WORDS", help='words to find ("quoted phrase", prefix*)')
    history.add_argument("--before", metavar="CURSOR", help="the next page: the cursor the previous page printed, or an ISO 8601 instant")
    history.add_argument("--limit", type=int, default=50, help="how many posts (default: 50, at most 500)")
    history.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    export = _command(
        sub, "export", help="export an event's write-up skeleton: your posts per session, photos, links, thank-you drafts",
        module="history_cmd", function="run_export",
        example="backchannel export --event lt13 --format md > lt13-notes.md\n"
        "backchannel export --event lt13 --format html --output ~/notes/lt13.html",
    )
    export.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    export.add_argument("--format", choices=("md", "html", "json", "csv"), default="md", help="md (default), html, json or csv")
    export.add_argument("--output", metavar="FILE", help="write to FILE and copy its photos to FILE's folder (default: standard output)")
    export.add_argument("--platform", choices=PLATFORMS, default="x", help="whose handles the thank-you drafts use (default: x)")

    review = _command(
        sub, "review", help="open the review page of your posts (prints a one-time login link)", module="history_cmd", function="run_review",
        description="Print (and open in your browser) a one-time login link to the running helper's review page.\n"
        "The link works once, for a few minutes; the page then keeps you logged in with a cookie.",
        example="backchannel review\nbackchannel review --event lt13 --no-open",
    )
    review.add_argument("--event", metavar="SLUG", help="open this event's page")
    review.add_argument("--no-open", action="store_true", help="only print the link; do not open a browser")

    photo = _command(
        sub, "photo", help="check photos: will followers be able to read them? (and crop to the slide, strip metadata)",
        module="photo_cmd", function="run_photo",
        description="Check photos (JPEG, PNG, WebP or GIF, up to 20 MiB and 50 megapixels) the way followers will see them:\n"
        "the text on it read at the sizes X shows it (timeline and opened), the screen, the exposure of the slide,\n"
        "sharpness, silhouettes, resolution and GPS metadata.\n"
        "Exit status: 1 when a tip of level error fires, 2 when a file cannot be read or fixed, else 0.",
        example="backchannel photo IMG_2041.jpg\n"
        "backchannel photo IMG_2041.jpg --crop-to-slide slide.jpg --strip-metadata clean.jpg\n"
        "backchannel photo IMG_2041.jpg --explain why.png\n"
        "backchannel photo *.jpg --format json",
    )
    photo.add_argument("files", nargs="+", metavar="FILE", help="the photos")
    photo.add_argument("--crop-to-slide", metavar="OUT", help="write the photo cropped to its slide (a folder when several files)")
    photo.add_argument("--strip-metadata", metavar="OUT", help="write a copy without EXIF, GPS, XMP or comments (a folder when several files)")
    photo.add_argument(
        "--explain", metavar="OUT",
        help="write a PNG that shows what was measured: the screen, the text lines with their heights in the timeline, the verdict (a folder when several files)",
    )
    photo.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    serve = _command(
        sub, "serve", help="run the helper on 127.0.0.1 (for the extension and the review page)", module="server_cmd", function="run_serve",
        example="backchannel serve\nbackchannel --data-dir /tmp/bc serve --port 0",
    )
    serve.add_argument("--port", type=int, default=None, help="the port (default: 28841; 0 picks a free one)")

    token = _command(
        sub, "token", help="print the helper's token (for manual pairing), or --rotate it", module="server_cmd", function="run_token",
        example="backchannel token\nbackchannel token --rotate",
    )
    token.add_argument("--rotate", action="store_true", help="replace the token; paired browsers must pair again")

    native_host = _command(
        sub, "native-host", help="install, remove or check the native-messaging host that pairs the browser extension",
        module="native_host_cmd", function="run_native_host_help",
        description="Install, remove or check the native-messaging host for the browsers on this machine.\n"
        "The browser starts the host to ask for the helper's address and token (and the host starts the helper if needed).",
        example="backchannel native-host install\nbackchannel native-host status\nbackchannel native-host uninstall --browser firefox",
    )
    native_host_sub = native_host.add_subparsers(title="actions", metavar="ACTION")
    for action, function, action_help, action_example in (
        ("install", "run_install", "write the host manifest (and its launcher) for every browser found",
         "backchannel native-host install\nbackchannel native-host install --browser chrome --browser firefox\n"
         "backchannel native-host install --browser chromium --profile ~/conference-profile   # started with --user-data-dir"),
        ("uninstall", "run_uninstall", "remove the host manifests (and launchers) written by install",
         "backchannel native-host uninstall\nbackchannel native-host uninstall --browser brave --system"),
        ("status", "run_status", "show where the host is installed, and whether each manifest is sound (exit 1 if one is broken)",
         "backchannel native-host status\nbackchannel native-host status --format json"),
    ):
        nh = _command(native_host_sub, action, help=action_help, module="native_host_cmd", function=function, example=action_example)
        nh.add_argument("--browser", action="append", choices=BROWSER_NAMES, metavar="NAME",
                        help=f"only this browser (repeatable; default: every browser found): {', '.join(BROWSER_NAMES)}")
        nh.add_argument("--system", action="store_true", help="the system-wide locations (needs root / administrator) instead of your user's")
        nh.add_argument("--manifest-dir", metavar="DIR", help="write to this folder instead, e.g. a custom profile's NativeMessagingHosts")
        nh.add_argument("--profile", metavar="DIR", help="a Chromium-family browser started with its own profile (--user-data-dir=DIR): "
                        "its DIR/NativeMessagingHosts")
        nh.add_argument("--format", choices=("text", "json"), default="text")
    return parser
