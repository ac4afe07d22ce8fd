#!/usr/bin/env python3
"""Writes src/python/__fixtures__/python-literal-*.json: inputs and what Python 3.11's
ast.literal_eval returns (or raises) for them, for tsdspy's pythonLiteralEval tests.

    python3 scripts/oracle/gen_python_literal_fixtures.py

Corpora:
  dspy        every string DSPy 3.3.1 passes to ast.literal_eval while parsing the oracle's
              random `parse` cases (gen_cases.py --kinds parse --n 2000, seeds below).
  handwritten literals, escapes, whitespace rules, syntax errors, non-literal expressions,
              unhashable keys (python_literal_cases.py).
  generated   seeded reprs of random values (some mutated), token soup, prose, expressions.
Deterministic: same Python + same seeds -> same bytes.
"""

import ast
import os
import sys
import warnings

if os.environ.get("PYTHONHASHSEED") != "0":  # set reprs (and so generated inputs) depend on str hashing
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "src", "python", "__fixtures__")
SEEDS = list(range(1, 11))
GENERATED_SEED = 31337
GENERATED_COUNT = 1200

sys.path.insert(0, HERE)
from dspy_capture import capture_dspy_inputs  # noqa: E402
from python_literal_cases import HANDWRITTEN, generated  # noqa: E402
from python_values import outcome, write_cases  # noqa: E402


def write(name, description, inputs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning for "1if x else y" and invalid escapes
        cases = [[s, outcome(ast.literal_eval, s)] for s in inputs]
    header = {"description": description, "python": sys.version.split()[0]}
    write_cases(os.path.join(OUT, name), header, cases)


def main():
    _, literal_inputs = capture_dspy_inputs(SEEDS)
    write("python-literal-dspy.json", f"strings DSPy passes to ast.literal_eval on gen_cases.py --kinds parse, seeds {SEEDS}",
          literal_inputs)
    handwritten = list(dict.fromkeys(HANDWRITTEN))
    write("python-literal-handwritten.json", "hand-written literal_eval cases", handwritten)
    exclude = set(handwritten) | set(literal_inputs)
    write("python-literal-generated.json", f"generated cases, seed {GENERATED_SEED}",
          [s for s in generated(GENERATED_SEED, GENERATED_COUNT + 200) if s not in exclude][:GENERATED_COUNT])


if __name__ == "__main__":
    main()
