"""In-process draft check: ours (all text rules + counting + entities) vs proselint and twitter-text-parser."""

from __future__ import annotations

import gc
import time
from typing import Callable

from bench.drafts import DRAFTS
from bench.report import Row, median, percentile

ROUNDS = 60


def _per_call_ms(fn: Callable[[str], object], rounds: int = ROUNDS) -> list[float]:
    for text in DRAFTS:  # warm caches and lazy imports
        fn(text)
    samples: list[float] = []
    clock = time.perf_counter_ns
    gc.disable()
    try:
        for _ in range(rounds):
            for text in DRAFTS:
                start = clock()
                fn(text)
                samples.append((clock() - start) / 1e6)
    finally:
        gc.enable()
    return samples


def run() -> list[Row]:
    from backchannel.checker import check_draft
    from backchannel.rules.examples import EXAMPLE_EVENT, EXAMPLE_SESSION

    ours = _per_call_ms(lambda text: check_draft(text, event=EXAMPLE_EVENT, session=EXAMPLE_SESSION))

    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    prose = _per_call_ms(lambda text: LintFile("<draft>", text).lint(DEFAULT), rounds=max(ROUNDS // 10, 3))

    from twitter_text import parse_tweet

    ttp = _per_call_ms(parse_tweet)

    rows = []
    for label, q, target in (("median", 50, 0.15), ("p99", 99, 0.5)):
        mine = median(ours) if q == 50 else percentile(ours, 99)
        rows.append(Row("check (in-process)", f"{label} per draft vs proselint", "ms", mine,
                        median(prose) if q == 50 else percentile(prose, 99), "proselint 0.16 LintFile.lint",
                        f"≤ {target} ms", mine <= target))
        rows.append(Row("check (in-process)", f"{label} per draft vs twitter-text-parser", "ms", mine,
                        median(ttp) if q == 50 else percentile(ttp, 99), "twitter-text-parser 3.0 parse_tweet", None, None))
    return rows
