"""The coaching rules: one registry, one module per rule family."""

from backchannel.rules.base import Docs, Draft, Edit, Example, Fix, Level, Option, Rule, Tip
from backchannel.rules.registry import ALIASES, RULES, get_rule, resolve_code

__all__ = ["ALIASES", "RULES", "Docs", "Draft", "Edit", "Example", "Fix", "Level", "Option", "Rule", "Tip", "get_rule", "resolve_code"]
