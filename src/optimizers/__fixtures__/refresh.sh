#!/usr/bin/env bash
# Regenerates the bootstrap oracle fixtures from the REAL Python DSPy 3.3.1 (../shared/oracle). Development only:
# tsdspy's build and tests never run this; they replay the committed .jsonl files.
#   oracle-gen-101.*  gen_cases.py --seed 101 --n 400 --kinds bootstrap (the oracle's own generator)
#   extra-7.*         gen_bootstrap_cases.py --seed 7 --n 250 (this folder: XML, 3-module pipelines, teachers, errors, ...)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
oracle="${ORACLE_DIR:-$here/../../../../shared/oracle}"
python3 "$oracle/gen_cases.py" --seed 101 --n 400 --kinds bootstrap > "$here/oracle-gen-101.cases.jsonl"
python3 "$here/gen_bootstrap_cases.py" --seed 7 --n 250 > "$here/extra-7.cases.jsonl"
cd "$oracle"
for set in oracle-gen-101 extra-7; do
  python3 dspy_oracle.py < "$here/$set.cases.jsonl" > "$here/$set.expected.jsonl"
done
(. ./env.sh && PYTHONPATH="$oracle:${PYTHONPATH:-}" python3 "$here/gen_random_search.py" 2>/dev/null) > "$here/random-search.oracle.json"
