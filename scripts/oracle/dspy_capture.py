"""Runs DSPy 3.3.1's adapters on the oracle's random `parse` cases and records every string DSPy
passes to json_repair.loads and to ast.literal_eval (shared by the fixture generators)."""

import ast
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True
ORACLE = os.environ.get("ORACLE_DIR", "/work/shared/oracle")
sys.path.insert(0, ORACLE)
import dspy_oracle  # noqa: E402  (puts DSPy and the json_repair snapshot on sys.path)
import json_repair  # noqa: E402


def capture_dspy_inputs(seeds, n=2000):
    """-> (strings given to json_repair.loads, strings given to ast.literal_eval), in first-seen order."""
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
        for seed in seeds:
            cases = subprocess.run(
                [sys.executable, os.path.join(ORACLE, "gen_cases.py"), "--seed", str(seed), "--n", str(n), "--kinds", "parse"],
                capture_output=True, text=True, check=True,
            ).stdout
            for line in cases.splitlines():
                dspy_oracle.handle(json.loads(line))
    finally:
        json_repair.loads, ast.literal_eval = real_loads, real_literal_eval
    return list(seen_loads), list(seen_literal)
