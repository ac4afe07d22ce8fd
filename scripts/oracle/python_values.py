"""Tagged JSON encoding of Python values for tsdspy fixtures (decoded by
src/python/__fixtures__/python-value-codec.ts).

JSON null/bool/str as such; an integral JSON number is an int (|n| <= 2**53 - 1), a
non-integral one a float; {"$int": "digits"} a bigger int; {"$float": repr} an integral or
non-finite float; {"$dict": [[k, v], ...]} a dict in order; {"$tuple": [...]}, {"$set": [...]},
{"$complex": [re, im]}, {"$bytes": hex}, {"$ellipsis": true}; {"$error": type, "message"} an
exception.
"""

import json
import math
import re
import os
import sys

MAX_SAFE = 2**53 - 1


def encode(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v if abs(v) <= MAX_SAFE else {"$int": str(v)}
    if isinstance(v, float):
        if not math.isfinite(v) or v == int(v):
            return {"$float": repr(v)}
        return v
    if isinstance(v, list):
        return [encode(x) for x in v]
    if isinstance(v, tuple):
        return {"$tuple": [encode(x) for x in v]}
    if isinstance(v, dict):
        return {"$dict": [[encode(k), encode(x)] for k, x in v.items()]}
    if isinstance(v, (set, frozenset)):
        return {"$set": [encode(x) for x in v]}
    if isinstance(v, complex):
        return {"$complex": [repr(v.real), repr(v.imag)]}
    if isinstance(v, bytes):
        return {"$bytes": v.hex()}
    if v is Ellipsis:
        return {"$ellipsis": True}
    raise TypeError(f"cannot encode {type(v).__name__}")


def outcome(fn, arg):
    """fn(arg), encoded; or the exception it raised (object addresses dropped from the message,
    `<ast.Name object at 0x7f...>` -> `<ast.Name object>`, so fixtures are reproducible)."""
    try:
        return encode(fn(arg))
    except Exception as e:  # noqa: BLE001 - the exception type is the expectation
        return {"$error": type(e).__name__, "message": re.sub(r" at 0x[0-9a-f]+>", ">", str(e))}


def write_cases(path, header, cases):
    """A fixture file: the header's keys, then "cases" with one [input, expected] per line
    (ASCII-escaped, which keeps lone surrogates intact)."""
    head = json.dumps(header, ensure_ascii=True)[:-1]
    body = ",\n".join(json.dumps(case, ensure_ascii=True) for case in cases)
    with open(path, "w") as f:
        f.write(f'{head}, "cases": [\n{body}\n]}}\n')
    print(f"{os.path.basename(path)}: {len(cases)} cases", file=sys.stderr)
