"""The coaching rules: one table (``registry.RULES``, code -> rule), one module per code family.

A code's letters name its file: CTX… in ``ctx.py``, FLW… in ``flw.py``, LEN… in
``len.py``, PHO… in ``pho.py``. ``base.py`` is the vocabulary every rule uses,
``catalogue.py`` renders the rules for people (docs/RULES.md is its output), and
``examples.py`` is the situation every rule example is checked in."""

from backchannel.rules.base import Docs, Draft, Edit, Example, Fix, Level, Option, Rule, Tip
from backchannel.rules.registry import ALIASES, RULES, get_rule, resolve_code

__all__ = ["ALIASES", "RULES", "Docs", "Draft", "Edit", "Example", "Fix", "Level", "Option", "Rule", "Tip", "get_rule", "resolve_code"]
