"""Captures what the real DSPy 3.3.1 MIPROv2 does in steps 1-2 (demo candidate sets, grounded proposer) for scripted
LM replies, plus its argument checks and auto settings; writes mipro-v2.oracle.json next to this file.

Run in the oracle environment:  . ../shared/oracle/env.sh && python3 src/optimizers/mipro-v2/__fixtures__/make-mipro-fixtures.py

optuna is not installed there, so compile() stops when step 3 imports it: the capture patches
`_optimize_prompt_parameters` to record what steps 1-2 hand to step 3 (tsdspy tests step 3 by its own properties).
"""

import contextlib
import io
import json
import logging
import os
import random
import sys

sys.path.insert(0, "/work/shared/oracle")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "__fixtures__"))
import dspy_oracle  # noqa: E402  (sets up the DSPy snapshot's sys.path; its build_program builds PROGRAM specs)

import dspy  # noqa: E402
from dspy.teleprompt import MIPROv2  # noqa: E402
from oracle_scripted_lm import QA, ScriptedLM, output_fields  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def prompt_reply(messages, kwargs, k, i):
    fields = output_fields(messages)
    if fields == ["observations"]:
        last = messages[-1]["content"]
        if "prior_observations" in last and k % 3 == 2:
            return {"observations": "COMPLETE. Nothing to add."}
        return {"observations": f"Observation {k}: the questions are short and factual."}
    if fields == ["summary"]:
        return {"summary": f"Summary: The dataset holds short factual questions ({k})."}
    if fields == ["program_description"]:
        return {"program_description": f"Program description: It answers questions in steps ({k})."}
    if fields == ["module_description"]:
        return {"module_description": f"This module produces the answer ({k})."}
    if fields == ["proposed_instruction"]:
        styles = [
            f'**Proposed Instruction:** "Answer the question carefully, variant {k}."',
            f"Proposed Instruction: Read the question and reply with one word ({k}).",
            f'"Think about the question, then answer it ({k})."',
            f"New instruction: answer tersely ({k}).",
        ]
        return {"proposed_instruction": styles[k % len(styles)]}
    return {f: f"?{k}" for f in fields}


def task_reply_for(answers):
    def reply(messages, kwargs, k, i):
        fields = output_fields(messages)
        last = messages[-1]["content"]
        out = {}
        for f in fields:
            if f == "reasoning":
                out[f] = f"Reasoning {k}."
            else:
                value = next((a for q, a in answers.items() if q in last), "unknown")
                out[f] = value
        return out

    return reply




def qa_examples(n, offset=0):
    return [{"question": q, "answer": a} for q, a in (QA * 4)[offset : offset + n]]


def known_answers(fraction_every):
    # The task LM knows every `fraction_every`-th answer; others are wrong, so bootstrapping succeeds on some.
    return {q: (a if i % fraction_every == 0 else "wrong") for i, (q, a) in enumerate(QA)}


class Captured(Exception):
    pass


def run_case(case):
    program = dspy_oracle.build_program(case["program"])
    input_keys = case.get("input_keys", ["question"])
    trainset = [dspy.Example(**e).with_inputs(*input_keys) for e in case["trainset"]]
    valset = None if case.get("valset") is None else [dspy.Example(**e).with_inputs(*input_keys) for e in case["valset"]]
    prompt_log, task_log = [], []
    prompt_lm = ScriptedLM(prompt_reply, prompt_log)
    task_lm = ScriptedLM(task_reply_for(known_answers(case.get("know_every", 2))), task_log)
    field = case.get("metric_field", "answer")

    def metric(example, prediction, trace=None):
        return example[field] == prediction[field]

    result = {"id": case["id"]}
    logs = []
    handler = logging.Handler()
    handler.emit = lambda record: logs.append(record.getMessage())
    mlogger = logging.getLogger("dspy.teleprompt.mipro_optimizer_v2")
    mlogger.addHandler(handler)
    old_level = mlogger.level
    mlogger.setLevel(logging.INFO)
    stdout = io.StringIO()
    try:
        with dspy.context(lm=task_lm):
            tp = MIPROv2(metric=metric, prompt_model=prompt_lm, task_model=task_lm, **case["init"])

        def capture(program, instruction_candidates, demo_candidates, evaluate, valset, num_trials, minibatch,
                    minibatch_size, minibatch_full_eval_steps, seed):
            result["step3"] = {
                "instruction_candidates": {str(k): v for k, v in instruction_candidates.items()},
                "demo_candidates": None if demo_candidates is None else {
                    str(k): [[dict(d) if not isinstance(d, dict) else d for d in ds] for ds in sets]
                    for k, sets in demo_candidates.items()
                },
                "valset": [dict(e) for e in valset],
                "num_trials": num_trials,
                "minibatch": minibatch,
                "minibatch_size": minibatch_size,
                "minibatch_full_eval_steps": minibatch_full_eval_steps,
                "seed": seed,
                "rng_probe": [tp.rng.random() for _ in range(3)],
            }
            raise Captured()

        tp._optimize_prompt_parameters = capture
        with contextlib.redirect_stdout(stdout):
            tp.compile(program, trainset=trainset, valset=valset, **case["compile"])
    except Captured:
        pass
    except Exception as e:  # argument checks
        result["error"] = {"type": type(e).__name__, "message": str(e)}
    finally:
        mlogger.removeHandler(handler)
        mlogger.setLevel(old_level)
    result["prompt_calls"] = prompt_log
    result["task_calls"] = task_log
    result["stdout"] = stdout.getvalue()
    result["logs"] = logs
    return result


