"""Scoring the rules against labelled drafts: precision and recall per rule.

A labelled draft says which rules a careful person would want to fire on it.
Running the checker on it gives the rules that did fire; per rule, a fire the
label wants is a true positive, a fire it does not want a false positive, and
a wanted fire that did not happen a false negative. Precision is how often a
tip is right; recall, how many of the real problems it catches.

Where the labelled drafts come from (real tweets, read from archives) is the
caller's business: see ``tests/rules/corpus.py`` and ``make score``. This lives
with the tests, not in the package: the labels do, and the checker's modules
are compiled while this is not part of any check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping


@dataclass(slots=True)
class RuleScore:
    code: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    checked: int = 0  # drafts the rule could speak on (its situation was there)
    wrong: list[str] = field(default_factory=list)  # ids of the false positives
    missed: list[str] = field(default_factory=list)  # ids of the false negatives

    @property
    def fired(self) -> int:
        return self.true_positives + self.false_positives

    @property
    def support(self) -> int:
        """How many drafts the labels say the rule should fire on."""
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float | None:
        """None when the rule never fired: there is nothing to be right or wrong about."""
        return self.true_positives / self.fired if self.fired else None

    @property
    def recall(self) -> float | None:
        """None when no draft should make it fire."""
        return self.true_positives / self.support if self.support else None

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code, "checked": self.checked, "fired": self.fired, "support": self.support,
            "true_positives": self.true_positives, "false_positives": self.false_positives, "false_negatives": self.false_negatives,
            "precision": self.precision, "recall": self.recall, "wrong": list(self.wrong), "missed": list(self.missed),
        }


def score(outcomes: Iterable[tuple[str, frozenset[str], frozenset[str], frozenset[str]]], codes: Iterable[str]) -> dict[str, RuleScore]:
    """Scores per rule from ``(id, checkable codes, expected codes, fired codes)`` per draft.

    ``checkable`` are the rules that could speak on the draft (an event rule
    cannot without an event): a draft counts towards a rule's ``checked`` only then.
    """
    scores = {code: RuleScore(code) for code in codes}
    for draft_id, checkable, expected, fired in outcomes:
        for code, result in scores.items():
            if code in checkable:
                result.checked += 1
            want, got = code in expected, code in fired
            if want and got:
                result.true_positives += 1
            elif got:
                result.false_positives += 1
                result.wrong.append(draft_id)
            elif want:
                result.false_negatives += 1
                result.missed.append(draft_id)
    return scores


def ratio(value: float | None) -> str:
    """Two decimals, or "–" when there is nothing to measure."""
    return "–" if value is None else f"{value:.2f}"


def table(scores: Mapping[str, RuleScore], levels: Mapping[str, str], title: str) -> str:
    """The scores as a plain-text table, one rule a line."""
    header = f"{'rule':<8} {'level':<10} {'checked':>7} {'support':>7} {'fired':>5} {'right':>5} {'wrong':>5} {'missed':>6} {'precision':>9} {'recall':>6}"
    lines = [title, header]
    for code, s in scores.items():
        lines.append(
            f"{code:<8} {levels.get(code, ''):<10} {s.checked:>7} {s.support:>7} {s.fired:>5} {s.true_positives:>5} {s.false_positives:>5} "
            f"{s.false_negatives:>6} {ratio(s.precision):>9} {ratio(s.recall):>6}"
        )
    return "\n".join(lines)
