"""`backchannel rules [CODE]`: the catalogue, or one rule's page."""

from __future__ import annotations

import argparse
import sys

from backchannel.cli.common import open_store, print_json
from backchannel.rules import RULES, get_rule
from backchannel.rules.catalogue import catalogue_text, rule_docs_text, rule_to_dict

EXAMPLE = "backchannel rules\nbackchannel rules CTX004\nbackchannel rules unattributed-quote"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", help="a rule code or name")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run_rules)


def run_rules(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        settings = store.settings.load()
    finally:
        store.close()
    if args.code:
        rule = get_rule(args.code)
        if args.format == "json":
            print_json(rule_to_dict(rule, settings))
        else:
            sys.stdout.write(rule_docs_text(rule, settings) + "\n")
        return 0
    if args.format == "json":
        print_json({"rules": [rule_to_dict(r, settings) for r in RULES.values()]})
    else:
        sys.stdout.write(catalogue_text(list(RULES.values()), settings) + "\n")
    return 0
