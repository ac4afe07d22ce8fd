"""Writes numpy-random.json: NumPy's default_rng(seed) floats and Poisson draws, and np.percentile, on a grid
(run with NumPy 2.x, e.g. in the oracle environment)."""
import json
import random

import numpy as np

rng = random.Random(7)
out = {"numpy": np.__version__, "floats": [], "poisson": [], "percentile": []}
for seed in [0, 1, 2, 42, 123456789, 2**32 - 1, 2**32, 2**64 + 5, 10**30]:
    g = np.random.default_rng(seed)
    out["floats"].append({"seed": str(seed), "values": [float(x) for x in g.random(6)]})
for case in range(60):
    seed = rng.randint(0, 10**6)
    lams = [rng.choice([0.0, 0.25, 0.5, 1.0, 4 / 3, 2.5, 9.99, 10.0, 12.5, 40.0, 250.0]) for _ in range(8)]
    g = np.random.default_rng(seed)
    out["poisson"].append({"seed": seed, "lams": lams, "draws": [int(g.poisson(lam)) for lam in lams], "after": float(g.random())})
for case in range(80):
    n = rng.randint(1, 40)
    values = [rng.choice([0.0, 0.5, 1.0, rng.random(), -rng.random() * 3]) for _ in range(n)]
    out["percentile"].append({"values": values, "p10": float(np.percentile(values, 10)), "p90": float(np.percentile(values, 90))})
print(json.dumps(out))
