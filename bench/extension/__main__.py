"""`python -m bench.extension`: run the extension benchmarks alone and print their table."""

from bench.extension import run
from bench.report import print_table

print_table(run())
