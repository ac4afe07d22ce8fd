"""Captures what the real DSPy 3.3.1 ReAct does for scripted LM replies (development only; tsdspy's tests replay
the JSON this writes and never run Python).

    . ../shared/oracle/env.sh && python3 src/predict/__fixtures__/make_react_cases.py > src/predict/__fixtures__/react.oracle.json

Every case names its tools from a fixed, data-driven set (below), its signature, adapter, max_iters and the LM's
replies; the result holds each LM call's messages, the trajectory, the prediction, the warnings ReAct logged, and
each tool's `str()`, `args` and function-calling spec.
"""

import json
import logging
import random
import re
import sys

sys.dont_write_bytecode = True

import dspy  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402
from dspy.utils.exceptions import ContextWindowExceededError  # noqa: E402

SEARCH_TABLE = {
    "capital of France": ["Paris | Paris is the capital and largest city of France.", "France | A country in Western Europe."],
    "population of Paris": ["Paris | The city has about 2.1 million residents."],
    "Eiffel Tower height": ["Eiffel Tower | The tower is 330 metres tall."],
}


def search(query: str) -> list[str]:
    """Search a small encyclopedia and return the matching passages."""
    return SEARCH_TABLE.get(query, [f"No results for {query}"])


def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


def lookup(key: str, default: str = "unknown") -> str:
    """Look up a fact by key.
    Returns the default when the key is missing."""
    return {"speed_of_light": "299792458 m/s", "pi": "3.14159"}.get(key, default)


def explode(reason: str) -> str:
    raise RuntimeError(reason)


def stats(values: list[float]) -> dict:
    """Compute the mean and count of some numbers."""
    return {"count": len(values), "mean": sum(values) / len(values) if values else None}


TOOLS = {"search": search, "add": add, "lookup": lookup, "explode": explode, "stats": stats}


CHAINED = ("During handling of the above exception, another exception occurred:",
           "The above exception was the direct cause of the following exception:")


