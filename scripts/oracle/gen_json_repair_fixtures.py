#!/usr/bin/env python3
"""Writes src/utils/__fixtures__/json-repair-*.json: inputs and what Python's json_repair.loads
returns for them (json_repair 0.61.7, the oracle's snapshot), for tsdspy's jsonRepairLoads tests.

    python3 scripts/oracle/gen_json_repair_fixtures.py

Corpora:
  dspy      (a) every string DSPy 3.3.1 itself passes to json_repair.loads while parsing the
                oracle's random `parse` cases (gen_cases.py --kinds parse, seeds below): JSON
                adapter completions (and their regex-extracted {...}), and chat/xml section bodies.
  handwritten (b) LM-style broken JSON (json_repair_handwritten.py).
  fuzz      (c) seeded mutations (truncate, drop/duplicate quotes/braces/commas, inserts) of the
                valid documents of (a) and (b).
Deterministic: same oracle + same seeds -> same bytes.
"""

import ast
import json
import os
import random
import subprocess
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ORACLE = os.environ.get("ORACLE_DIR", "/work/shared/oracle")
OUT = os.path.join(REPO, "src", "utils", "__fixtures__")
SEEDS = [1, 2]
FUZZ_SEED = 20250
FUZZ_COUNT = 1500

sys.path.insert(0, HERE)
sys.path.insert(0, ORACLE)
import dspy_oracle  # noqa: E402  (puts DSPy and the json_repair snapshot on sys.path)
import json_repair  # noqa: E402
from json_repair_handwritten import HANDWRITTEN  # noqa: E402
from python_values import outcome  # noqa: E402

STRUCTURAL = "\"'{}[],:"
INSERTS = list("\"'{}[],: \n\\`#/()-.e1x") + [
    "```", "```json\n", "//", "/*", "*/", "true", "null", "...", "\u201e", "\u201c", "\u201d",
    '\\"', "\\'", "\\n", "\\u00e9",
]
PROSE = ["Here is the JSON: ", "\n\nNote: ", " hope this helps", "```json\n", "\n```"]


def capture_dspy_inputs():
    """Runs DSPy's parse on the oracle's random cases, recording json_repair/literal_eval inputs."""
    seen_loads, seen_literal = {}, {}
    real_loads, real_literal_eval = json_repair.loads, ast.literal_eval

    def loads(s, *args, **kwargs):
        seen_loads.setdefault(s, None)
        return real_loads(s, *args, **kwargs)

    def literal_eval(s, *args, **kwargs):
        if isinstance(s, str):
            seen_literal.setdefault(s, None)
        return real_literal_eval(s, *args, **kwargs)

    json_repair.loads, ast.literal_eval = loads, literal_eval
    try:
        for seed in SEEDS:
            cases = subprocess.run(
                [sys.executable, os.path.join(ORACLE, "gen_cases.py"), "--seed", str(seed), "--n", "2000", "--kinds", "parse"],
                capture_output=True, text=True, check=True,
            ).stdout
            for line in cases.splitlines():
                dspy_oracle.handle(json.loads(line))
    finally:
        json_repair.loads, ast.literal_eval = real_loads, real_literal_eval
    return list(seen_loads), list(seen_literal)


def mutate(r, s):
    for _ in range(r.randint(1, 3)):
        if not s:
            break
        k = r.random()
        structural = [i for i, c in enumerate(s) if c in STRUCTURAL]
        if k < 0.25:
            s = s[: r.randint(0, len(s))]
        elif k < 0.45 and structural:
            i = r.choice(structural)
            s = s[:i] + s[i + 1:]
        elif k < 0.6 and structural:
            i = r.choice(structural)
            s = s[:i] + s[i] + s[i:]
        elif k < 0.8:
            i = r.randint(0, len(s))
            s = s[:i] + r.choice(INSERTS) + s[i:]
        elif k < 0.88:
            s = s.replace('"', "'") if r.random() < 0.5 else s.replace("'", '"')
        elif k < 0.94:
            i = r.randint(0, len(s))
            s = s[:i] + s[i + r.randint(1, 8):]
        else:
            i = r.randint(0, len(s))
            s = s[:i] + r.choice(PROSE) + s[i:]
    return s


def fuzz_inputs(pool, exclude):
    r = random.Random(FUZZ_SEED)
    valid = []
    for s in pool:
        try:
            json.loads(s)
        except ValueError:
            if not s.startswith(("{'", "['")):
                continue
        valid.append(s)
    seen, out = set(exclude), []
    while len(out) < FUZZ_COUNT:
        s = mutate(r, r.choice(valid))
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def write_cases(name, header, cases):
    """One case per line, ASCII-escaped (keeps lone surrogates intact)."""
    head = json.dumps(header, ensure_ascii=True)[:-1]
    body = ",\n".join(json.dumps(case, ensure_ascii=True) for case in cases)
    with open(os.path.join(OUT, name), "w") as f:
        f.write(f'{head}, "cases": [\n{body}\n]}}\n')
    print(f"{name}: {len(cases)} cases", file=sys.stderr)


def write(name, description, inputs):
    cases = [[s, outcome(json_repair.loads, s)] for s in inputs]
    write_cases(name, {"description": description, "json_repair": "0.61.7"}, cases)


def main():
    dspy_inputs, _ = capture_dspy_inputs()
    write("json-repair-dspy.json",
          f"(a) strings DSPy passes to json_repair.loads on gen_cases.py --kinds parse --n 2000, seeds {SEEDS}",
          dspy_inputs)
    handwritten = list(dict.fromkeys(HANDWRITTEN))
    write("json-repair-handwritten.json", "(b) hand-written LM-style broken JSON", handwritten)
    write("json-repair-fuzz.json", f"(c) mutations of valid documents, seed {FUZZ_SEED}",
          fuzz_inputs(dspy_inputs + handwritten, dspy_inputs + handwritten))


if __name__ == "__main__":
    main()
