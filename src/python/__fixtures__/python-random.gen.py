"""Writes python-random.cpython.json: what CPython's random.Random answers, for python-random.test.ts.

Development only (tsdspy's build and tests never run Python):
    python3 src/python/__fixtures__/python-random.gen.py > src/python/__fixtures__/python-random.cpython.json
Each script runs its steps in order on ONE random.Random(seed); the TypeScript test replays them on one PythonRandom.
Integers beyond 2**53 are written as plain JSON integers (the test reads them with parsePyJson, as bigints).
"""
import hashlib
import json
import random
import struct
import sys

SEEDS = [0, 1, 42, -7, 2**40 + 3, 10**30, "abc", "sëed", "0123abcdef" * 6,
         "", "🎲 dice", 2**32 - 1, 2**32, -(2**64), 2**53 + 1, {"bytes": "00016162ff"}]
FULL = {0, 42, "abc"}


def is_full(seed):
    return not isinstance(seed, dict) and seed in FULL


def seed_value(seed):
    return bytes.fromhex(seed["bytes"]) if isinstance(seed, dict) else seed


def battery(full):
    steps = [("random", [])] * 5
    steps += [("getrandbits", [k]) for k in (0, 1, 8, 31, 32, 33, 53, 54, 64, 100, 256)]
    steps += [("randrange", a) for a in ([10], [0, 10], [3, 1000, 7], [1000, 3, -7], [-5, 5], [0, 2**33],
                                          [0, 2**53], [0, 2**53 + 1], [-2**70, 2**70, 3], [10**30], [5, 6],
                                          [0, 2**64, 2**32], [10, 0, -1], [0, 10, 1], [2**52, 2**52 + 5])]
    steps += [("randint", a) for a in ([0, 9], [-10, -5], [0, 2**70], [-2**100, 2**100], [7, 7], [0, 2**32],
                                       [0, 2**53 - 1], [2**53 - 2, 2**53 - 1], [-2**53 + 1, 2**53 - 1], [0, 10**9])]
    steps += [("choice", [list("abcdefg")]), ("choice", [[None, True, 4.5, 2]])]
    steps += [("shuffle", [{"range": [1, n + 1]}]) for n in ((0, 1, 2, 3, 10, 50, 120) if full else (0, 1, 10))]
    if full:
        steps += [("sample", [{"range": [0, 10]}, k]) for k in range(11)]
        steps += [("sample", [{"range": [0, 100]}, k]) for k in list(range(0, 11)) + [20, 21, 22, 50, 99, 100]]
        steps += [("sample", [{"range": [0, 1000]}, k]) for k in (1, 5, 6, 85, 86, 120)]
    else:
        steps += [("sample", [{"range": [0, 10]}, 3]), ("sample", [{"range": [0, 100]}, 10]), ("sample", [{"range": [0, 100]}, 30])]
    # both sides of CPython's set-vs-pool switch: setsize is 21, plus 4**ceil(log4(3k)) when k > 5
    steps += [("sample", [{"range": [0, n]}, k]) for n, k in ((21, 2), (22, 2), (21, 5), (22, 5), (50, 6), (85, 6),
                                                             (86, 6), (277, 22), (278, 22), (1045, 86), (1046, 86))]
    steps += [("sample", [["r", "g", "b"], 5], {"counts": [3, 1, 4]}),
              ("sample", [["x", "y"], 3], {"counts": [10**6, 2]})]
    steps += [("choices", [list("abcde")], {"k": 5}), ("choices", [list("abc")], {"weights": [1, 5, 2], "k": 10}),
              ("choices", [list("abc")], {"weights": [0.1, 0.2, 0.7], "k": 10}),
              ("choices", [list("abc")], {"cum_weights": [1, 2, 10], "k": 10}),
              ("choices", [list("abcd")], {"weights": [0, 0, 1, 0], "k": 5}),
              ("choices", [list("abc")], {"k": 0}), ("choices", [list("abc")], {"k": -2}),
              ("choices", [list("abc")], {}), ("choices", [[]], {"k": 0})]
    steps += [("uniform", a) for a in ([0, 1], [-1.5, 2.5], [10, 1], [1e6, 1e6 + 1])]
    steps += [("randbytes", [n]) for n in (0, 1, 2, 3, 4, 5, 7, 8, 13, 100)]
    steps += [("getstate", []), ("random", []), ("getrandbits", [70]), ("setstate", [len(steps)]),
              ("random", []), ("getrandbits", [70]), ("shuffle", [{"range": [0, 12]}])]
    return steps


