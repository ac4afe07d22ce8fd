"""Regenerates pydantic-validation.json: pydantic 2.13's lax `TypeAdapter(t).validate_python(v)` results.

Run from /work/shared/oracle with `. ./env.sh` (needs the DSPy oracle's TypeBuilder and value codec):
    python3 <this file> > pydantic-validation.json
Never run by the build or the tests; the JSON output is committed.
"""
import json
import sys

sys.path.insert(0, "/work/shared/oracle")
import dspy_oracle as O  # noqa: E402
import pydantic  # noqa: E402

MODELS = [
    {"model": "Point", "fields": [{"name": "x", "type": "float"}, {"name": "y", "type": "float"}]},
    {"model": "Person", "doc": "A person.", "fields": [
        {"name": "name", "type": "str"}, {"name": "age", "type": "int"},
        {"name": "tags", "type": "list[str]", "default": []}, {"name": "nick", "type": "Optional[str]", "default": None}]},
    {"model": "Team", "fields": [{"name": "lead", "type": "Person"}, {"name": "members", "type": "list[Person]"},
                                 {"name": "kind", "type": "Literal['a', 'b']", "default": "a"}]},
    {"model": "Aliased", "fields": [{"name": "user_name", "type": "str", "alias": "userName"}, {"name": "n", "type": "int", "default": 1}]},
    {"enum": "Color", "members": {"RED": "red", "BLUE": "blue"}},
    {"enum": "Level", "members": {"LOW": 1, "HIGH": 2}},
]

TYPES = [
    "str", "int", "float", "bool", "None", "Any",
    "list[int]", "list[str]", "list[float]", "list[bool]", "list[list[int]]", "list[Any]", "list",
    "dict[str, int]", "dict[str, str]", "dict[str, list[int]]", "dict[str, Any]", "dict[int, str]", "dict",
    "Optional[int]", "int | None", "Optional[str]", "Optional[list[int]]", "Optional[float]", "Optional[bool]",
    "Union[int, str]", "Union[str, int]", "Union[int, float]", "Union[float, int]", "Union[int, list[int]]",
    "Union[bool, int]", "Union[int, bool]", "Union[list[int], dict[str, int]]", "Union[Person, str]", "Union[int, str, None]",
    "Literal['a', 'b']", "Literal[1, 2, 3]", "Literal['a', 1]", "Literal[True]", "Literal['x']", "Literal[\"it's\", 'no']",
    "tuple[int, str]", "tuple[int, ...]", "set[int]", "set[str]",
    "Point", "Person", "Team", "Aliased", "Optional[Person]", "list[Person]", "dict[str, Point]",
    "Color", "Level", "list[Color]", "Optional[Color]",
]

F = lambda s: {"$float": s}  # noqa: E731
INPUTS = [
    42, -1, 0, 1, 2, 3, 42.0, 42.5, 1.0, 0.0, 2.0, -0.0, 1e20, 100000000000000000000, 9007199254740993, F("nan"), F("inf"),
    "42", " 42 ", "4_2", "1_000", "_1", "1__0", "1.0", "1.5", "1e3", "0x10", "+5", "-5", "", " ", "abc", "1_000.5", "inf", "nan",
    "-inf", "Infinity", "1.", ".5", "１２", "true", "True", "TRUE", " true ", "yes", "on", "no", "off", "t", "f", "y", "n", "1", "0",
    "2", "None", "null", "a", "b", "x", "it's", "red", "RED", "blue",
    True, False, None,
    [], [1, 2], ["1", "2"], [1, "a"], [1, 2, 2], [[1], [2, "3"]], ["a", "b"], [True, 0], ["red", "BLUE"],
    {}, {"a": 1}, {"a": "1", "b": [1]}, {"1": "x"}, {"x": 1, "y": "2"}, {"x": 1},
    {"name": "Ann", "age": "30"}, {"name": "Ann", "age": 30.0, "tags": ["t"], "extra": 1}, {"name": 5, "age": "x"},
    {"lead": {"name": "A", "age": 1}, "members": [{"name": "B", "age": 2}, {"name": "C"}], "kind": "c"},
    {"userName": "u"}, {"user_name": "u"}, {"a": {"x": 1, "y": 2}, "b": {"x": "bad"}},
]


SCALAR_TYPES = {"str", "int", "float", "bool", "None", "Any", "Color", "Level"}
SHORT_INPUTS = [
    0, 1, 2, 42, 42.0, 42.5, 1e20, F("nan"), "42", "1_000", "abc", "", "true", "a", "red", True, None,
    [], [1, 2], ["1", "2"], [1, "a"], [1, 2, 2], [[1], [2, "3"]], ["a", "b"], [True, 0],
    {}, {"a": 1}, {"a": "1", "b": [1]}, {"1": "x"}, {"x": 1, "y": "2"}, {"x": 1},
    {"name": "Ann", "age": "30"}, {"name": "Ann", "age": 30.0, "tags": ["t"], "extra": 1}, {"name": 5, "age": "x"},
    {"lead": {"name": "A", "age": 1}, "members": [{"name": "B", "age": 2}, {"name": "C"}], "kind": "c"},
    {"userName": "u"}, {"user_name": "u"}, {"a": {"x": 1, "y": 2}, "b": {"x": "bad"}},
]


def run(tb, t, v):
    ann = eval(t, dict(tb.names))  # noqa: S307 (fixed, trusted type strings)
    try:
        out = pydantic.TypeAdapter(ann).validate_python(O.decode_value(v))
        return {"ok": O.encode_value(out), "out_type": O.type_name(out)}
    except pydantic.ValidationError as e:
        return {"error": str(e)}


def main():
    tb = O.TypeBuilder()
    for m in MODELS:
        tb.build(m)
    cases = []
    for t in TYPES:
        for v in INPUTS if t in SCALAR_TYPES or t.startswith("Literal") else SHORT_INPUTS:
            r = run(tb, t, v)
            cases.append({"type": t, "input": v, **r})
    json.dump({"models": MODELS, "cases": cases}, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


main()
