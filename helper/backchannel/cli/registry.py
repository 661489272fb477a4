"""The one list of commands: each names the module that owns its options and its code.

The parser loops over this list. It imports a command's module only when that
command runs (or when the whole parser is built, for the docs and tests), so
`backchannel check` pays for checking and nothing else. A command's one-line
summary lives here, because `backchannel --help` lists every command without
importing any of them. Adding a command: a module in `cli/commands/` with
`EXAMPLE`, `configure(parser)` and its code, a row here, and a line in the
README's command table (tests/cli/test_registry.py checks all three).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Command:
    name: str  # as typed: "check", "event kit"
    module: str  # in backchannel.cli.commands
    summary: str  # the line `backchannel --help` shows

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.name.split())

    @property
    def module_path(self) -> str:
        return f"backchannel.cli.commands.{self.module}"


COMMANDS: tuple[Command, ...] = (
    Command("check", "check", "check a draft and print its tips"),
    Command("rules", "rules", "list the rules, or show one rule's documentation"),
    Command("settings", "settings", "show or change settings (rule switches, thresholds, limits)"),
    Command("event", "event", "add, list, show, edit and choose events"),
    Command("event kit", "event_kit", "before the event: whom to follow, and an announcement draft"),
    Command("session", "session", "add, list, edit and remove an event's sessions"),
    Command("schedule", "schedule", "import a conference programme (iCalendar, pretalx/frab JSON or XML, Sessionize JSON)"),
    Command("chat", "chat", "weekly hashtag chats: add one, its questions as they come, what is live, your answers by question"),
    Command("now", "now", "what is on now (per room), what is next, and the context snippet"),
    Command("speaker", "speaker", "list an event's speakers and correct their handles"),
    Command("import-archive", "import_archive", "import your X data archive (zip, its folder, or one tweets file) into your history"),
    Command("history", "history", "list or search your posts"),
    Command("export", "export", "export an event's write-up skeleton: your posts per session, photos, links, thank-you drafts"),
    Command("review", "review", "open the review page of your posts (prints a one-time login link)"),
    Command("photo", "photo", "check photos: will followers be able to read them? (and crop to the slide, strip metadata)"),
    Command("serve", "serve", "run the helper on 127.0.0.1 (for the extension and the review page)"),
    Command("token", "token", "print the helper's token (for manual pairing), or --rotate it"),
    Command("native-host", "native_host", "install, remove or check the native-messaging host that pairs the browser extension"),
)


def children(path: tuple[str, ...]) -> list[Command]:
    """The commands directly under PATH: () gives the top level, ("event",) gives `event kit`."""
    return [c for c in COMMANDS if c.path[:-1] == path]