def arg_value(arg):
    """Arguments are JSON; {"range": [a, b]} stands for list(range(a, b)) to keep the fixture small."""
    if isinstance(arg, dict) and "range" in arg:
        return list(range(*arg["range"]))
    return list(arg) if isinstance(arg, list) else arg


def state_sha256(state):
    return hashlib.sha256(struct.pack("<625I", *state[1])).hexdigest()


def run(seed, steps, full):
    r = random.Random(seed_value(seed))
    states = {}
    out = []
    for step in steps:
        op, args = step[0], step[1]
        kwargs = step[2] if len(step) > 2 else {}
        entry = {"op": op, "args": args}
        if kwargs:
            entry["kwargs"] = kwargs
        if op == "setstate":
            r.setstate(states[args[0]])
        elif op == "shuffle":
            lst = arg_value(args[0])
            r.shuffle(lst)
            entry["result"] = lst
        elif op == "getstate":
            s = states[len(out)] = r.getstate()
            # the whole state for the FULL seeds, else the SHA-256 of its 625 words ('<625I') and gauss_next
            entry["result"] = [s[0], list(s[1]), s[2]] if full else {"sha256": state_sha256(s), "gaussNext": s[2]}
        elif op == "randbytes":
            entry["result"] = r.randbytes(*args).hex()
        else:
            entry["result"] = getattr(r, op)(*[arg_value(a) for a in args], **kwargs)
        out.append(entry)
    return out


def stream(seed):
    r = random.Random(seed_value(seed))
    values = [r.random() for _ in range(10000)]
    r2 = random.Random(seed_value(seed))
    words = [r2.getrandbits(32) for _ in range(2000)]
    return {"seed": seed, "first": values[:5], "last": values[-1],
            "randomSha256": hashlib.sha256(struct.pack("<10000d", *values)).hexdigest(),
            "uint32Sha256": hashlib.sha256(struct.pack("<2000I", *words)).hexdigest()}


def error_cases():
    cases = [
        ("randrange", [5, 5]), ("randrange", [0]), ("randrange", [-3]), ("randrange", [0, 10, 0]),
        ("randrange", [10, 0, 2]), ("randrange", [0, 10, -1]), ("randrange", [1.5]), ("randrange", [0, 2.5]),
        ("randrange", [0, 10, 1.5]), ("randrange", [5, None, 2]), ("randrange", [2**70, 2**70]),
        ("randint", [5, 4]), ("randint", [0, 2.5]), ("randint", [1.5, 3]),
        ("choice", [[]]), ("sample", [[1, 2], 3]), ("sample", [[1, 2], -1]),
        ("sample", [["a"], 1], {"counts": [1, 2]}), ("sample", [["a", "b"], 1], {"counts": [0, 0]}),
        ("sample", [["a", "b"], 1], {"counts": [1.5, 1]}),
        ("choices", [["a"]], {"weights": [1], "cum_weights": [1]}), ("choices", [["a", "b"]], {"weights": [1]}),
        ("choices", [["a", "b"]], {"weights": [0, 0]}), ("choices", [["a", "b"]], {"weights": [1, float("inf")]}),
        ("choices", [["a", "b"]], {"cum_weights": [-1, -2]}), ("choices", [[]], {}), ("choices", [[]], {"weights": []}),
        ("getrandbits", [-1]), ("randbytes", [-1]),
        ("setstate", [[4, [], None]]), ("setstate", [[3, [0] * 10, None]]), ("setstate", [[3, [0] * 624 + [625], None]]),
    ]
    out = []
    for case in cases:
        call, args = case[0], case[1]
        kwargs = case[2] if len(case) > 2 else {}
        r = random.Random(0)
        try:
            if call == "setstate":
                s = args[0]
                r.setstate((s[0], tuple(s[1]), s[2]))
            else:
                getattr(r, call)(*args, **kwargs)
        except Exception as e:  # noqa: BLE001 - recording the exception is the point
            entry = {"call": call, "args": args, "error": type(e).__name__, "message": str(e)}
            if kwargs:
                entry["kwargs"] = kwargs
            out.append(entry)
        else:
            raise SystemExit(f"{call}{args} did not raise")
    return out


def main():
    doc = {
        "python": sys.version.split()[0],
        "streams": [stream(s) for s in SEEDS],
        "scripts": [{"seed": s, "steps": run(s, battery(full=is_full(s)), is_full(s))}
                    for s in SEEDS],
        "errors": error_cases(),
    }
    json.dump(doc, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
