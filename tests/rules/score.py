"""Score the text rules on the labelled corpus of real tweets: `make score`.

Prints each rule's precision and recall (with the counts behind them) on the
part of the corpus rules are tuned on, on the held-out part, and on all of
it; `--json FILE` also writes them. Needs ../shared/data beside the checkout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from backchannel.rules import RULES
from tests.rules.corpus import TEXT_RULES, Case, checkable, fired, load
from tests.rules.corpus_labels import expected
from tests.rules.scoring import RuleScore, ratio, score, table

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
PARTS = ("tuning", "held-out", "all")


def scores(cases: tuple[Case, ...]) -> dict[str, dict[str, RuleScore]]:
    """Per part of the corpus, per rule."""
    outcomes = [(c, (c.id, checkable(c), expected(c.id), fired(c))) for c in cases]
    pick = {"tuning": lambda c: not c.held_out, "held-out": lambda c: c.held_out, "all": lambda c: True}
    return {part: score((o for c, o in outcomes if pick[part](c)), TEXT_RULES) for part in PARTS}


def readme_cells(result: RuleScore) -> tuple[str, str]:
    """The precision and recall cells of the README's rule table: the ratio and the counts behind it."""
    precision = f"{ratio(result.precision)} ({result.true_positives}/{result.fired})" if result.fired else "– (0 fired)"
    recall = f"{ratio(result.recall)} ({result.true_positives}/{result.support})" if result.support else "– (0 to find)"
    return precision, recall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.rules.score", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    parser.add_argument("--show", metavar="CODE", help="list the tweets of the tuning part a rule got wrong or missed")
    parser.add_argument("--show-held-out", action="store_true", help="with --show: list the held-out part's too")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no real test data at {args.data}", file=sys.stderr)
        return 2
    cases = load(args.data)
    result = scores(cases)
    levels = {code: RULES[code].level.value for code in TEXT_RULES}
    counts = {part: sum(1 for c in cases if {"tuning": not c.held_out, "held-out": c.held_out, "all": True}[part]) for part in PARTS}
    for part in PARTS:
        print(table(result[part], levels, f"{part}: {counts[part]} real tweets"))
        print()
    print("README cells (all):")
    for code, result_all in result["all"].items():
        print(f"| {code} | " + " | ".join(readme_cells(result_all)) + " |")
    if args.show:
        code = args.show.upper()
        by_id = {c.id: c for c in cases}
        part = "all" if args.show_held_out else "tuning"
        for kind in ("wrong", "missed"):
            for tweet_id in getattr(result[part][code], kind):
                case = by_id[tweet_id]
                print(f"{kind:<6} {tweet_id} {'held-out' if case.held_out else 'tuning':<8} {case.draft!r}")
    if args.json:
        args.json.write_text(json.dumps({part: {code: s.to_dict() for code, s in result[part].items()} for part in PARTS}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
