"""Captures DSPy 3.3.1's BestOfN, Refine (with OfferFeedback) and MultiChainComparison for scripted LM replies
(development only; tsdspy's tests replay the JSON):

    . ../shared/oracle/env.sh && python3 src/predict/__fixtures__/make_refine_cases.py > src/predict/__fixtures__/refine.oracle.json

Each case records every LM call (messages and the request's rollout_id / temperature), the prediction, what DSPy
printed, the final trace length, and for Refine the program and reward source texts DSPy showed the LM.
"""

import contextlib
import inspect
import io
import json
import sys

sys.dont_write_bytecode = True

import dspy  # noqa: E402
from dspy.clients.base_lm import GLOBAL_HISTORY  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402


class Draft(dspy.Module):
    def __init__(self):
        super().__init__()
        self.draft = dspy.ChainOfThought("question -> draft")
        self.polish = dspy.Predict("question, draft -> answer")

    def forward(self, question):
        draft = self.draft(question=question).draft
        return self.polish(question=question, draft=draft)


def one_word(args, pred):
    return 1.0 if len(pred.answer.split()) == 1 else 0.0


def long_answer(args, pred):
    return len(pred.answer) / 10


def failing_reward(args, pred):
    if pred.answer == "boom":
        raise ValueError("reward exploded")
    return 0.5


REWARDS = {"one_word": one_word, "long_answer": long_answer, "failing": failing_reward}


def build(kind):
    if kind == "cot":
        return dspy.ChainOfThought("question -> answer")
    if kind == "predict":
        return dspy.Predict("question -> answer")
    return Draft()


def run(case):
    module = build(case["module"])
    answers = case["answers"]
    lm = DummyLM(answers)
    if "rollout_id" in case:
        lm.kwargs["rollout_id"] = case["rollout_id"]
    reward = REWARDS[case["reward"]]
    cls = {"BestOfN": dspy.BestOfN, "Refine": dspy.Refine}[case["kind"]]
    wrapper = cls(module=module, N=case["N"], reward_fn=reward, threshold=case["threshold"], fail_count=case.get("fail_count"))
    out = io.StringIO()
    result = {"id": case["id"]}
    trace = []
    start = len(GLOBAL_HISTORY)
    try:
        with dspy.context(lm=lm, trace=trace), contextlib.redirect_stdout(out):
            pred = wrapper(**case["inputs"])
        result["prediction"] = None if pred is None else dict(pred)
    except Exception as e:
        result["error"] = {"type": type(e).__name__, "message": str(e)}
    result["stdout"] = out.getvalue()
    result["trace_len"] = len(trace)
    result["trace_inputs"] = [inputs for _, inputs, _ in trace]
    result["lm_calls"] = [
        {"messages": h["messages"], "rollout_id": h["kwargs"].get("rollout_id"), "temperature": h["kwargs"].get("temperature")}
        for h in GLOBAL_HISTORY[start:]
    ]
    if case["kind"] == "Refine":
        result["module_code"] = wrapper.module_code
        result["reward_fn_code"] = wrapper.reward_fn_code
    return result


def cot(reasoning, answer):
    return {"reasoning": reasoning, "answer": answer}


def advice(text):
    return {"discussion": "The module answered with several words.", "advice": text}


