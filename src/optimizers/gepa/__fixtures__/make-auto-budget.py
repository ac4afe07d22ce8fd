"""Writes auto-budget.dspy.json: DSPy's GEPA.auto_budget over a grid (run in the oracle env: `. ../shared/oracle/env.sh`)."""
import json

import dspy

g = dspy.GEPA(metric=lambda gold, pred, trace, pred_name, pred_trace: 0, reflection_lm=dspy.utils.DummyLM([]), auto="light")
out = []
for preds in [1, 2, 3, 5, 8]:
    for n in [1, 2, 3, 6, 12, 18, 25]:
        for v in [0, 1, 7, 35, 100]:
            for m in [0, 1, 35]:
                for steps in [1, 3, 5]:
                    out.append([preds, n, v, m, steps, g.auto_budget(preds, n, v, m, steps)])
print(json.dumps(out))
