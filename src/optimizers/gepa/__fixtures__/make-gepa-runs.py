"""Records GEPA runs of the real DSPy 3.3.1 + gepa 0.1.4 on the scripted rule task into gepa-runs/*.json.

Run from this folder in the oracle environment, twice-checked for hash-order independence:
    . <shared>/oracle/env.sh && PYTHONHASHSEED=0 python3 make-gepa-runs.py
Each fixture holds the options, the data, every LM request in order with its reply (message contents and
replies as indices into `strings`), the run log (gepa's full_program_trace), the candidates and the detailed
results. tsdspy's gepa-runs.replay.test.ts replays them.
"""

import json
import os
import shutil
import sys
import tempfile

import dspy
import rule_task as rt

RUNS = [
    # name, program, metric, train words, val words, GEPA options
    ("single-pareto", "single", "feedback", rt.WORDS[:9], rt.WORDS[9:15],
     dict(max_metric_calls=60, seed=0)),
    ("single-current-best-bare", "single", "bare", rt.WORDS[:9], rt.WORDS[9:13],
     dict(max_metric_calls=40, seed=3, candidate_selection_strategy="current_best", use_merge=False)),
    ("two-step-merge", "two_step", "two_part", rt.WORDS[:12], rt.WORDS[12:20],
     dict(max_metric_calls=300, seed=26, reflection_minibatch_size=3)),
    ("two-step-merge-b", "two_step", "two_part", rt.WORDS[:12], rt.WORDS[12:20],
     dict(max_metric_calls=300, seed=20, reflection_minibatch_size=3, max_merge_invocations=1)),
    ("two-step-all-current-best", "two_step", "two_part", rt.WORDS[:8], rt.WORDS[8:14],
     dict(max_metric_calls=80, seed=5, component_selector="all", candidate_selection_strategy="current_best", use_merge=False)),
    ("cot-budget-exhaustion", "cot", "partial", rt.WORDS[:6], rt.WORDS[6:10],
     dict(max_metric_calls=23, seed=7, reflection_minibatch_size=4)),
    ("format-failures", "single", "feedback", rt.WORDS[10:20], rt.WORDS[14:22],
     dict(max_metric_calls=50, seed=2, add_format_failure_as_feedback=True, skip_perfect_score=False)),
]


def record(name, program, metric, train_words, val_words, options):
    rt.LOG.clear()
    trainset = rt.dataset(train_words)
    valset = rt.dataset(val_words)
    log_dir = tempfile.mkdtemp(prefix="gepa-rec-")
    shutil.rmtree(log_dir)
    error = None
    result = None
    with dspy.context(lm=rt.ScriptedLM("task")):
        optimizer = dspy.GEPA(
            metric=rt.METRICS[metric],
            reflection_lm=rt.ScriptedLM("reflection"),
            num_threads=1,
            track_stats=True,
            log_dir=log_dir,
            **options,
        )
        try:
            compiled = optimizer.compile(rt.PROGRAMS[program](), trainset=trainset, valset=valset)
            details = compiled.detailed_results.to_dict()
            result = {
                "final": {n: p.signature.instructions for n, p in compiled.named_predictors()},
                "details": {k: v for k, v in details.items() if k not in ("log_dir", "best_outputs_valset")},
            }
        except Exception as e:  # recorded as the expected failure
            error = f"{type(e).__name__}: {e}"
    run_log = json.load(open(os.path.join(log_dir, "run_log.json"))) if os.path.exists(os.path.join(log_dir, "run_log.json")) else None
    shutil.rmtree(log_dir, ignore_errors=True)
    return rt.compact({
        "name": name,
        "program": program,
        "metric": metric,
        "trainset": [rt.example_json(e) for e in trainset],
        "valset": [rt.example_json(e) for e in valset],
        "options": options,
        "calls": list(rt.LOG),
        "run_log": run_log,
        "result": result,
        "error": error,
    })


if __name__ == "__main__":
    os.makedirs("gepa-runs", exist_ok=True)
    only = sys.argv[1:]
    for run in RUNS:
        if only and run[0] not in only:
            continue
        data = record(*run)
        with open(f"gepa-runs/{run[0]}.json", "w") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
        res = data["result"]
        print(run[0], len(data["calls"]), "calls;", data["error"] or (len(res["details"]["candidates"]), "candidates", res["details"]["val_aggregate_scores"], "best", res["details"]["best_idx"]), file=sys.stderr)
