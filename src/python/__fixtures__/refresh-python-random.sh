#!/usr/bin/env bash
# Regenerates PythonRandom's fixtures with CPython (development only: the build and the tests never run this).
#   python-random.cpython.json       python-random.gen.py: streams, per-seed scripts and error messages
#   oracle-rng-seed-{11,12}.*.jsonl  the DSPy oracle's rng cases: gen_cases.py --seed S --n 600 --kinds rng
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
oracle="${ORACLE_DIR:-$here/../../../../shared/oracle}" # the shared/ folder beside the main checkout
python3 -W ignore "$here/python-random.gen.py" > "$here/python-random.cpython.json"
cd "$oracle"
for seed in 11 12; do
  python3 gen_cases.py --seed "$seed" --n 600 --kinds rng > "$here/oracle-rng-seed-$seed.cases.jsonl"
  python3 dspy_oracle.py < "$here/oracle-rng-seed-$seed.cases.jsonl" > "$here/oracle-rng-seed-$seed.expected.jsonl"
done
