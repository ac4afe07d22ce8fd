"""Captures DSPy 3.3.1's `dspy.Tool` for typed Python functions: the argument schemas it infers, `str(tool)`, the
function-calling spec, and what argument validation does with many argument sets (development only).

    . ../shared/oracle/env.sh && python3 src/tools/__fixtures__/make_tool_cases.py > src/tools/__fixtures__/tool.oracle.json
"""

import json
import random
import sys
from typing import Any, Literal, Optional

import pydantic

sys.dont_write_bytecode = True

import dspy  # noqa: E402


class Point(pydantic.BaseModel):
    x: int
    y: int = 0


def scale(a: int, b: str = "x"):
    """Scale a number."""


def pick(items: list[int], flag: bool = False):
    """Pick items.
    Multi-line docstring."""


def maybe(opt: Optional[int] = None, name: str = "n"):
    pass


def choose(choice: Literal["a", "b"], weight: float):
    """Choose one."""


def move(point: Point, steps: int):
    """Move a point."""


def weigh(mapping: dict[str, float], tags: list[str] = []):  # noqa: B006
    """Weigh things."""


def anything(value: Any, note: str):
    """Take anything."""


# name -> (function, DSPy type strings per argument, defaults) for the TypeScript side
FUNCTIONS = {
    "scale": (scale, {"a": "int", "b": "str"}, {"b": "x"}),
    "pick": (pick, {"items": "list[int]", "flag": "bool"}, {"flag": False}),
    "maybe": (maybe, {"opt": "Optional[int]", "name": "str"}, {"opt": None, "name": "n"}),
    "choose": (choose, {"choice": "Literal['a', 'b']", "weight": "float"}, {}),
    "weigh": (weigh, {"mapping": "dict[str, float]", "tags": "list[str]"}, {"tags": []}),
    "anything": (anything, {"value": "Any", "note": "str"}, {}),
}

POOL = [1, 0, -3, 1.5, 2.0, "s", "", "a", True, False, None, [1, 2], ["a"], [], {"a": 1}, {"x": 1, "y": 2}, {"a": 1.5}, [1, "b"]]


def encode(value):
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, pydantic.BaseModel):
        return encode(value.model_dump())
    return value


def main():
    rng = random.Random(5)
    tools = []
    for name, (fn, types, defaults) in FUNCTIONS.items():
        tool = dspy.Tool(fn)
        calls = []
        arg_names = list(tool.args)
        for _ in range(40):
            kwargs = {}
            for arg in arg_names + ["extra"]:
                if rng.random() < (0.85 if arg != "extra" else 0.08):
                    kwargs[arg] = rng.choice(POOL)
            try:
                parsed = tool._validate_and_parse_args(**kwargs)
                calls.append({"kwargs": encode(kwargs), "parsed": encode(parsed)})
            except pydantic.ValidationError as e:
                calls.append({"kwargs": encode(kwargs), "error": "ValidationError", "message": str(e)})
            except ValueError as e:
                calls.append({"kwargs": encode(kwargs), "error": type(e).__name__, "message": str(e)})
        tools.append(
            {
                "name": name,
                "types": types,
                "defaults": encode(defaults),
                "desc": tool.desc,
                "args": encode(tool.args),
                "str": str(tool),
                "function": encode(tool.format_as_litellm_function_call()),
                "calls": calls,
            }
        )
    json.dump(tools, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
