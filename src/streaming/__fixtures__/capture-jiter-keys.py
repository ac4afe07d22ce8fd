"""Captures the top-level keys (or the error) that `jiter` 0.17.0 reads from truncated and malformed JSON objects,
strictly and with partial_mode="trailing-strings" (what DSPy's JSON stream listener relies on).

    PYTHONPATH=/tmp/stream-py python3 capture-jiter-keys.py > jiter-keys.json   (see capture-stream-listener.py)
"""

import json
import sys

import jiter

FULL = [
    '{"reasoning": "Quote \\"this\\" and }.", "answer": "Use {\\"a\\": [1, 2.5e3, -0.1, true, null]}", "n": 12}',
    '{\n  "answer": "Paris",\n  "reasoning": "It is the capital.",\n  "nested": {"k": ["x", {"y": false}]}\n}',
    '{"a": "\\u00e9\\ud83d\\ude00", "b": NaN, "c": Infinity, "d": -Infinity, "a": "again"}',
]
ODD = [
    '{"a": x', '{"a": "x", b', '{"a" "x"', '{"a": "x" "b"', '{"a": "x"} junk', '{"a": "x"}}', '{"a": "x",}',
    '{"a":"x",,"b":1', '{"a": 01', '{"a": "x\\q', '{"a": "x\ny"', '{"a": 1.}', '{"a": -}', '[1, 2', '"abc', '{}', ' {"a": 1} ',
    '{"a": "x", "b": [1 2', '{"a": tx}', '{"a": -Inf', '{"a": "\\ud83d',
]
# jiter's recursion limit: 201 nested containers read, the 202nd fails (also when the text ends there).
DEEP = [
    '{"d":' + '[' * 200, '{"d":' + '[' * 201, '{"d":' + '[' * 200 + ']' * 200 + '}', '{"d":' + '[' * 201 + ']' * 201 + '}',
    '{"d":' + '[1,' * 199 + '{"x":[]}' + ']' * 199 + '}', '[' * 201, '[' * 202, '{"a":' * 201, '{"a":' * 202,
]


def keys(text, partial):
    try:
        value = jiter.from_json(text.encode("utf-8"), partial_mode="trailing-strings" if partial else False)
    except ValueError as e:
        return {"error": str(e)}
    return {"keys": list(value.keys()) if isinstance(value, dict) else []}


cases = []
for text in FULL:
    for i in range(len(text) + 1):
        cases.append(text[:i])
cases += ODD + DEEP
out = [{"text": t, "partial": keys(t, True), "strict": keys(t, False)} for t in cases]
json.dump({"jiter": jiter.__version__, "cases": out}, sys.stdout, ensure_ascii=False)
