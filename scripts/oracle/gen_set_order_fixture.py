#!/usr/bin/env python3
"""Writes src/python/__fixtures__/set-order.json: CPython's iteration order of sets built from lists of ints, floats
and bools (hashes that do not depend on PYTHONHASHSEED), for pySetOrder's test. Plain CPython, no DSPy.

    python3 scripts/oracle/gen_set_order_fixture.py > src/python/__fixtures__/set-order.json
"""
import json
import math
import random
import sys

r = random.Random(20261202)
SPECIAL = [0, 1, -1, -2, 2 ** 61 - 1, 2 ** 61, -(2 ** 61), 2 ** 63 - 1, -(2 ** 63), 2 ** 64 + 5, 10 ** 20, 2 ** 53 + 1,
           0.5, -0.5, 1e16, -0.0, 1.5, 1e-07, 3.14159, 1e300, -2.5e-310, 0.1, math.inf, -math.inf, True, False, 2.0, 7.0]


def encode(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        return {"$float": "inf" if v == math.inf else "-inf" if v == -math.inf else repr(v)}
    if isinstance(v, int) and abs(v) > 2 ** 53:
        return {"$int": str(v)}
    return v


cases = []
for n in range(300):
    kind = r.random()
    size = r.choice([0, 1, 2, 3, 5, 8, 13, 30, 60])
    if kind < 0.4:
        values = [r.randint(0, 64) for _ in range(size)]
    elif kind < 0.6:
        values = [r.randint(-10 ** 6, 10 ** 6) for _ in range(size)]
    elif kind < 0.75:
        values = [r.choice(SPECIAL) for _ in range(size)]
    elif kind < 0.9:
        values = [round(r.uniform(-100, 100), r.randint(0, 4)) for _ in range(size)]
    else:
        values = [r.randint(-(2 ** 70), 2 ** 70) for _ in range(size)]
    unique = []
    for v in values:
        if not any(v == u for u in unique):
            unique.append(v)
    cases.append({"values": [encode(v) for v in unique], "order": [encode(v) for v in set(unique)]})
json.dump(cases, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
