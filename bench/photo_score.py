"""Precision and recall of each photo rule on the real photos in ../shared/data/photos.

    python -m bench.photo_score [PHOTOS_DIR] [--json OUT]

INDEX.md says, for every photo, whether a remote follower can read it. The
photos whose verdict starts with "no:" are the positives (unreadable: a rule
that says so is right), those starting with "yes" the negatives (legible: a
warning is a false alarm); borderline photos and photos that are not of a
talk are listed but not scored. For each rule, and for "any of the
unreadable warnings" (PHO001, PHO002, PHO003) together: precision (of the
photos it flagged, the share that were unreadable) and recall (of the
unreadable photos, the share it flagged). The targets: at least 80 % of
unreadable photos flagged, at most 10 % of legible ones.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PHOTOS = ROOT.parent / "shared" / "data" / "photos"
ROW = re.compile(r"^\| (conference2?/\S+) \| (\d+)x(\d+) \| (.+?) \| (.+?) \|$", re.MULTILINE)
UNREADABLE_WARNINGS = ("PHO001", "PHO002", "PHO003")
RULES = ("PHO001", "PHO002", "PHO003", "PHO004", "PHO005")
ANY = "any of " + "/".join(UNREADABLE_WARNINGS)


@dataclass(frozen=True)
class Scored:
    name: str
    label: str  # "unreadable", "legible" or "unscored"
    verdict: str  # INDEX.md's words
    codes: frozenset[str]
    summary: str  # what the analysis says a follower gets


def label_of(verdict: str) -> str:
    if verdict.startswith("no:"):  # "not a talk photo" is not a verdict on legibility
        return "unreadable"
    if verdict.startswith("yes"):
        return "legible"
    return "unscored"


def score_photos(photos: Path) -> list[Scored]:
    sys.path[:0] = [str(ROOT / "helper")]
    from backchannel.checker import check_photos
    from backchannel.photos.analyse import analyse_photo
    from backchannel.photos.legibility import verdict
    from backchannel.photos.model import AttachedPhoto

    out = []
    for name, _, _, _, words in ROW.findall((photos / "INDEX.md").read_text(encoding="utf-8")):
        analysis = analyse_photo((photos / name).read_bytes())
        codes = frozenset(t.code for t in check_photos([AttachedPhoto(analysis)]))
        out.append(Scored(name, label_of(words), words, codes, verdict(analysis.text).summary))
    return out


def table(scored: list[Scored]) -> list[dict[str, object]]:
    positives = [s for s in scored if s.label == "unreadable"]
    negatives = [s for s in scored if s.label == "legible"]
    rows = []
    for rule in (*RULES, ANY):
        def fires(s: Scored, rule: str = rule) -> bool:
            return bool(s.codes & set(UNREADABLE_WARNINGS)) if rule == ANY else rule in s.codes

        hits = sum(fires(s) for s in positives)
        false_alarms = sum(fires(s) for s in negatives)
        flagged = hits + false_alarms
        rows.append({
            "rule": rule,
            "unreadable_flagged": f"{hits}/{len(positives)}",
            "legible_flagged": f"{false_alarms}/{len(negatives)}",
            "precision": None if flagged == 0 else round(hits / flagged, 3),
            "recall": None if not positives else round(hits / len(positives), 3),
            "false_alarm_rate": None if not negatives else round(false_alarms / len(negatives), 3),
        })
    return rows


def _pct(value: object) -> str:
    return "—" if value is None else f"{float(value):.0%}"  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.photo_score", description=__doc__.split("\n\n")[0])
    parser.add_argument("photos", nargs="?", default=str(DEFAULT_PHOTOS), help="the folder with INDEX.md (default: ../shared/data/photos)")
    parser.add_argument("--json", metavar="OUT", help="also write the table and every photo's codes as JSON")
    args = parser.parse_args(argv)
    photos = Path(args.photos)
    if not (photos / "INDEX.md").is_file():
        print(f"no INDEX.md in {photos}: the real photos are not here", file=sys.stderr)
        return 2
    scored = score_photos(photos)
    for s in scored:
        mark = {"unreadable": "no ", "legible": "yes", "unscored": " · "}[s.label]
        print(f"{mark} {s.name:<52} {','.join(sorted(s.codes)) or '-':<28} {s.summary}")
    rows = table(scored)
    print()
    print(f"{'rule':<24} {'unreadable flagged':>19} {'legible flagged':>16} {'precision':>10} {'recall':>7} {'false alarms':>13}")
    for row in rows:
        print(f"{row['rule']:<24} {row['unreadable_flagged']:>19} {row['legible_flagged']:>16} {_pct(row['precision']):>10}"
              f" {_pct(row['recall']):>7} {_pct(row['false_alarm_rate']):>13}")
    if args.json:
        payload = {"rules": rows, "photos": [{"file": s.name, "label": s.label, "codes": sorted(s.codes), "summary": s.summary} for s in scored]}
        Path(args.json).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
