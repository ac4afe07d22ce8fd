#!/usr/bin/env python3
"""Writes src/python/__fixtures__/python-literal-number-sums.json: displays of numbers, signed numbers and
`real ± imaginary` sums (what an LM writes for complex values), with the tokens that may follow them, and what
Python 3.11's ast.literal_eval returns or raises for each. tsdspy reads such elements without the grammar's
expression levels (parse-expression.ts, isLoneNumberSum); these cases pin that the shortcut changes nothing.

    python3 scripts/oracle/gen_number_sum_fixture.py

Needs only the standard library. Deterministic: same Python + same seed -> same bytes.
"""

import ast
import os
import random
import sys
import warnings

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from python_values import outcome, write_cases  # noqa: E402

SEED = 2026
COUNT = 1500

NUMBERS = ["0", "1", "7", "00", "12", "1_0", "0x1F", "0o7", "0b1", "1.5", "1e3", "-0.0", ".5", "1.", "12345678901234567890",
           "123456789012345", "1234567890123456", "2j", "2J", "0j", "00j", "1.5j", "1e3j", "1_0j", "123456789012345j",
           "1234567890123456j", "9007199254740993j", "'a'", "True", "None", "x"]
SIGNS = ["", "", "", "-", "+", "~", "- "]
OPS = ["+", "-", " + ", " - ", "*", "**", "+-", "--", "+\n", "/", "=="]
SUFFIXES = ["", "", "", "", " if 1 else 2", ".real", "(1)", "[0]", " + 1j", " - 2", "*2", "**2", " == 1", " for x in y",
            " and 1", " or 2", " not in y", " := 1", ":1", " 1", "j", "\n"]


CLEAN_NUMBERS = [n for n in NUMBERS if n[0].isdigit() or n[0] == "."]


def element(rng, clean):
    """A number or a sum of two; a clean one is what literal_eval accepts or rejects by value alone."""
    if clean:
        left = rng.choice(["", "", "-", "+"]) + rng.choice(CLEAN_NUMBERS)
        if rng.random() < 0.75:
            left += rng.choice(["+", "-", " + ", " - "]) + rng.choice([n for n in CLEAN_NUMBERS if n.endswith(("j", "J"))])
        return left
    left = rng.choice(SIGNS) + rng.choice(NUMBERS)
    if rng.random() < 0.75:
        left += rng.choice(OPS) + rng.choice(NUMBERS)
    return left + (rng.choice(SUFFIXES) if rng.random() < 0.25 else "")


def display(rng):
    clean = rng.random() < 0.5
    elements = [element(rng, clean or rng.random() < 0.5) for _ in range(1 + rng.randrange(5))]
    kind = rng.randrange(7)
    if kind == 0:
        return ", ".join(elements)
    if kind == 1:
        return ", ".join(elements) + ","
    if kind == 2:
        return "[" + ",\n ".join(elements) + "]"
    if kind == 3:
        return "(" + ", ".join(elements) + ("," if len(elements) == 1 else "") + ")"
    if kind == 4:
        return "{" + ", ".join(f"{e}: {rng.choice(elements)}" for e in elements) + "}"
    if kind == 5:
        return "{" + ", ".join(elements) + "}"
    return elements[0]


def main():
    rng = random.Random(SEED)
    inputs = []
    seen = set()
    while len(inputs) < COUNT:
        text = display(rng)
        if text not in seen:
            seen.add(text)
            inputs.append(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cases = [[s, outcome(ast.literal_eval, s)] for s in inputs]
    header = {"description": f"displays of number sums, seed {SEED}", "python": sys.version.split()[0]}
    write_cases(os.path.join(REPO, "src", "python", "__fixtures__", "python-literal-number-sums.json"), header, cases)


if __name__ == "__main__":
    main()