CASES = [
    {"id": "bestofn-second-wins", "kind": "BestOfN", "module": "cot", "reward": "one_word", "N": 3, "threshold": 1.0,
     "inputs": {"question": "Capital of Belgium?"}, "answers": [cot("Think.", "It is Brussels"), cot("Short.", "Brussels")]},
    {"id": "bestofn-none-reach", "kind": "BestOfN", "module": "predict", "reward": "long_answer", "N": 3, "threshold": 5.0,
     "inputs": {"question": "Say something."}, "answers": [{"answer": "short"}, {"answer": "a much longer one"}, {"answer": "mid size"}]},
    {"id": "bestofn-rollout-start", "kind": "BestOfN", "module": "predict", "reward": "one_word", "N": 2, "threshold": 1.0,
     "rollout_id": 7, "inputs": {"question": "Q?"}, "answers": [{"answer": "two words"}, {"answer": "one"}]},
    {"id": "bestofn-failures", "kind": "BestOfN", "module": "predict", "reward": "failing", "N": 3, "threshold": 1.0,
     "inputs": {"question": "Q?"}, "answers": [{"answer": "boom"}, {"answer": "fine"}, {"answer": "boom"}]},
    {"id": "bestofn-fail-count", "kind": "BestOfN", "module": "predict", "reward": "failing", "N": 4, "threshold": 1.0, "fail_count": 1,
     "inputs": {"question": "Q?"}, "answers": [{"answer": "boom"}, {"answer": "boom"}, {"answer": "boom"}, {"answer": "boom"}]},
    {"id": "bestofn-pipeline", "kind": "BestOfN", "module": "draft", "reward": "one_word", "N": 2, "threshold": 1.0,
     "inputs": {"question": "Name a color."}, "answers": [{"reasoning": "Colors.", "draft": "red or blue"}, {"answer": "red or blue"}, {"reasoning": "One.", "draft": "red"}, {"answer": "red"}]},
    {"id": "refine-advice", "kind": "Refine", "module": "cot", "reward": "one_word", "N": 3, "threshold": 1.0,
     "inputs": {"question": "Capital of Belgium?"},
     "answers": [cot("Think.", "It is Brussels"), advice({"predict": "Answer with a single word."}), cot("One word.", "Brussels")]},
    {"id": "refine-never", "kind": "Refine", "module": "predict", "reward": "long_answer", "N": 3, "threshold": 100.0,
     "inputs": {"question": "Say something."},
     "answers": [{"answer": "short"}, advice({"self": "Write more."}), {"answer": "a bit longer"}, advice({"self": "Much more."}), {"answer": "mid"}]},
    {"id": "refine-pipeline", "kind": "Refine", "module": "draft", "reward": "one_word", "N": 2, "threshold": 1.0,
     "inputs": {"question": "Name a color."},
     "answers": [{"reasoning": "Colors.", "draft": "red or blue"}, {"answer": "red or blue"},
                 advice({"draft.predict": "Pick one color.", "polish": "Keep it to one word."}), {"reasoning": "One.", "draft": "red"}, {"answer": "red"}]},
    {"id": "refine-failure", "kind": "Refine", "module": "predict", "reward": "failing", "N": 3, "threshold": 1.0,
     "inputs": {"question": "Q?"}, "answers": [{"answer": "boom"}, {"answer": "fine"}, advice({"self": "N/A"}), {"answer": "boom"}]},
]


def mcc_cases():
    out = []
    specs = [
        ("mcc-3", "question -> answer", 3, {"question": "What is 6 x 7?"},
         [{"reasoning": "six sevens\nmore", "answer": "42"}, {"rationale": "  seven sixes  ", "answer": "42\nextra"}, {"reasoning": "guess", "answer": 41}],
         {"rationale": "All but one agree on 42.", "answer": "42"}),
        ("mcc-2-multi", "context, question -> reasoning_summary, answer: int", 2, {"context": "ctx", "question": "How many?"},
         [{"reasoning": "count them", "answer": 3}, {"reasoning": "recount", "answer": 4}],
         {"rationale": "Both counted.", "reasoning_summary": "Counting.", "answer": 3}),
    ]
    for cid, sig, m, inputs, completions, answer in specs:
        mcc = dspy.MultiChainComparison(sig, M=m)
        lm = DummyLM([answer])
        with dspy.context(lm=lm):
            pred = mcc(completions=completions, **inputs)
        out.append({
            "id": cid, "signature": sig, "M": m, "inputs": inputs, "completions": completions, "answer": answer,
            "prediction": dict(pred), "lm_calls": [h["messages"] for h in lm.history],
            "config": lm.history[0]["kwargs"],
            "state": mcc.predict.dump_state()["signature"],
        })
    mcc = dspy.MultiChainComparison("question -> answer", M=3)
    try:
        mcc(completions=[{"reasoning": "r", "answer": "a"}], question="q")
    except AssertionError as e:
        out.append({"id": "mcc-wrong-m", "error": str(e)})
    return out


if __name__ == "__main__":
    json.dump({"wrappers": [{"case": c, "expected": run(c)} for c in CASES], "mcc": mcc_cases()}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