PREDICT = {"type": "Predict", "signature": "question -> answer"}
COT = {"type": "ChainOfThought", "signature": "question -> answer"}
PIPE = {"modules": [
    {"attr": "draft", "type": "ChainOfThought", "signature": "question -> draft_answer"},
    {"attr": "final", "type": "Predict", "signature": "question, draft_answer -> answer"},
]}

CASES = [
    {"id": "predict-manual", "program": PREDICT, "trainset": qa_examples(12), "valset": qa_examples(6, 12),
     "init": {"auto": None, "num_candidates": 4, "max_bootstrapped_demos": 2, "max_labeled_demos": 2},
     "compile": {"num_trials": 10, "program_aware_proposer": False, "minibatch": False}},
    {"id": "predict-manual-seed3-batch3", "program": PREDICT, "trainset": qa_examples(12), "valset": qa_examples(5, 12),
     "init": {"auto": None, "num_candidates": 5, "max_bootstrapped_demos": 3, "max_labeled_demos": 1, "seed": 3},
     "compile": {"num_trials": 7, "program_aware_proposer": False, "view_data_batch_size": 3, "minibatch_size": 5}},
    {"id": "cot-manual-notip", "program": COT, "trainset": qa_examples(10), "valset": qa_examples(4, 10), "know_every": 3,
     "init": {"auto": None, "num_candidates": 3, "max_bootstrapped_demos": 2, "max_labeled_demos": 3},
     "compile": {"num_trials": 5, "program_aware_proposer": False, "tip_aware_proposer": False, "minibatch": False}},
    {"id": "predict-zeroshot", "program": PREDICT, "trainset": qa_examples(9), "valset": qa_examples(4, 9),
     "init": {"auto": None, "num_candidates": 3, "max_bootstrapped_demos": 0, "max_labeled_demos": 0},
     "compile": {"num_trials": 4, "program_aware_proposer": False, "minibatch": False}},
    {"id": "predict-nodata-nofewshot", "program": PREDICT, "trainset": qa_examples(8), "valset": qa_examples(3, 8),
     "init": {"auto": None, "num_candidates": 4, "max_bootstrapped_demos": 1, "max_labeled_demos": 2, "seed": 21},
     "compile": {"num_trials": 4, "program_aware_proposer": False, "data_aware_proposer": False,
                 "fewshot_aware_proposer": False, "minibatch": False}},
    {"id": "pipeline-light-split", "program": PIPE, "trainset": qa_examples(30), "valset": None, "know_every": 2,
     "init": {"auto": "light", "max_bootstrapped_demos": 2, "max_labeled_demos": 2},
     "compile": {"program_aware_proposer": False}},
    {"id": "pipeline-program-aware", "program": PIPE, "trainset": qa_examples(12), "valset": qa_examples(6, 12),
     "init": {"auto": None, "num_candidates": 3, "max_bootstrapped_demos": 2, "max_labeled_demos": 1, "seed": 5},
     "compile": {"num_trials": 6, "program_aware_proposer": True, "minibatch_size": 6}},
    {"id": "predict-program-aware", "program": COT, "trainset": qa_examples(8), "valset": qa_examples(4, 8),
     "init": {"auto": None, "num_candidates": 3, "max_bootstrapped_demos": 2, "max_labeled_demos": 2, "seed": 11},
     "compile": {"num_trials": 6, "program_aware_proposer": True, "minibatch": False}},
    {"id": "predict-medium-valset", "program": PREDICT, "trainset": qa_examples(20), "valset": qa_examples(40, 4),
     "init": {"auto": "medium", "max_bootstrapped_demos": 1, "max_labeled_demos": 1, "seed": 2},
     "compile": {"program_aware_proposer": False}},
    # Argument checks (no LM call is made).
    {"id": "err-auto-none-no-trials", "program": PREDICT, "trainset": qa_examples(2), "valset": None,
     "init": {"auto": None, "num_candidates": 4}, "compile": {}},
    {"id": "err-auto-none-no-trials-zeroshot-pipeline", "program": PIPE, "trainset": qa_examples(2), "valset": None,
     "init": {"auto": None, "num_candidates": 7, "max_bootstrapped_demos": 0, "max_labeled_demos": 0}, "compile": {}},
    {"id": "err-auto-none-no-candidates", "program": PREDICT, "trainset": qa_examples(2), "valset": None,
     "init": {"auto": None}, "compile": {"num_trials": 5}},
    {"id": "err-auto-with-candidates", "program": PREDICT, "trainset": qa_examples(2), "valset": None,
     "init": {"auto": "light", "num_candidates": 4}, "compile": {}},
    {"id": "err-auto-with-trials", "program": PREDICT, "trainset": qa_examples(2), "valset": None,
     "init": {"auto": "heavy"}, "compile": {"num_trials": 3}},
    {"id": "err-permission", "program": PREDICT, "trainset": qa_examples(2), "valset": None,
     "init": {"auto": "light"}, "compile": {"requires_permission_to_run": True}},
    {"id": "err-empty-trainset", "program": PREDICT, "trainset": [], "valset": None,
     "init": {"auto": "light"}, "compile": {}},
    {"id": "err-one-example", "program": PREDICT, "trainset": qa_examples(1), "valset": None,
     "init": {"auto": "light"}, "compile": {}},
    {"id": "err-empty-valset", "program": PREDICT, "trainset": qa_examples(3), "valset": [],
     "init": {"auto": "light"}, "compile": {}},
    {"id": "err-minibatch-too-big", "program": PREDICT, "trainset": qa_examples(6), "valset": qa_examples(5),
     "init": {"auto": None, "num_candidates": 3}, "compile": {"num_trials": 4}},
]


