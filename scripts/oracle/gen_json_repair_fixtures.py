#!/usr/bin/env python3
"""Writes src/python/__fixtures__/json-repair-*.json: inputs and what Python's json_repair.loads
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

import json
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "src", "python", "__fixtures__")
SEEDS = [1, 2]
FUZZ_SEED = 20250
FUZZ_COUNT = 1500

sys.path.insert(0, HERE)
from dspy_capture import capture_dspy_inputs, json_repair  # noqa: E402
from json_repair_handwritten import HANDWRITTEN  # noqa: E402
from python_values import outcome, write_cases  # noqa: E402

STRUCTURAL = "\"'{}[],:"
INSERTS = list("\"'{}[],: \n\\`#/()-.e1x") + [
    "```", "```json\n", "//", "/*", "*/", "true", "null", "...", "\u201e", "\u201c", "\u201d",
    '\\"', "\\'", "\\n", "\\u00e9",
]
PROSE = ["Here is the JSON: ", "\n\nNote: ", " hope this helps", "```json\n", "\n```"]


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


def write(name, description, inputs):
    cases = [[s, outcome(json_repair.loads, s)] for s in inputs]
    write_cases(os.path.join(OUT, name), {"description": description, "json_repair": "0.61.7"}, cases)


def main():
    dspy_inputs, _ = capture_dspy_inputs(SEEDS)
    write("json-repair-dspy.json",
          f"(a) strings DSPy passes to json_repair.loads on gen_cases.py --kinds parse --n 2000, seeds {SEEDS}",
          dspy_inputs)
    handwritten = list(dict.fromkeys(HANDWRITTEN))
    write("json-repair-handwritten.json", "(b) hand-written LM-style broken JSON", handwritten)
    write("json-repair-fuzz.json", f"(c) mutations of valid documents, seed {FUZZ_SEED}",
          fuzz_inputs(dspy_inputs + handwritten, dspy_inputs + handwritten))


if __name__ == "__main__":
    main()
