"""`make bench`: every measurement side by side with its peer, as a table and as JSON."""

from __future__ import annotations

import importlib
import sys
import traceback

from bench.report import Row, print_table, write_json

SECTIONS = (
    "bench.check_inprocess", "bench.http_check", "bench.cli_startup", "bench.programme", "bench.extension", "bench.history", "bench.photos",
    "bench.durability",
)


def main() -> int:
    rows: list[Row] = []
    failed = False
    only = set(sys.argv[1:])
    for name in SECTIONS:
        if only and name.split(".")[-1] not in only:
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(name)
            rows.extend(module.run())
        except Exception:  # noqa: BLE001 - one broken section must not hide the others' numbers
            failed = True
            traceback.print_exc()
            rows.append(Row(name.split(".")[-1], "FAILED (see the traceback above)", "", float("nan")))
    print_table(rows)
    print(f"\nwritten to {write_json(rows)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
