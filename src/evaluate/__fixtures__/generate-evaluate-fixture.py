"""Writes evaluate.json: what DSPy 3.3.1's Evaluate logs, returns and saves for small fake programs.

Run from /work/shared/oracle (DSPy importable):  . ./env.sh && python3 <this file> <path>/evaluate.json
tsdspy's tests replay the committed JSON; they never need Python.
"""

import json
import logging
import os
import sys
import tempfile

import dspy
from dspy.evaluate.evaluate import Evaluate


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append([record.levelname, record.getMessage()])


def run(devset, answers, scores, fail=(), save=False, failure_score=0.0):
    """answers[i]: the program's prediction fields for example i; scores[i]: what the metric returns."""
    by_question = {ex.question: (answers[i], scores[i], i in fail) for i, ex in enumerate(devset)}

    def program(**inputs):
        fields, _, failing = by_question[inputs["question"]]
        if failing:
            raise RuntimeError("program failed")
        return dspy.Prediction(**fields)

    def my_metric(example, pred):
        return by_question[example.question][1]

    capture = Capture()
    for name in ["dspy.evaluate.evaluate", "dspy.utils.parallelizer"]:
        logger = logging.getLogger(name)
        logger.setLevel(logging.DEBUG)
        logger.addHandler(capture)
    tmp = tempfile.mkdtemp()
    csv_path, json_path = os.path.join(tmp, "r.csv"), os.path.join(tmp, "r.json")
    kwargs = {"save_as_csv": csv_path, "save_as_json": json_path} if save else {}
    result = Evaluate(devset=devset, metric=my_metric, num_threads=1, failure_score=failure_score, **kwargs)(program)
    for name in ["dspy.evaluate.evaluate", "dspy.utils.parallelizer"]:
        logging.getLogger(name).removeHandler(capture)
    out = {"score": result.score, "repr": repr(result), "logs": capture.records}
    if save:
        with open(csv_path, newline="") as f:
            out["csv"] = f.read()
        with open(json_path) as f:
            out["json"] = f.read()
    return out


def ex(question, answer, **extra):
    return dspy.Example(question=question, answer=answer, **extra).with_inputs("question")


def main():
    cases = {}
    devset = [ex(f"q{i}", f"a{i}") for i in range(3)]
    answers = [{"answer": f"a{i}"} for i in range(3)]
    cases["bools"] = {"scores": [True, False, True], **run(devset, answers, [True, False, True])}
    cases["floats"] = {"scores": [1.0, 0.5, 0.0], **run(devset, answers, [1.0, 0.5, 0.0])}
    cases["half_even"] = {"scores": [0.00125], **run(devset[:1], answers[:1], [0.00125])}
    cases["seventh"] = {"scores": [1.0] + [0.0] * 6, **run([ex(f"s{i}", "x") for i in range(7)], [{"answer": "x"}] * 7, [1.0] + [0.0] * 6)}
    cases["failure"] = {"scores": [True, True, True], "fail": [1], **run(devset, answers, [True, True, True], fail={1})}
    cases["failure_score"] = {
        "scores": [True, True, True], "fail": [1], "failure_score": 0.5,
        **run(devset, answers, [True, True, True], fail={1}, failure_score=0.5),
    }

    # DSPy's csv writer takes its columns from the first row, so every row has the same fields here.
    rich_devset = [
        ex("What is 1+1?", "2", tags=["math", "easy"], meta={"lang": "en", "n": 1}, note=None),
        ex('Say "hi", please', "hi", tags=[], meta={}, note="x, y"),
        ex("Line\nbreak", None, tags=["a'b"], meta={"k": [1, 2.5]}, note="café ✓"),
    ]
    rich_answers = [
        {"answer": "2", "reasoning": "1 plus 1", "confidence": 0.75, "flag": True},
        {"answer": "hi, there", "reasoning": 'quote "this"', "confidence": 1e-7, "flag": False},
        {"answer": "x", "reasoning": "multi\nline\r\nreply", "confidence": 12345678901234567.0, "flag": None},
    ]
    cases["saved"] = {
        "devset": [e.toDict() for e in rich_devset], "answers": rich_answers, "scores": [1.0, True, 0.0],
        **run(rich_devset, rich_answers, [1.0, True, 0.0], save=True),
    }
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(cases, out, ensure_ascii=False, indent=1)
        out.write("\n")


main()
