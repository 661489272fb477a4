"""`python -m bench.extension`: run the extension benchmarks alone and print the rows."""

import json

from bench.extension import run

for row in run():
    print(json.dumps(row, ensure_ascii=False))
