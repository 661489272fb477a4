"""The rule catalogue as people read it: `backchannel rules`, GET /v1/rules.

The docs users read are the docs in the code; nothing is written twice.
"""

from __future__ import annotations

import textwrap
from typing import Any, Protocol

from backchannel.rules.base import Rule


class SettingValues(Protocol):
    """The effective settings, as the catalogue reads them (``backchannel.settings.Settings``).

    A protocol rather than an import: the settings are built from the rules'
    options, so the rules must not import the settings back."""

    def get(self, name: str) -> Any: ...

    def rule_enabled(self, code: str) -> bool: ...


_NEEDS = {
    "nothing": "Runs on every draft.",
    "event": "Event-aware: runs only while an event is active.",
    "session": "Session-aware: runs only while a session of the active event is on.",
    "photo": "Runs on each photo you attach, measured at the size people will see it.",
}


def rule_to_dict(rule: Rule, settings: SettingValues) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "level": rule.level.value,
        "summary": rule.summary,
        "needs": rule.needs,
        "enabled": settings.rule_enabled(rule.code),
        "docs": {
            "what": rule.docs.what,
            "why": rule.docs.why,
            "example": rule.docs.example,
            "instead": rule.docs.instead,
            "fix": rule.docs.fix,
        },
        "options": [
            {"name": o.name, "setting": f"rules.{rule.code}.{o.name}", "default": o.default, "value": settings.get(f"rules.{rule.code}.{o.name}"), "help": o.help}
            for o in rule.options
        ],
    }


def rule_docs_text(rule: Rule, settings: SettingValues) -> str:
    """One rule's page, in the fixed sections every rule has."""
    wrap = lambda s: textwrap.fill(s, width=88)  # noqa: E731
    state = "on" if settings.rule_enabled(rule.code) else f"off (turn on: backchannel settings set rules.{rule.code}.enabled true)"
    lines = [
        f"{rule.code} {rule.name} ({rule.level.value}) — {state}",
        "",
        "## What it does",
        wrap(rule.docs.what),
        wrap(_NEEDS[rule.needs]),
        "",
        "## Why it matters",
        wrap(rule.docs.why),
        "",
        "## Example",
        textwrap.indent(rule.docs.example, "    "),
        "",
        "## Instead",
        textwrap.indent(rule.docs.instead, "    "),
        "",
        "## Options",
    ]
    if rule.options:
        for o in rule.options:
            value = settings.get(f"rules.{rule.code}.{o.name}")
            lines.append(f"- rules.{rule.code}.{o.name} (default {o.default}, now {value}): {o.help}")
    else:
        lines.append(f"- rules.{rule.code}.enabled: switch the rule on or off.")
    lines += ["", "## Fix", wrap(rule.docs.fix)]
    return "\n".join(lines)


def catalogue_text(rules: list[Rule], settings: SettingValues) -> str:
    rows = []
    for rule in rules:
        flag = "" if settings.rule_enabled(rule.code) else "  (off)"
        rows.append(f"{rule.code}  {rule.name:<26} {rule.level.value:<10} {rule.summary}{flag}")
    return "\n".join(rows)
