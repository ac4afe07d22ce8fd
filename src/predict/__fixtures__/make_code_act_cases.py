"""Captures what the real DSPy CodeAct does for scripted LM replies (development only; tsdspy's tests replay the
JSON this writes and never run Python).

    . ../shared/oracle/env.sh && python3 src/predict/__fixtures__/make_code_act_cases.py > src/predict/__fixtures__/code-act.oracle.json

The code runs in make_program_of_thought_cases.ExecInterpreter (the oracle machine has no Deno). DSPy defines each
tool inside the interpreter by executing the tool function's source; tsdspy exposes TypeScript tools as Python
functions calling back to the host instead, so `executed` lists the generated code only (tool sources dropped).
"""

import json
import logging
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dspy  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402
from make_program_of_thought_cases import ExecInterpreter, fenced  # noqa: E402


def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


def lookup(key: str, default: str = "unknown") -> str:
    """Look up a fact by key.
    Returns the default when the key is missing."""
    return {"speed_of_light": "299792458 m/s", "pi": "3.14159"}.get(key, default)


TOOLS = {"add": add, "lookup": lookup}

CASES = [
    {
        "id": "calls a tool from Python over two steps",
        "signature": "question -> answer",
        "tools": ["add"],
        "inputs": {"question": "What is (2 + 3) + 40?"},
        "answers": [
            {"generated_code": fenced("first = add(a=2, b=3)\nprint(first)"), "finished": "False"},
            {"generated_code": fenced("print(add(first, 40))"), "finished": "True"},
            {"reasoning": "The code printed 45.", "answer": "45"},
        ],
    },
    {
        "id": "execution error, parse error, then finished",
        "signature": "question -> answer",
        "tools": ["add", "lookup"],
        "inputs": {"question": "What is pi plus one?"},
        "answers": [
            {"generated_code": fenced("print(lookup(key='pi') + 1)"), "finished": "False"},
            {"generated_code": "", "finished": "False"},
            {"generated_code": fenced("value = float(lookup(key='pi')) + 1\nvalue"), "finished": "True"},
            {"reasoning": "pi is 3.14159.", "answer": "4.14159"},
        ],
    },
    {
        "id": "never finished, stops at max_iters",
        "signature": "question -> answer",
        "instructions": "Answer with a number.",
        "tools": ["lookup"],
        "max_iters": 2,
        "inputs": {"question": "What is the speed of light?"},
        "answers": [
            {"generated_code": fenced("print(lookup(key='speed_of_light'))"), "finished": "False"},
            {"generated_code": fenced("print(lookup(key='nothing'))"), "finished": "False"},
            {"reasoning": "It was printed.", "answer": "299792458 m/s"},
        ],
    },
]


def run_case(case):
    lm = DummyLM(case["answers"])
    interpreter = ExecInterpreter()
    sig = dspy.Signature(case["signature"], case["instructions"]) if case.get("instructions") else case["signature"]
    agent = dspy.CodeAct(sig, tools=[TOOLS[name] for name in case["tools"]], max_iters=case.get("max_iters", 5))
    result = {
        "codeact_instructions": agent.codeact.signature.instructions,
        "extractor_instructions": agent.extractor.predict.signature.instructions,
    }
    with dspy.context(lm=lm, adapter=dspy.ChatAdapter()):
        prediction = agent(interpreter, **case["inputs"])
    result["prediction"] = dict(prediction.items())
    result["executed"] = interpreter.executed[len(case["tools"]):]
    result["lm_calls"] = [entry["messages"] for entry in lm.history]
    return result


logging.disable(logging.CRITICAL)
print(json.dumps([{"case": case, "expected": run_case(case)} for case in CASES], indent=1, ensure_ascii=False))