def auto_table():
    """num_trials from num_candidates and the auto settings, for predictor counts and zero-shot or not."""
    rows = []
    for n_pred in (1, 2, 3, 5):
        prog = dspy_oracle.build_program({"modules": [{"attr": f"m{i}", "type": "Predict", "signature": "a -> b"} for i in range(n_pred)]})
        for zeroshot in (False, True):
            for n in (1, 2, 3, 4, 6, 7, 10, 12, 18, 25, 40):
                tp = MIPROv2(metric=lambda *a: 1, prompt_model=dspy.LM("x/y"), task_model=dspy.LM("x/y"), auto=None, num_candidates=n)
                rows.append({"predictors": n_pred, "zeroshot": zeroshot, "num_candidates": n,
                             "num_trials": tp._set_num_trials_from_num_candidates(prog, zeroshot, n)})
            for auto in ("light", "medium", "heavy"):
                for val_size in (10, 50, 51, 120, 400, 1500):
                    tp = MIPROv2(metric=lambda *a: 1, prompt_model=dspy.LM("x/y"), task_model=dspy.LM("x/y"), auto=auto, seed=1)
                    tp._set_random_seeds(1)
                    valset = list(range(val_size))
                    num_trials, vs, minibatch, ni, nf = tp._set_hyperparams_from_run_mode(prog, None, True, zeroshot, valset, None, None)
                    rows.append({"predictors": n_pred, "zeroshot": zeroshot, "auto": auto, "val_size": val_size,
                                 "num_trials": num_trials, "valset": vs, "minibatch": minibatch,
                                 "num_instruct_candidates": ni, "num_fewshot_candidates": nf})
    return rows


def estimate_lines():
    rows = []
    for n_pred, trials, minibatch, mb_size, steps, val, aware, ninst in [
        (1, 10, True, 35, 5, 100, True, 3), (2, 18, False, 35, 5, 40, False, 6), (3, 7, True, 10, 2, 25, True, 12),
    ]:
        prog = dspy_oracle.build_program({"modules": [{"attr": f"m{i}", "type": "Predict", "signature": "a -> b"} for i in range(n_pred)]})
        tp = MIPROv2(metric=lambda *a: 1, prompt_model=dspy.LM("x/y"), task_model=dspy.LM("x/y"))
        p, t = tp._estimate_lm_calls(prog, trials, minibatch, mb_size, steps, list(range(val)), aware, ninst)
        rows.append({"predictors": n_pred, "num_trials": trials, "minibatch": minibatch, "minibatch_size": mb_size,
                     "minibatch_full_eval_steps": steps, "val_size": val, "program_aware": aware,
                     "num_instruct_candidates": ninst, "prompt_model_line": p, "task_model_line": t})
    return rows


def other_messages():
    out = {}
    try:
        MIPROv2(metric=lambda *a: 1, prompt_model=dspy.LM("x/y"), task_model=dspy.LM("x/y"), auto="fast")
    except ValueError as e:
        out["invalid_auto"] = str(e)
    with dspy.context(lm=None):
        try:
            MIPROv2(metric=lambda *a: 1)
        except ValueError as e:
            out["no_lm"] = str(e)
    return out


def main():
    out = {
        "cases": [run_case(c) | {"case": c} for c in CASES],
        "auto": auto_table(),
        "estimate": estimate_lines(),
        "messages": other_messages(),
    }
    with open(os.path.join(HERE, "mipro-v2.oracle.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
