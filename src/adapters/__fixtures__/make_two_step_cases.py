"""Captures DSPy 3.3.1's TwoStepAdapter (development only; tsdspy's tests replay the JSON):

    . ../shared/oracle/env.sh && python3 src/adapters/__fixtures__/make_two_step_cases.py > src/adapters/__fixtures__/two-step.oracle.json

Each case: the main LM's and the extraction LM's messages, and the prediction or DSPy's error.
"""

import json
import sys

sys.dont_write_bytecode = True

import dspy  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402

CASES = [
    {"id": "qa", "signature": "question -> answer", "module": "predict", "inputs": {"question": "What is 2 + 2?"},
     "main": [{"answer": "Two plus two is four."}], "extract": [{"answer": "4"}]},
    {"id": "cot-typed-demos", "signature": "context: list[str], question -> answer: int, confidence: float",
     "instructions": "Answer from the context.\nBe exact.", "module": "cot",
     "demos": [{"context": ["a"], "question": "q1", "reasoning": "r1", "answer": 1, "confidence": 0.5},
               {"context": ["b"], "question": "q2", "answer": 2}],
     "inputs": {"context": ["There are 3 apples.", "Nothing else."], "question": "How many apples?"},
     "main": [{"text": "I counted three apples, so 3, and I am fairly sure."}],
     "extract": [{"reasoning": "Counted.", "answer": 3, "confidence": 0.9}]},
    {"id": "extraction-fails", "signature": "question -> answer: int", "module": "predict", "inputs": {"question": "Pick a number"},
     "main": [{"answer": "seven"}], "extract": [{"answer": "seven"}, {"answer": "still seven"}]},
    {"id": "n-2", "signature": "question -> answer", "module": "predict", "inputs": {"question": "Two answers?"}, "config": {"n": 2},
     "main": [{"answer": "first"}, {"answer": "second"}], "extract": [{"answer": "1st"}, {"answer": "2nd"}]},
]


def run(case):
    sig = dspy.Signature(case["signature"], case["instructions"]) if case.get("instructions") else case["signature"]
    module = dspy.ChainOfThought(sig) if case["module"] == "cot" else dspy.Predict(sig)
    predictor = module.predict if case["module"] == "cot" else module
    predictor.demos = [dspy.Example(**d) for d in case.get("demos", [])]
    main, extract = DummyLM(case["main"]), DummyLM(case["extract"])
    result = {"id": case["id"]}
    try:
        with dspy.context(lm=main, adapter=dspy.TwoStepAdapter(extract)):
            pred = module(**case["inputs"], config=case.get("config", {}))
        result["prediction"] = dict(pred)
        if pred.completions is not None and len(pred.completions) > 1:
            result["completions"] = [dict(c) for c in pred.completions]
    except Exception as e:
        result["error"] = {"type": type(e).__name__, "message": str(e)}
    result["main_calls"] = [h["messages"] for h in main.history]
    result["extract_calls"] = [h["messages"] for h in extract.history]
    return result


if __name__ == "__main__":
    json.dump([{"case": c, "expected": run(c)} for c in CASES], sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
