"""Writes py-int-set.cpython.json: iteration orders of CPython sets of ints (run with CPython 3.11).

Usage: python3 py-int-set.gen.py > py-int-set.cpython.json
"""
import json
import random

rng = random.Random(20260101)
cases = []
for n in range(150):
    size = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 19, 20, 30, 45, 80])
    top = rng.choice([10, 40, 200, 5000, 10**9])
    adds = [rng.randrange(top) for _ in range(size)]
    other_adds = [rng.randrange(top) for _ in range(rng.choice([0, 2, 5, 9, 25]))]
    s = set()
    for v in adds:
        s.add(v)
    o = set(other_adds)
    keep = [v for v in adds if v % 3 != 0]
    cases.append({
        "adds": adds,
        "other": other_adds,
        "order": list(s),
        "copy": list(set(s)),
        "copy_of_copy": list(set(set(s))),
        "from_list": list(set(adds)),
        "and": list(s & o),
        "rand": list(o & s),
        "comprehension": list({v for v in s if v % 3 != 0}),
    })
print(json.dumps(cases))
