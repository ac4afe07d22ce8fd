"""Writes gepa-units.json: gepa 0.1.4's own answers for its pure pieces, on seeded random inputs
(Pareto-front pruning and sampling, the epoch-shuffled sampler, merge selection, the reflection prompt and the
instruction extractor). Run in the oracle environment: `. <shared>/oracle/env.sh && python3 make-gepa-units.py`.
"""

import json
import random

from gepa.gepa_utils import find_dominator_programs, remove_dominated_programs, select_program_candidate_from_pareto_front
from gepa.proposer.merge import MergeProposer, sample_and_attempt_merge_programs_by_common_predictors
from gepa.strategies.batch_sampler import EpochShuffledBatchSampler
from gepa.strategies.instruction_proposal import InstructionProposalSignature

rng = random.Random(2026)
out = {"pareto": [], "sampler": [], "merge": [], "subsample": [], "prompts": [], "extract": []}

# Pareto fronts: sets built by adds in a random order (their iteration order is part of the answer).
for case in range(120):
    n_programs = rng.randint(1, 14)
    n_ids = rng.randint(1, 9)
    adds = []
    fronts = {}
    for vid in range(n_ids):
        members = rng.sample(range(n_programs), rng.randint(1, min(n_programs, 6)))
        s = set()
        for m in members:
            s.add(m)
        fronts[vid] = s
        adds.append(members)
    scores = [round(rng.random(), 3) if rng.random() < 0.8 else 0.5 for _ in range(n_programs)]
    copied = {k: set(v) for k, v in fronts.items()}
    reduced = remove_dominated_programs(copied, scores)
    picks = [select_program_candidate_from_pareto_front({k: set(v) for k, v in fronts.items()}, scores, random.Random(seed)) for seed in range(5)]
    out["pareto"].append({
        "adds": adds,
        "scores": scores,
        "reduced": [list(reduced[k]) for k in fronts],
        "dominators": find_dominator_programs({k: set(v) for k, v in fronts.items()}, scores),
        "picks": picks,
    })

# The epoch-shuffled sampler over iterations (trainset may grow).
class S:
    def __init__(self, i):
        self.i = i

class L:
    def __init__(self, n):
        self.n = n
    def all_ids(self):
        return list(range(self.n))
    def __len__(self):
        return self.n

for case in range(40):
    size = rng.randint(1, 13)
    mb = rng.randint(1, 5)
    seed = rng.randint(0, 1000)
    sampler = EpochShuffledBatchSampler(mb, random.Random(seed))
    batches = []
    for i in range(rng.randint(1, 14)):
        batches.append(sampler.next_minibatch_ids(L(size), S(i)))
    out["sampler"].append({"size": size, "minibatch": mb, "seed": seed, "batches": batches})

# Merges over random candidate trees.
names = ["a", "b", "c"]
for case in range(190):
    zero_heavy = case >= 150  # ancestors scoring 0 make gepa's weighted choice raise
    n = rng.randint(3, 9)
    parents = [[None]]
    cands = [{k: f"{k}0" for k in names[: rng.randint(1, 3)]}]
    for idx in range(1, n):
        p = rng.randrange(idx)
        c = dict(cands[p])
        for k in c:
            if rng.random() < 0.5:
                c[k] = f"{k}{idx}"
        cands.append(c)
        parents.append([p])
    scores = [rng.choice([0.0, 0.0, 0.5, 1.0]) if zero_heavy else round(rng.random(), 2) for _ in range(n)]
    merge_candidates = sorted(rng.sample(range(n), rng.randint(2, n)))
    seed = rng.randint(0, 999)
    r = random.Random(seed)
    performed = ([], [])
    results = []
    error = None
    try:
        for attempt in range(3):
            res = sample_and_attempt_merge_programs_by_common_predictors(scores, r, merge_candidates, performed, cands, parents)
            results.append(None if res is None else {"candidate": res[0], "ids": list(res[1:])})
            if res is not None:
                performed[0].append(tuple(res[1:]))
    except Exception as e:
        error = f"{type(e).__name__}: {e}"
    out["merge"].append({"parents": parents, "candidates": cands, "scores": scores, "mergeCandidates": merge_candidates, "seed": seed, "results": results, "error": error, "after": r.random()})

for case in range(60):
    k = rng.randint(0, 9)
    s1 = {i: rng.choice([0.0, 0.5, 1.0]) for i in range(k)}
    s2 = {i: rng.choice([0.0, 0.5, 1.0]) for i in sorted(rng.sample(range(k + 3), min(k, rng.randint(0, k + 3))))}
    seed = rng.randint(0, 999)
    mp = MergeProposer(logger=None, valset=None, evaluator=None, use_merge=True, max_merge_invocations=5, rng=random.Random(seed))
    out["subsample"].append({"s1": list(s1.items()), "s2": list(s2.items()), "seed": seed, "ids": mp.select_eval_subsample_for_merged_program(s1, s2)})

texts = ["", "plain", "  padded text \n", "multi\nline\n\n", "tabs\tand  spaces", "unicode é ✓", "```fenced```", "trailing\x1c"]
for case in range(60):
    records = []
    for r_ in range(rng.randint(0, 3)):
        rec = {"Inputs": {f"f{j}": rng.choice(texts) for j in range(rng.randint(0, 3))}, "Generated Outputs": rng.choice([{"answer": rng.choice(texts)}, "Couldn't parse.\n```\nraw\n```\n\n", {}]), "Feedback": rng.choice(texts)}
        if rng.random() < 0.3:
            rec["Extra"] = [rng.choice(texts), {"nested": rng.choice(texts)}, []]
        records.append(rec)
    instr = rng.choice(["Given the fields `a`, produce the fields `b`.", "Do <side_info> twice <curr_param>", "x"])
    out["prompts"].append({"instruction": instr, "records": records, "prompt": InstructionProposalSignature.prompt_renderer({"current_instruction_doc": instr, "dataset_with_feedback": records})})

replies = [
    "```\nnew\n```", "``` \nspaced\n```", "```text\nwith tag\n```", "Here:\n```python\ncode\n```\nthanks", "no fences at all",
    "```unclosed\nbody", "body then fence```", "  ```  ", "```", "``````", "a ``` b ``` c ``` d", "```\n```", "```json\n{\"a\": 1}\n```",
    "\n\n```\n  indented\n```\n\n", "```tag only```", "x```y",
]
for reply in replies:
    out["extract"].append({"reply": reply, "instruction": InstructionProposalSignature.output_extractor(reply.strip())["new_instruction"]})

print(json.dumps(out, ensure_ascii=False))
