#!/usr/bin/env python3
"""Seeded generator of extra `bootstrap` oracle cases for tsdspy's optimizer replay (development only).

    python3 gen_bootstrap_cases.py --seed 7 --n 250 > extra.cases.jsonl
    (cd ../../../../shared/oracle && python3 dspy_oracle.py) < extra.cases.jsonl > extra.expected.jsonl

It writes cases in the oracle's case language (see shared/oracle/README.md, "bootstrap") that reach the parts of
BootstrapFewShot / LabeledFewShot the oracle's own generator does not: XML adapter, three-module pipelines,
separate teachers with demos, students with demos and max_labeled_demos=0, DummyLM dict and follow_examples modes,
exhausted answer lists (parse errors, Chat->JSON fallback, max_errors re-raise), zero demo limits, more rounds,
larger trainsets, several input keys and per-example input keys, metric thresholds, and recorded LM prompts
(trace_lm). The output depends only on --seed/--n (one random.Random).
"""

import argparse
import json
import random
import sys

ANSWERS = ["yes", "no", "42", "Paris", "blue", "maybe"]
WORDS = ["alpha", "beta", "gamma", "fox", "café", "東京", "Zürich", "emoji🙂", "data", "x", "line\ntwo", "q"]

PIPELINES = [
    # (modules, output fields the answers need, trainset label field)
    ([("qa", "Predict", "question -> answer")], ["answer"]),
    ([("qa", "ChainOfThought", "question -> answer")], ["reasoning", "answer"]),
    ([("draft", "Predict", "question -> draft"), ("final", "Predict", "question, draft -> answer")], ["draft", "answer"]),
    ([("draft", "Predict", "question -> draft"), ("final", "ChainOfThought", "question, draft -> answer")],
     ["draft", "reasoning", "answer"]),
    ([("retrieve_step", "Predict", "question -> context"), ("draft", "ChainOfThought", "question, context -> draft"),
      ("final", "Predict", "draft -> answer")], ["context", "reasoning", "draft", "answer"]),
    ([("qa", "Predict", "question, topic -> answer")], ["answer"]),
    ([("summarize", "Predict", "question, topic -> summary"), ("final", "ChainOfThought", "summary -> answer")],
     ["summary", "reasoning", "answer"]),
]


class Gen:
    def __init__(self, r):
        self.r = r

    def chance(self, p):
        return self.r.random() < p

    def pick(self, xs):
        return self.r.choice(xs)

    def text(self):
        return " ".join(self.r.choice(WORDS) for _ in range(self.r.randint(1, 3)))

    def program(self, modules, demos_for=None):
        specs = []
        for attr, kind, sig in modules:
            spec = {"attr": attr, "type": kind, "signature": sig}
            if demos_for is not None and self.chance(0.5):
                spec["demos"] = [demos_for(sig, kind) for _ in range(self.r.randint(1, 3))]
            specs.append(spec)
        return {"modules": specs}

    def demo(self, sig, kind):
        inputs, outputs = [s.strip() for s in sig.split("->")]
        names = [n.strip() for n in inputs.split(",")] + (["reasoning"] if kind == "ChainOfThought" else []) + \
            [n.strip() for n in outputs.split(",")]
        demo = {n: self.text() for n in names if self.chance(0.85)}
        if self.chance(0.2):
            demo = {"augmented": True, **demo}
        return demo

    def answer(self, fields):
        a = {}
        for f in fields:
            if f == "answer":
                a[f] = self.pick(ANSWERS)
            elif self.chance(0.93):
                a[f] = self.pick(["because", "d", "ctx", self.text()])
        if self.chance(0.05):
            a = {"unrelated": "zzz"}
        return a

    def case(self):
        r = self.r
        modules, fields = self.pick(PIPELINES)
        two_inputs = any("topic" in m[2] for m in modules)
        n = self.pick([1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20])
        trainset = []
        for i in range(n):
            ex = {"question": f"q{i}: {self.pick(WORDS)}", "answer": self.pick(ANSWERS)}
            if two_inputs:
                ex["topic"] = self.pick(["geo", "math", "misc"])
            if self.chance(0.1):
                ex["note"] = self.text()
            if self.chance(0.05):
                ex["_inputs"] = ["question", "topic"] if two_inputs else ["question"]
            trainset.append(ex)
        input_keys = ["question", "topic"] if two_inputs else ["question"]
        adapter = self.pick(["chat", "chat", "json", "xml"])
        optimizer = "LabeledFewShot" if self.chance(0.2) else "BootstrapFewShot"
        case = {"kind": "bootstrap", "optimizer": optimizer, "adapter": adapter, "input_keys": input_keys,
                "trainset": trainset}
        case["program"] = self.program(modules, self.demo if self.chance(0.3) else None)
        if optimizer == "LabeledFewShot":
            case["params"] = {"k": r.randint(0, 10), "sample": self.chance(0.7)}
            return case

        mode = self.pick(["answers", "answers", "answers", "answers", "dict", "follow_examples"])
        calls = n * len(modules) * r.choice([1, 2, 3])
        if mode == "answers":
            answers = [self.answer(fields) for _ in range(max(1, calls - (r.randint(0, calls) if self.chance(0.3) else 0)))]
            case["lm"] = {"mode": "answers", "answers": answers}
        elif mode == "dict":
            keyed = {}
            for ex in r.sample(trainset, r.randint(1, n)):
                keyed[ex["question"]] = self.answer(fields)
            case["lm"] = {"mode": "dict", "answers": keyed}
        else:
            case["lm"] = {"mode": "follow_examples", "answers": []}
        params = {"max_bootstrapped_demos": self.pick([0, 1, 2, 3, 4, 6]),
                  "max_labeled_demos": self.pick([0, 1, 2, 3, 5, 8, 16]),
                  "max_rounds": self.pick([1, 1, 2, 3])}
        if self.chance(0.15):
            params["metric_threshold"] = self.pick([0.5, 1])
        case["params"] = params
        case["metric"] = self.pick([{"type": "exact", "field": "answer"}, {"type": "exact", "field": "answer"}, None])
        if self.chance(0.25):
            case["teacher"] = self.program(modules, self.demo)
        if self.chance(0.25):
            case["max_errors"] = r.randint(1, 4)
        if self.chance(0.35):
            case["trace_lm"] = True
        return case


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=250)
    args = ap.parse_args()
    g = Gen(random.Random(args.seed))
    for i in range(args.n):
        sys.stdout.write(json.dumps({"id": f"xb{args.seed}-{i}", **g.case()}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
