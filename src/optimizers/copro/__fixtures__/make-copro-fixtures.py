"""Captures what the real DSPy 3.3.1 COPRO does for scripted LM replies: every prompt-model and task-model call,
the candidates it kept, the returned program and its statistics; writes copro.oracle.json next to this file.

Run in the oracle environment:  . ../shared/oracle/env.sh && python3 src/optimizers/copro/__fixtures__/make-copro-fixtures.py
"""

import json
import logging
import os
import sys

sys.path.insert(0, "/work/shared/oracle")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "__fixtures__"))
import dspy_oracle  # noqa: E402

import dspy  # noqa: E402
from dspy.teleprompt import COPRO  # noqa: E402
from oracle_scripted_lm import QA as QA_PAIRS, ScriptedLM, output_fields  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def instruction_of(messages):
    return messages[0]["content"].split("In adhering to this structure, your objective is: ")[1].strip()


def prompt_reply_for(variant):
    def reply(messages, kwargs, k, i):
        fields = output_fields(messages)
        if "proposed_instruction" not in fields:
            return {f: f"?{k}" for f in fields}
        texts = [
            f'"Answer the question precisely ({k}.{i})."',
            f"Think, then answer briefly ({k}.{i}).",
            "Answer the question precisely.",  # repeats across calls: a duplicate candidate
            f"  Give only the final answer ({k}.{i}).  ",
        ]
        prefixes = ['"Answer:"', f"Final Answer {i}:", "Answer:", f"A{k}:"]
        j = (i + k + variant) % len(texts)
        return {"proposed_instruction": texts[j], "proposed_prefix_for_output_field": prefixes[(i + variant) % len(prefixes)]}

    return reply


QA = QA_PAIRS[:6]


def task_reply(messages, kwargs, k, i):
    """Right when the instruction mentions 'precisely' or 'final', or for every other question otherwise; depends only
    on the prompt (the task model is called from parallel threads)."""
    fields = output_fields(messages)
    instruction = instruction_of(messages)
    last = messages[-1]["content"]
    out = {}
    for f in fields:
        if f == "reasoning":
            out[f] = "Because."
            continue
        idx = next((n for n, (q, _) in enumerate(QA) if q in last), None)
        good = idx is not None and (("precisely" in instruction and idx % 3 != 2) or ("final" in instruction and idx % 2 == 0) or idx == 0)
        out[f] = QA[idx][1] if good else "no idea"
    return out


def run_case(case):
    program = dspy_oracle.build_program(case["program"])
    trainset = [dspy.Example(**dict(zip(("question", "answer"), qa))).with_inputs("question") for qa in QA[: case.get("n_train", 6)]]
    prompt_log, task_log = [], []
    prompt_lm = ScriptedLM(prompt_reply_for(case.get("variant", 0)), prompt_log)
    task_lm = ScriptedLM(task_reply, task_log)

    def metric(example, prediction, trace=None):
        return example["answer"] == prediction["answer"]

    logs = []
    handler = logging.Handler()
    handler.emit = lambda record: logs.append(record.getMessage())
    clog = logging.getLogger("dspy.teleprompt.copro_optimizer")
    clog.addHandler(handler)
    old = clog.level
    clog.setLevel(logging.INFO)
    result = {"id": case["id"], "case": case}
    try:
        kwargs = dict(case["init"])
        same_lm = kwargs.pop("same_lm", False)
        if not same_lm:
            kwargs["prompt_model"] = prompt_lm
        with dspy.context(lm=task_lm if not same_lm else ScriptedLM(lambda m, kw, k, i: (prompt_reply_for(case.get("variant", 0)) if "proposed_instruction" in output_fields(m) else task_reply)(m, kw, k, i), task_log)):
            tp = COPRO(metric=metric, **kwargs)
            best = tp.compile(program, trainset=trainset, eval_kwargs=case.get("eval_kwargs"))
        preds = best.predictors()
        result["best"] = [
            {"instructions": p.signature.instructions, "prefix": list(p.signature.fields.values())[-1].json_schema_extra["prefix"]}
            for p in preds
        ]
        result["candidates"] = [
            {
                "score": c["score"],
                "instruction": c["instruction"],
                "prefix": c["prefix"],
                "depth": c["depth"],
                "program": [
                    {"instructions": p.signature.instructions, "prefix": list(p.signature.fields.values())[-1].json_schema_extra["prefix"]}
                    for p in c["program"].predictors()
                ],
            }
            for c in best.candidate_programs
        ]
        result["total_calls"] = best.total_calls
        if kwargs.get("track_stats"):
            result["results_best"] = list(best.results_best.values())
            result["results_latest"] = list(best.results_latest.values())
    except Exception as e:
        result["error"] = {"type": type(e).__name__, "message": str(e)}
    finally:
        clog.removeHandler(handler)
        clog.setLevel(old)
    result["prompt_calls"] = prompt_log
    result["task_calls"] = task_log
    result["logs"] = logs
    return result


PREDICT = {"type": "Predict", "signature": "question -> answer"}
COT = {"type": "ChainOfThought", "signature": "question -> answer"}
PIPE = {"modules": [
    {"attr": "draft", "type": "Predict", "signature": "question -> draft"},
    {"attr": "final", "type": "Predict", "signature": "question, draft -> answer"},
]}
SEQ = {"num_threads": 1, "display_progress": False}

CASES = [
    {"id": "predict-b3-d2", "program": PREDICT, "init": {"breadth": 3, "depth": 2, "track_stats": True}, "eval_kwargs": SEQ},
    {"id": "predict-b4-d3", "program": PREDICT, "init": {"breadth": 4, "depth": 3, "init_temperature": 0.7, "track_stats": True}, "eval_kwargs": SEQ, "variant": 1},
    {"id": "predict-b2-d1-nostats", "program": PREDICT, "init": {"breadth": 2, "depth": 1}, "eval_kwargs": SEQ, "variant": 2},
    {"id": "cot-b3-d2", "program": COT, "init": {"breadth": 3, "depth": 2, "track_stats": True}, "eval_kwargs": SEQ, "variant": 3},
    {"id": "pipeline-b3-d2", "program": PIPE, "init": {"breadth": 3, "depth": 2, "track_stats": True}, "eval_kwargs": SEQ},
    {"id": "pipeline-b2-d3", "program": PIPE, "init": {"breadth": 2, "depth": 3, "track_stats": True}, "eval_kwargs": SEQ, "variant": 2},
    {"id": "predict-settings-lm-parallel", "program": PREDICT, "init": {"breadth": 3, "depth": 2, "same_lm": True, "track_stats": True}, "eval_kwargs": None, "n_train": 5},
    {"id": "err-breadth", "program": PREDICT, "init": {"breadth": 1}},
]


def main():
    out = {"cases": [run_case(c) for c in CASES]}
    with open(os.path.join(HERE, "copro.oracle.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
