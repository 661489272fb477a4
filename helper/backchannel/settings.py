"""Every user setting as a (name, default, help) row; the help is the doc.

Settings come from two places: a few global ones below, and every rule's
switch and options (``rules.<CODE>.enabled``, ``rules.<CODE>.<option>``).
Values are stored in the database only when they differ from the default,
so a new default reaches everyone who did not change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from backchannel.errors import InvalidInput, NotFound
from backchannel.rules import RULES, Option
from backchannel.text.model import Platform


@dataclass(slots=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[Any], Any]


def _option_setting(name: str, option: Option) -> Setting:
    return Setting(name, option.default, option.help, option.parse)


def _optional_text(name: str) -> Callable[[Any], Any]:
    def parse(value: Any) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise ValueError(f"{name} takes text, not {value!r}")
        return value.strip()

    return parse


def _zone_name(value: Any) -> str | None:
    from backchannel.timeutil import zone

    name = _optional_text("display_time_zone")(value)
    if name is not None:
        try:
            zone(name)
        except InvalidInput as exc:
            raise ValueError(exc.message) from None
    return name


def _build() -> dict[str, Setting]:
    rows = [
        _option_setting(
            "limits.x",
            Option("limits.x", 280, "The length limit on X, in weighted characters (280 unless you have a Premium account).", minimum=1, maximum=25_000),
        ),
        _option_setting("limits.bluesky", Option("limits.bluesky", 300, "The length limit on Bluesky, in graphemes.", minimum=1, maximum=3_000)),
        _option_setting(
            "limits.mastodon",
            Option("limits.mastodon", 500, "The length limit on your Mastodon server (many servers allow more than 500).", minimum=1, maximum=100_000),
        ),
        Setting("active_event", None, "The slug of the event you are at now; event-aware rules stay silent when none is set.", _optional_text("active_event")),
        Setting(
            "display_time_zone", None,
            "Show times in this IANA zone (e.g. Europe/London) instead of each event's own zone.", _zone_name,
        ),
        Setting("active_room", None, "The room you are in, to pick the current session when several run in parallel.", _optional_text("active_room")),
    ]
    for code, rule in RULES.items():
        rows.append(_option_setting(f"rules.{code}.enabled", Option(f"rules.{code}.enabled", True, f"Whether {code} ({rule.name}) runs: {rule.summary}")))
        rows.extend(_option_setting(f"rules.{code}.{o.name}", o) for o in rule.options)
    return {row.name: row for row in rows}


SETTINGS: Mapping[str, Setting] = _build()


def parse_setting(name: str, value: Any) -> Any:
    """Validate one value for one setting; typed errors for people."""
    setting = SETTINGS.get(name)
    if setting is None:
        raise NotFound(f"There is no setting {name!r}. `backchannel settings` lists them.", details={"setting": name})
    try:
        return setting.parse(value)
    except ValueError as exc:
        raise InvalidInput(str(exc), details={"setting": name}) from None


@dataclass
class Settings:
    """The effective value of every setting (stored overrides on top of defaults)."""

    overrides: Mapping[str, Any]
    _rule_options: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _plans: dict[tuple[str, ...], tuple[tuple[str, dict[str, Any]], ...]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _limits: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def get(self, name: str) -> Any:
        if name in self.overrides:
            return self.overrides[name]
        return SETTINGS[name].default

    def all(self) -> dict[str, Any]:
        return {name: self.get(name) for name in SETTINGS}

    def rule_enabled(self, code: str) -> bool:
        return bool(self.get(f"rules.{code}.enabled"))

    def rule_options(self, code: str) -> dict[str, Any]:
        # Asked for by every rule on every check: built once per Settings.
        options = self._rule_options.get(code)
        if options is None:
            options = self._rule_options[code] = {o.name: self.get(f"rules.{code}.{o.name}") for o in RULES[code].options}
        return options

    def enabled_rules(self, codes: tuple[str, ...]) -> tuple[tuple[str, dict[str, Any]], ...]:
        """Those of ``codes`` that are switched on, each with its options, in the given order.
        Built once per Settings and codes: every check asks, and the answer only changes
        with the settings. Which codes can run at all is the registry's business."""
        plan = self._plans.get(codes)
        if plan is None:
            plan = self._plans[codes] = tuple((code, self.rule_options(code)) for code in codes if self.rule_enabled(code))
        return plan

    def limit(self, platform: Platform) -> int:
        limit = self._limits.get(platform)  # every check asks
        if limit is None:
            limit = self._limits[platform] = int(self.get(f"limits.{platform}"))
        return limit


DEFAULTS = Settings({})
