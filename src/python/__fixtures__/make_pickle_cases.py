"""Captures CPython's `pickle.dumps(value, protocol=4)` (the bytes DSPy's Hasher hashes) for random value trees with
shared objects (development only):

    python3 src/python/__fixtures__/make_pickle_cases.py > src/python/__fixtures__/pickle.oracle.json

A value is written as JSON: {"$str": id, "v": text} is a str object that may appear again as {"$ref": id}; the same
for {"$list": id, "v": [...]}, {"$dict": id, "v": [[k, v], ...]}, {"$tuple": [...]}; {"$float": repr} is a float;
plain JSON strings are fresh str objects, ints are ints.
"""

import base64
import hashlib
import json
import pickle
import random
import sys

sys.dont_write_bytecode = True


class Rep(str):
    """A long text written in the JSON form as {"$rep": [unit, count]}."""

    def __new__(cls, unit, count):
        obj = super().__new__(cls, unit * count)
        obj.form = {"$rep": [unit, count]}
        return obj


def plain(text):
    return str.__str__(text) if isinstance(text, Rep) else text


def form_of(text):
    return text.form if isinstance(text, Rep) else text


class Builder:
    def __init__(self, rng):
        self.rng = rng
        self.pool = []  # (id, python object, json form)
        self.next_id = 0

    def text(self):
        rng = self.rng
        kind = rng.random()
        if kind < 0.15:
            return rng.choice(["", "a", "é", "\u00ff", "ā", "x"])
        if kind < 0.2:
            return Rep("long ", rng.randint(60, 200))
        if kind < 0.205:
            return Rep("huge ", 14000)
        return "".join(rng.choice("abcdefghij é«»ü中\n") for _ in range(rng.randint(2, 12)))

    def value(self, depth):
        rng = self.rng
        if self.pool and rng.random() < 0.15:
            i, obj, _ = rng.choice(self.pool)
            return obj, {"$ref": i}
        r = rng.random()
        if depth > 3 or r < 0.45:
            s = rng.random()
            if s < 0.35:
                t = self.text()
                form = form_of(t)
                t = "".join(list(plain(t)))  # a fresh str object
                if len(t) > 1 and rng.random() < 0.5:
                    i = self.next_id
                    self.next_id += 1
                    self.pool.append((i, t, None))
                    return t, {"$str": i, "v": form}
                return t, form
            if s < 0.6:
                n = rng.choice([0, 1, 255, 256, 65535, 65536, -1, -129, 2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 2**70, -(2**70), 127, 128, -128, rng.randint(-10**6, 10**6)])
                return n, n
            if s < 0.75:
                f = rng.choice([0.5, -1.25, 2.0, 1e300, -0.0, rng.uniform(-100, 100)])
                return f, {"$float": repr(f)}
            b = rng.choice([True, False, None])
            return b, b
        if r < 0.65:
            items = [self.value(depth + 1) for _ in range(rng.choice([0, 1, 2, 3, 5, 1001]) if rng.random() < 0.05 else rng.randint(0, 4))]
            obj = [o for o, _ in items]
            i = self.next_id
            self.next_id += 1
            self.pool.append((i, obj, None))
            return obj, {"$list": i, "v": [j for _, j in items]}
        if r < 0.8:
            items = [self.value(depth + 1) for _ in range(rng.randint(0, 5))]
            return tuple(o for o, _ in items), {"$tuple": [j for _, j in items]}
        obj, pairs = {}, []
        for _ in range(rng.randint(0, 4)):
            key = "".join(list(plain(self.text()) if rng.random() < 0.8 else rng.choice(["k", ""])))  # runtime str objects
            if key in obj:
                continue
            v, j = self.value(depth + 1)
            obj[key] = v
            pairs.append([form_of(key) if len(key) < 300 else {"$rep": [key[:5], len(key) // 5]}, j])
        i = self.next_id
        self.next_id += 1
        self.pool.append((i, obj, None))
        return obj, {"$dict": i, "v": pairs}


def main():
    rng = random.Random(13)
    cases = []
    for n in range(400):
        value, form = Builder(rng).value(0)
        data = pickle.dumps(value, protocol=4)
        cases.append({"id": n, "value": form, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                      "bytes": base64.b64encode(data).decode() if len(data) < 2000 else None})
    json.dump(cases, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
