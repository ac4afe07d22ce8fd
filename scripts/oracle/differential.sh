#!/usr/bin/env bash
# Differential run against the REAL Python DSPy 3.3.1 (../shared/oracle): generates fresh cases with the oracle's
# gen_cases.py and with scripts/oracle/gen_shape_cases.py (new input shapes), lets the oracle answer them, and replays
# them through tsdspy with scripts/oracle/differential.ts. Development only; the tests never run this.
#
#     scripts/oracle/differential.sh [SEEDS (default "301 302")] [N per generator (default 400)]
#
# Cases, answers and the mismatch list go to ${DIFF_DIR:-/tmp/tsdspy-diff}.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
oracle="${ORACLE_DIR:-/work/shared/oracle}"
out="${DIFF_DIR:-/tmp/tsdspy-diff}"
seeds="${1:-301 302}"
n="${2:-400}"
mkdir -p "$out"
: > "$out/cases.jsonl"
: > "$out/expected.jsonl"
(
  cd "$oracle"
  . ./env.sh
  for seed in $seeds; do
    python3 gen_cases.py --seed "$seed" --n "$n" > "$out/stock-$seed.jsonl"
    python3 "$here/gen_shape_cases.py" --seed "$seed" --n "$n" > "$out/shape-$seed.jsonl"
    for f in "$out/stock-$seed.jsonl" "$out/shape-$seed.jsonl"; do
      cat "$f" >> "$out/cases.jsonl"
      python3 dspy_oracle.py < "$f" 2>/dev/null >> "$out/expected.jsonl"
    done
  done
)
cd "$repo"
npx tsx scripts/oracle/differential.ts "$out/cases.jsonl" "$out/expected.jsonl" --out "$out/mismatches.jsonl" --show "${SHOW:-3}"
