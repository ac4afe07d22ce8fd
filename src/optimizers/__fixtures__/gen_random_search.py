#!/usr/bin/env python3
"""Runs the REAL DSPy 3.3.1 BootstrapFewShotWithRandomSearch on a few scenarios and writes random-search.oracle.json.
Development only (tsdspy's tests replay the JSON):

    cd <shared>/oracle && . ./env.sh && python3 <this folder>/gen_random_search.py > <this folder>/random-search.oracle.json

Scenarios use the oracle's case language for programs, trainsets and DummyLM (see shared/oracle/README.md); the LM
answers from a seeded list and evaluation runs on one thread (num_threads=1), so the call order is fixed. Printed lines are
DSPy's stdout (tqdm is silent in the oracle environment); each candidate's demos are its dump_state() demos.
"""

import contextlib
import io
import json
import random
import sys

import oracle_env  # noqa: F401  (DSPy snapshot on sys.path, stubs)
import dspy
import dspy_oracle as oracle

COLORS = [
    ("What is the color of the sky?", "blue"), ("What does the fox say?", "Ring-ding!"),
    ("What is the color of grass?", "green"), ("What is the color of snow?", "white"),
    ("What is the color of coal?", "black"), ("What is the color of blood?", "red"),
    ("What is the color of the sun?", "yellow"), ("What is the color of milk?", "white"),
]


def qa(n, seed):
    r = random.Random(seed)
    trainset = [{"question": q, "answer": a} for q, a in COLORS[:n]]
    answers = [{"reasoning": "Because.", "draft": "d", "answer": r.choice(["blue", "white", "green", "red", "grey"])}
               for _ in range(600)]
    return trainset, answers


SCENARIOS = []


def scenario(name, program, n, seed, params, compile_args=None, valset=None, adapter="chat"):
    trainset, answers = qa(n, seed)
    params = {**params, "num_threads": 1}
    SCENARIOS.append({"name": name, "program": program, "trainset": trainset, "input_keys": ["question"],
                      "lm": {"mode": "answers", "answers": answers}, "adapter": adapter, "params": params,
                      "compile": compile_args or {}, "valset": valset})


PREDICT = {"modules": [{"attr": "qa", "type": "Predict", "signature": "question -> answer"}]}
COT = {"modules": [{"attr": "qa", "type": "ChainOfThought", "signature": "question -> answer"}]}
PIPE = {"modules": [{"attr": "draft", "type": "Predict", "signature": "question -> draft"},
                    {"attr": "final", "type": "ChainOfThought", "signature": "question, draft -> answer"}]}

scenario("predict-5", PREDICT, 5, 1, {"max_bootstrapped_demos": 2, "max_labeled_demos": 3, "num_candidate_programs": 4})
scenario("cot-8", COT, 8, 2, {"max_bootstrapped_demos": 3, "max_labeled_demos": 2, "num_candidate_programs": 5})
scenario("pipeline-6-restrict", PIPE, 6, 3,
         {"max_bootstrapped_demos": 4, "max_labeled_demos": 4, "max_rounds": 2, "num_candidate_programs": 6},
         compile_args={"restrict": [-2, -1, 0, 2, 5], "labeled_sample": False})
scenario("cot-json-stop", COT, 7, 4, {"max_bootstrapped_demos": 1, "max_labeled_demos": 0,
         "num_candidate_programs": 8, "stop_at_score": 40.0}, adapter="json")
scenario("predict-valset", PREDICT, 8, 5, {"max_bootstrapped_demos": 3, "max_labeled_demos": 5,
         "num_candidate_programs": 3}, valset=[0, 1, 2, 3])


def run(s):
    program = oracle.build_program(s["program"])
    examples = [dspy.Example(**ex).with_inputs(*s["input_keys"]) for ex in s["trainset"]]
    valset = None if s["valset"] is None else [examples[i] for i in s["valset"]]
    adapter = oracle.make_adapter(s["adapter"])
    lm = oracle._dummy_lm(s["lm"], adapter)

    def metric(example, pred, trace=None):
        return example.answer == pred.answer

    printed = io.StringIO()
    with dspy.context(lm=lm, adapter=adapter), contextlib.redirect_stdout(printed):
        optimizer = dspy.BootstrapFewShotWithRandomSearch(metric=metric, **s["params"])
        best = optimizer.compile(program, trainset=examples, valset=valset, **s["compile"])
    candidates = []
    for c in best.candidate_programs:
        state = c["program"].dump_state()
        candidates.append({"seed": c["seed"], "score": c["score"], "subscores": c["subscores"],
                           "demos": {name: st["demos"] for name, st in state.items()},
                           "is_best": c["program"] is best})
    return {"stdout": printed.getvalue(), "candidates": oracle.encode_value(candidates)}


out = [{**s, "expected": run(s)} for s in SCENARIOS]
sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
