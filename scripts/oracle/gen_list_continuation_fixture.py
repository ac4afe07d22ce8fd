#!/usr/bin/env python3
"""Writes src/python/__fixtures__/json-repair-list-continuations.json: objects whose list value is followed by more
`[...]` where a key should be (an LM splitting one list or table in two), mixed with rows, loose cells, empty
lists, nested objects and keys (none whose result has an integer-like key), and what json_repair.loads (the oracle's snapshot) returns for each. tsdspy keeps
what json_repair looks at in such a list up to date instead of re-reading it at every continuation
(json-repair/list-continuation.ts); these cases pin that this changes nothing.

    python3 scripts/oracle/gen_list_continuation_fixture.py

Deterministic: same json_repair + same seed -> same bytes.
"""

import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "src", "python", "__fixtures__", "json-repair-list-continuations.json")
SEED = 2026
COUNT = 2000

sys.path.insert(0, HERE)
from dspy_capture import json_repair  # noqa: E402
from python_values import outcome, write_cases  # noqa: E402

OPENINGS = ['{"a": ', '{"a": [[1,2]', '{"a": [1, 2] ', '[{"a": [[1,2]] ', '{"x": {"a": [', '{"t": [["id","name"]] ',
            "{'rows': [[1, 'x']], ", '{"a": [] ']
PIECES = ["[1]", "[[1,2]]", "[]", "[[1],[2]]", "[[1,2],[3,4]]", "3", ",", " ", "\n", "[[1,2],3,4]", "[5,6]", "[[]]",
          "[[1,2,3]]", '"b": [', '"b": [[1,2]]', '"a": 1', "]", "[", "{", "}", '"": [1]', "'c': [[0,0]] ", "[x]",
          '["s", [1,2]]', "[[1,2], [3]]", "7, 8", "[[9,9]] [1] [2]", '[{"k": 1}]', "[[1, 'y'], [2, 'z']]", "[3, 'w']",
          "[4, 'v', 5, 'u']", "null", "[[null]]", '"a": [[0]]']


def has_index_key(value):
    """Whether a dict in value has an integer-like key ("0", "8"): JavaScript lists those first (docs/compat.md,
    "Object key order"), a known difference these cases are not about."""
    if isinstance(value, dict):
        return any(k.isdigit() and k.isascii() and (k == "0" or not k.startswith("0")) for k in value) or any(
            has_index_key(v) for v in value.values())
    if isinstance(value, list):
        return any(has_index_key(v) for v in value)
    return False


def loads_or_none(text):
    try:
        return json_repair.loads(text)
    except Exception:  # noqa: BLE001 - a failure is a case like any other
        return None


def main():
    rng = random.Random(SEED)
    inputs, seen = [], set()
    while len(inputs) < COUNT:
        text = rng.choice(OPENINGS) + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        if rng.random() < 0.3:
            text += rng.choice(["}", "]}", "}}", "]"])
        if text not in seen and not has_index_key(loads_or_none(text)):
            seen.add(text)
            inputs.append(text)
    cases = [[s, outcome(json_repair.loads, s)] for s in inputs]
    write_cases(OUT, {"description": f"list continuations, seed {SEED}", "json_repair": "0.61.7"}, cases)


if __name__ == "__main__":
    main()
