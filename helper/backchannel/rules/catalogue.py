"""The rule catalogue as people read it: `backchannel rules`, GET /v1/rules, docs/RULES.md.

The docs users read are the docs in the code; nothing is written twice.
docs/RULES.md is this module's output (``python -m backchannel.rules.catalogue
> docs/RULES.md``), and a test keeps it so.
"""

from __future__ import annotations

import sys
import textwrap
from typing import Any, Iterable, Protocol

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
    "chat": "Chat-aware: runs only while a weekly chat you follow is live (`backchannel chat add`).",
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
            {
                "name": o.name, "setting": f"rules.{rule.code}.{o.name}", "default": o.default,
                "value": settings.get(f"rules.{rule.code}.{o.name}"), "help": o.help,
            }
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


_SITUATIONS = {
    "none": "with no event",
    "event": "at the example event, between sessions",
    "session": "in the example session, nothing posted yet",
    "history": "in the example session, after one post at 10:05",
}


def rule_file(rule: Rule) -> str:
    """The source file that holds ``rule``, from the checkout's root."""
    return "helper/" + type(rule).__module__.replace(".", "/") + ".py"


def _example_line(example: Any) -> str:
    verdict = "fires" if example.fires else "quiet"
    where = _SITUATIONS.get(example.situation, example.situation)
    sample = getattr(example, "sample", None)  # a photo rule's example names its photo
    photo = f", photo `{sample}`" + (f" described “{example.alt}”" if getattr(example, "alt", None) else "") if sample else ""
    text = example.text.replace("\n", " ⏎ ")
    return f"- {verdict} ({where}, on {example.platform}{photo}): “{text}”"


def catalogue_markdown(rules: Iterable[Rule]) -> str:
    """Every rule's page, as docs/RULES.md holds it (the defaults, not anyone's settings)."""
    rules = list(rules)
    lines = [
        "# The rules",
        "",
        "<!-- Generated from the rule table (helper/backchannel/rules/registry.py) by",
        "     `python -m backchannel.rules.catalogue > docs/RULES.md`; tests/rules/test_catalogue.py keeps it so. -->",
        "",
        "Each rule has a stable code; the code's letters name the file that holds it",
        "(CTX in `rules/ctx.py`, FLW in `rules/flw.py`, LEN in `rules/len.py`, PHO in `rules/pho.py`).",
        "`backchannel rules CODE` prints the same page with your settings.",
        "",
        "| code | name | level | summary |",
        "|---|---|---|---|",
    ]
    lines += [f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.level.value} | {r.summary} |" for r in rules]
    for rule in rules:
        lines += [
            "",
            f"## {rule.code}",
            "",
            f"**{rule.name}** ({rule.level.value}), in `{rule_file(rule)}` (`{type(rule).__name__}`). {rule.summary}",
            "",
            "### What it does",
            "",
            rule.docs.what + " " + _NEEDS[rule.needs] + (" Runs only when your history is known." if rule.reads_history else ""),
            "",
            "### Why it matters",
            "",
            rule.docs.why,
            "",
            "### Example",
            "",
            "```text",
            rule.docs.example,
            "```",
            "",
            "### Instead",
            "",
            "```text",
            rule.docs.instead,
            "```",
            "",
            "### Options",
            "",
        ]
        lines.append(f"- `rules.{rule.code}.enabled` (default true): switch the rule on or off.")
        lines += [f"- `rules.{rule.code}.{o.name}` (default {o.default}): {o.help}" for o in rule.options]
        lines += ["", "### Fix", "", rule.docs.fix, "", "### Examples the tests run", ""]
        lines += [_example_line(e) for e in rule.examples]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from backchannel.rules.registry import RULES

    sys.stdout.write(catalogue_markdown(RULES.values()))
