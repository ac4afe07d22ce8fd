"""Records SIMBA runs of the real DSPy 3.3.1 on the scripted rule task into ../../simba/__fixtures__/simba-runs/*.json.

Run from this folder in the oracle environment: `. <shared>/oracle/env.sh && python3 make-simba-runs.py`.
Each fixture holds the options, the data, every LM request in order with its reply (contents as indices into
`strings`), the Python source SIMBA shows the prompt model (`program_code`), the final program's state, the
candidate programs' scores and the trial logs. tsdspy's simba-runs.replay.test.ts replays them.
"""

import inspect
import json
import os
import sys

import dspy
import rule_task as rt

OUT = "../../simba/__fixtures__/simba-runs"

RUNS = [
    # name, program, metric, train words, options, compile seed, teacher
    ("single-demos-and-rules", "single", "feedback", rt.WORDS[:8], dict(bsize=4, num_candidates=3, max_steps=3, max_demos=2), 0, False),
    ("two-step", "two_step", "two_part", rt.WORDS[4:13], dict(bsize=3, num_candidates=2, max_steps=4, max_demos=1), 5, False),
    ("cot-rules-only", "cot", "bare", rt.WORDS[10:16], dict(bsize=3, num_candidates=2, max_steps=3, max_demos=0), 2, False),
    ("single-teacher", "single", "feedback", rt.WORDS[12:20], dict(bsize=4, num_candidates=3, max_steps=2, max_demos=3, temperature_for_sampling=0.5), 9, True),
]


def record(name, program, metric, words, options, seed, teacher):
    rt.LOG.clear()
    trainset = rt.dataset(words)
    student = rt.PROGRAMS[program]()
    with dspy.context(lm=rt.ScriptedLM("task")):
        teacher_settings = {"lm": rt.ScriptedLM("teacher")} if teacher else None
        simba = dspy.SIMBA(metric=rt.METRICS[metric], num_threads=1, teacher_settings=teacher_settings, **options)
        compiled = simba.compile(student, trainset=trainset, seed=seed)
    return rt.compact({
        "name": name,
        "program": program,
        "metric": metric,
        "trainset": [rt.example_json(e) for e in trainset],
        "options": options,
        "seed": seed,
        "teacher": teacher,
        "program_code": inspect.getsource(type(student)),
        "calls": list(rt.LOG),
        "result": {
            "state": json.loads(json.dumps(compiled.dump_state(), default=str)),
            "candidate_scores": [c["score"] for c in compiled.candidate_programs],
            "candidate_states": [json.loads(json.dumps(c["program"].dump_state(), default=str)) for c in compiled.candidate_programs],
            "trial_logs": {str(k): v for k, v in compiled.trial_logs.items()},
        },
    })


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    only = sys.argv[1:]
    for run in RUNS:
        if only and run[0] not in only:
            continue
        data = record(*run)
        with open(f"{OUT}/{run[0]}.json", "w") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
        print(run[0], len(data["calls"]), "calls; scores", data["result"]["candidate_scores"], file=sys.stderr)
