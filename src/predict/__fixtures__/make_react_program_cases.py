"""Captures DSPy 3.3.1 on whole ReAct programs (development only; tsdspy's tests replay the JSON):
  - DSPy's own tests/primitives/resources/saved_program.json loaded into ReAct("question -> answer", tools=[]):
    the prompts of a run and the state file it saves back;
  - BootstrapFewShot over a ReAct program with scripted replies: the demos it picks and the saved state.

    . ../shared/oracle/env.sh && python3 src/predict/__fixtures__/make_react_program_cases.py > src/predict/__fixtures__/react-program.oracle.json
"""

import contextlib
import io
import json
import os
import sys
import random
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dspy  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402
from make_react_cases import TOOLS, step  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def saved_text(program):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "p.json")
        program.save(path)
        with open(path) as f:
            return f.read()


def saved_program_case():
    program = dspy.ReAct("question -> answer", tools=[])
    program.load(os.path.join(HERE, "saved_program.json"))
    answers = [
        step("I know this already.", "finish", {}),
        {"reasoning": "Both were produced by Walt Disney Productions.", "answer": "Walt Disney Productions"},
    ]
    lm = DummyLM(answers)
    with dspy.context(lm=lm):
        pred = program(question="Which studio produced Mary Poppins?")
    return {
        "inputs": {"question": "Which studio produced Mary Poppins?"},
        "answers": answers,
        "lm_calls": [h["messages"] for h in lm.history],
        "prediction": {k: v for k, v in pred.items() if k != "trajectory"},
        "trajectory": pred.trajectory,
        "saved": saved_text(program),
    }


def bootstrap_case(cid, trainset, answers, params):
    program = dspy.ReAct("question -> answer", tools=[dspy.Tool(TOOLS["search"]), dspy.Tool(TOOLS["add"])], max_iters=4)
    lm = DummyLM(answers)
    metric = lambda example, pred, trace=None: example.answer == pred.answer  # noqa: E731
    examples = [dspy.Example(**t).with_inputs("question") for t in trainset]
    out = io.StringIO()
    with dspy.context(lm=lm), contextlib.redirect_stdout(out):
        compiled = dspy.BootstrapFewShot(metric=metric, **params).compile(program, trainset=examples)
    return {
        "id": cid,
        "trainset": trainset,
        "answers": answers,
        "params": params,
        "demos": {name: [dict(d) for d in p.demos] for name, p in compiled.named_predictors()},
        "saved": saved_text(compiled),
        "lm_calls": len(lm.history),
        "stdout": out.getvalue(),
    }


def bootstrap_cases():
    trainset = [
        {"question": "What is the capital of France?", "answer": "Paris"},
        {"question": "What is 2 + 3?", "answer": "5"},
        {"question": "How tall is the Eiffel Tower?", "answer": "330 m"},
        {"question": "Who wrote Hamlet?", "answer": "Shakespeare"},
    ]
    answers = [
        step("Search for it.", "search", {"query": "capital of France"}),
        step("Found it.", "finish", {}),
        {"reasoning": "The passage says Paris.", "answer": "Paris"},
        step("Add.", "add", {"a": 2, "b": 3}),
        step("Done.", "finish", {}),
        {"reasoning": "2 + 3 = 5", "answer": "5"},
        step("Search.", "search", {"query": "Eiffel Tower height"}),
        step("Done.", "finish", {}),
        {"reasoning": "It is 330 metres.", "answer": "300 m"},
        step("I know it.", "finish", {}),
        {"reasoning": "Hamlet is by Shakespeare.", "answer": "Shakespeare"},
    ]
    cases = [
        bootstrap_case("bootstrap-2-of-4", trainset, answers, {"max_bootstrapped_demos": 2, "max_labeled_demos": 4}),
        bootstrap_case("bootstrap-4-of-4", trainset, answers, {"max_bootstrapped_demos": 4, "max_labeled_demos": 1}),
    ]
    rng = random.Random(21)
    queries = ["capital of France", "population of Paris", "Eiffel Tower height", "x", "é"]
    for i in range(24):
        size = rng.randint(2, 6)
        train, script = [], []
        for j in range(size):
            answer = rng.choice(["Paris", "5", "330 m", "a", "yes"])
            train.append({"question": f"Question {i}-{j}: {rng.choice(['what?', 'how many?', 'where?'])}", "answer": answer})
            for s_ in range(rng.randint(0, 4)):
                if rng.random() < 0.5:
                    script.append(step(rng.choice(["Search.", "Look it up.", "A", f"Thought {s_}"]), "search", {"query": rng.choice(queries)}))
                else:
                    script.append(step(rng.choice(["Add.", "Sum", "B"]), "add", {"a": rng.randint(-3, 300), "b": rng.randint(0, 70000)}))
            script.append(step(rng.choice(["Done.", "Finish", "C"]), "finish", {}))
            script.append({"reasoning": f"Because {j}.", "answer": answer if rng.random() < 0.75 else "wrong"})
        params = {"max_bootstrapped_demos": rng.randint(1, 4), "max_labeled_demos": rng.randint(0, 6)}
        cases.append(bootstrap_case(f"bootstrap-random-{i}", train, script, params))
    return cases


if __name__ == "__main__":
    json.dump({"saved_program": saved_program_case(), "bootstrap": bootstrap_cases()}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
