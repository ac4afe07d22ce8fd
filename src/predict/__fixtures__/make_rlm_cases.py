"""Captures what the real DSPy RLM does for scripted LM replies (development only; tsdspy's tests replay the JSON
this writes and never run Python).

    . ../shared/oracle/env.sh && python3 src/predict/__fixtures__/make_rlm_cases.py > src/predict/__fixtures__/rlm.oracle.json

The code runs in make_program_of_thought_cases.ExecInterpreter (the oracle machine has no Deno), given DSPy's
PythonInterpreter.execution_instructions so the action prompt is the one DSPy writes for its default interpreter.
The sub-LM answering llm_query is a second DummyLM; its calls are captured too.
"""

import json
import logging
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dspy  # noqa: E402
from dspy.primitives.python_interpreter import PythonInterpreter  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402
from make_program_of_thought_cases import ExecInterpreter, fenced  # noqa: E402

CONTEXT = "\n".join(
    f"Record {i}: " + ("The vault code is 4417." if i == 37 else f"routine entry about shipment {i * 7}.") for i in range(60)
)

CASES = [
    {
        "id": "explores a long context with llm_query and submits",
        "signature": "context, query -> answer",
        "inputs": {"context": CONTEXT, "query": "What is the vault code?"},
        "answers": [
            {"reasoning": "Look at the data first.", "code": fenced("print(len(context))\nprint(context[:80])")},
            {"reasoning": "Find the line mentioning the vault.", "code": fenced("hits = [line for line in context.split('\\n') if 'vault' in line]\nprint(hits)")},
            {"reasoning": "Ask the sub-LM to read the code off.", "code": fenced("code = llm_query('Which number is the vault code in: ' + hits[0])\nprint(code)")},
            {"reasoning": "Submit it.", "code": fenced("SUBMIT(code.strip())")},
        ],
        "sub_answers": [{"response": "4417"}],
    },
    {
        "id": "errors, batched queries, max iterations then extract",
        "signature": "context -> summary",
        "instructions": "Summarize the records.",
        "max_iters": 3,
        "inputs": {"context": CONTEXT},
        "answers": [
            {"reasoning": "Try something.", "code": fenced("print(undefined_name)")},
            {"reasoning": "Batch two questions.", "code": fenced("parts = llm_query_batched(['first half', 'second half'])\nprint(parts)")},
            {"reasoning": "No print here.", "code": fenced("x = 1")},
            {"summary": "Sixty shipment records and one vault code."},
        ],
        "sub_answers": [{"response": "shipments 0-29"}, {"response": "shipments 30-59"}],
    },
]


def run_case(case):
    lm = DummyLM(case["answers"])
    sub_lm = DummyLM(case["sub_answers"])

    def factory():
        return ExecInterpreter()

    factory.execution_instructions = PythonInterpreter.execution_instructions
    sig = dspy.Signature(case["signature"], case["instructions"]) if case.get("instructions") else case["signature"]
    rlm = dspy.RLM(sig, max_iters=case.get("max_iters", 20), sub_lm=sub_lm, interpreter_factory=factory)
    interpreter = ExecInterpreter()
    result = {
        "action_instructions": rlm.generate_action.signature.instructions,
        "extract_instructions": rlm.extract.signature.instructions,
    }
    with dspy.context(lm=lm, adapter=dspy.ChatAdapter()):
        prediction = rlm(interpreter, **case["inputs"])
    result["prediction"] = dict(prediction.items())
    result["executed"] = interpreter.executed
    result["lm_calls"] = [entry["messages"] for entry in lm.history]
    result["sub_lm_calls"] = [entry["messages"] if entry.get("messages") else entry["prompt"] for entry in sub_lm.history]
    return result


logging.disable(logging.CRITICAL)
print(json.dumps([{"case": case, "expected": run_case(case)} for case in CASES], indent=1, ensure_ascii=False))