def without_tracebacks(text):
    """A Python traceback reduced to its last line, the form tsdspy writes (so prompt sizes compare across both)."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i] != "Traceback (most recent call last):":
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while True:
            while j < len(lines) and (lines[j].startswith(" ") or lines[j] == "Traceback (most recent call last):"):
                j += 1
            k = j
            while k < len(lines) and lines[k] not in CHAINED and not lines[k].startswith("[[ ## ") and not lines[k].startswith("<"):
                k += 1
            if k < len(lines) and lines[k] in CHAINED:
                j = k + 2
                continue
            break
        if j < len(lines):
            lines[j] = re.sub(r"^(?:[A-Za-z_]\w*\.)+(?=\w+:|\w+$)", "", lines[j])
        i = j
    return "\n".join(out)


class WindowLM(DummyLM):
    """A DummyLM that raises ContextWindowExceededError when the prompt is longer than `limit` characters (tracebacks
    counted by their last line, as tsdspy writes them)."""

    def __init__(self, answers, limit, adapter):
        super().__init__(answers, adapter=adapter)
        self.limit = limit

    def forward(self, prompt=None, messages=None, **kwargs):
        size = sum(len(without_tracebacks(m["content"])) for m in messages or [])
        if size > self.limit:
            raise ContextWindowExceededError(message=f"prompt of {size} characters is over the limit")
        return super().forward(prompt=prompt, messages=messages, **kwargs)


class Warnings(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def encode(value):
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def run_case(case):
    tools = [dspy.Tool(TOOLS[name]) for name in case["tools"]]
    signature = dspy.Signature(case["signature"], case.get("instructions")) if case.get("instructions") else case["signature"]
    react = dspy.ReAct(signature, tools=tools, max_iters=case.get("max_iters", 20))
    adapter = {"chat": dspy.ChatAdapter, "json": dspy.JSONAdapter, "xml": dspy.XMLAdapter}[case.get("adapter", "chat")]()
    if "limit" in case:
        lm = WindowLM(case["answers"], case["limit"], adapter)
    else:
        lm = DummyLM(case["answers"], adapter=adapter)
    handler = Warnings()
    logger = logging.getLogger("dspy.predict.react")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    result = {"id": case["id"]}
    try:
        with dspy.context(lm=lm, adapter=adapter):
            pred = react(**case["inputs"])
        result["trajectory"] = encode(pred.trajectory)
        result["prediction"] = encode({k: v for k, v in pred.items() if k != "trajectory"})
    except Exception as e:  # DSPy's own failure is part of the answer
        result["error"] = {"type": type(e).__name__, "message": str(e)}
    finally:
        logger.removeHandler(handler)
    result["lm_calls"] = [entry["messages"] for entry in lm.history]
    result["warnings"] = handler.messages
    result["react_instructions"] = react.react.signature.instructions
    result["extract_instructions"] = react.extract.predict.signature.instructions
    result["tools"] = [
        {"name": t.name, "str": str(t), "args": encode(t.args), "function": encode(t.format_as_litellm_function_call())}
        for t in react.tools.values()
    ]
    return result


def step(thought, name, args):
    return {"next_thought": thought, "next_tool_name": name, "next_tool_args": args}


FIXED = [
    {
        "id": "two-tool-calls",
        "signature": "question -> answer",
        "tools": ["search", "add"],
        "inputs": {"question": "What is the capital of France, and what is 2 + 3?"},
        "answers": [
            step("I should look up the capital of France.", "search", {"query": "capital of France"}),
            step("Paris it is. Now add the numbers.", "add", {"a": 2, "b": 3}),
            step("I have everything.", "finish", {}),
            {"reasoning": "Paris is the capital; 2 + 3 = 5.", "answer": "Paris, 5"},
        ],
    },
    {
        "id": "invalid-arg-type",
        "signature": "question -> answer",
        "tools": ["add"],
        "inputs": {"question": "Add two and three."},
        "answers": [
            step("Add them.", "add", {"a": "two", "b": 3}),
            step("Retry with integers.", "add", {"a": 2, "b": 3}),
            step("Done.", "finish", {}),
            {"reasoning": "2 + 3 = 5", "answer": "5"},
        ],
    },
    {
        "id": "unknown-and-missing-args",
        "signature": "question -> answer",
        "tools": ["add", "lookup"],
        "inputs": {"question": "What is pi?"},
        "answers": [
            step("Try add.", "add", {"a": 1, "c": 2}),
            step("Try add with one arg.", "add", {"a": 1}),
            step("Look it up.", "lookup", {"key": "pi"}),
            step("Default path.", "lookup", {"key": "tau"}),
            step("Done.", "finish", {}),
            {"reasoning": "pi is 3.14159", "answer": "3.14159"},
        ],
    },
    {
        "id": "tool-raises",
        "signature": "question -> answer",
        "tools": ["explode", "search"],
        "inputs": {"question": "Will it explode?"},
        "answers": [
            step("Call the risky tool.", "explode", {"reason": "the fuse was lit"}),
            step("Give up.", "finish", {}),
            {"reasoning": "It exploded.", "answer": "yes"},
        ],
    },
    {
        "id": "unknown-tool-name",
        "signature": "question -> answer",
        "tools": ["search"],
        "inputs": {"question": "Use a tool that does not exist."},
        "answers": [
            step("Call it.", "teleport", {"where": "moon"}),
            step("Call it again.", "teleport", {"where": "moon"}),
            {"reasoning": "No such tool.", "answer": "cannot"},
        ],
    },
    {
        "id": "max-iters",
        "signature": "question -> answer",
        "tools": ["search"],
        "max_iters": 2,
        "inputs": {"question": "Find the Eiffel Tower height."},
        "answers": [
            step("Search.", "search", {"query": "Eiffel Tower height"}),
            step("Search more.", "search", {"query": "population of Paris"}),
            {"reasoning": "330 metres.", "answer": "330 m"},
        ],
    },
    {
        "id": "multi-field-instructions",
        "signature": "context: list[str], question -> answer, confidence: float",
        "instructions": "Answer the question using the context and tools.\nBe brief.",
        "tools": ["stats", "lookup"],
        "inputs": {"context": ["c is the speed of light"], "question": "What is c, and the mean of 1, 2 and 4.5?"},
        "answers": [
            step("Look up c.", "lookup", {"key": "speed_of_light"}),
            step("Now the stats.", "stats", {"values": [1, 2, 4.5]}),
            step("Done.", "finish", {}),
            {"reasoning": "c is 299792458 m/s; the mean is 2.5.", "answer": "299792458 m/s; 2.5", "confidence": 0.9},
        ],
    },
    {
        "id": "json-adapter",
        "adapter": "json",
        "signature": "question -> answer",
        "tools": ["search", "add"],
        "inputs": {"question": "Population of Paris plus one?"},
        "answers": [
            step("Search.", "search", {"query": "population of Paris"}),
            step("Done.", "finish", {}),
            {"reasoning": "About 2.1 million.", "answer": "2.1 million"},
        ],
    },
    {
        "id": "context-window-truncation",
        "signature": "question -> answer",
        "tools": ["search"],
        "limit": 2900,
        "inputs": {"question": "Search three times."},
        "answers": [
            step("First search.", "search", {"query": "capital of France"}),
            step("Second search.", "search", {"query": "population of Paris"}),
            step("Third search.", "search", {"query": "Eiffel Tower height"}),
            step("Done.", "finish", {}),
            {"reasoning": "Searched.", "answer": "done"},
        ],
    },
]


def random_cases(seed, n):
    rng = random.Random(seed)
    queries = list(SEARCH_TABLE) + ["unknown thing", "capital of Spain"]
    cases = []
    for i in range(n):
        names = rng.sample(list(TOOLS), rng.randint(1, 4))
        steps = []
        for _ in range(rng.randint(0, 4)):
            name = rng.choice(names + ["finish"] * (1 if rng.random() < 0.2 else 0))
            if name == "search":
                args = rng.choice([{"query": rng.choice(queries)}, {"query": 3}, {}])
            elif name == "add":
                args = rng.choice([{"a": rng.randint(-9, 99), "b": rng.randint(0, 9)}, {"a": 1.5, "b": 2}, {"a": "x"}])
            elif name == "lookup":
                args = rng.choice([{"key": "pi"}, {"key": "nope", "default": "n/a"}, {"key": "pi", "extra": 1}])
            elif name == "explode":
                args = {"reason": rng.choice(["bad input", "line one\nline two"])}
            elif name == "stats":
                args = rng.choice([{"values": [1, 2, 3]}, {"values": []}, {"values": "1,2"}])
            else:
                args = {}
            steps.append(step(f"Thought {len(steps)} of case {i}.", name, args))
        if rng.random() < 0.8:
            steps.append(step("Finish now.", "finish", {}))
        answers = steps + [{"reasoning": f"Reasoning of case {i}.", "answer": f"Answer {i}"}]
        case = {
            "id": f"random-{seed}-{i}",
            "signature": "question -> answer",
            "tools": names,
            "inputs": {"question": f"Question number {i}?"},
            "answers": answers,
            "max_iters": rng.choice([3, 5, 20]),
            "adapter": rng.choice(["chat", "chat", "json"]),
        }
        if rng.random() < 0.15:
            case["limit"] = rng.choice([2500, 3200])
        cases.append(case)
    return cases


if __name__ == "__main__":
    cases = FIXED + random_cases(11, 40) + [dict(c, id=c["id"].replace("random", "xml"), adapter="xml") for c in random_cases(12, 10)]
    out = [{"case": c, "expected": run_case(c)} for c in cases]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
