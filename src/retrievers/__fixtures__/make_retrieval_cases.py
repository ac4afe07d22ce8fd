"""Captures DSPy 3.3.1's Embeddings, Retrieve and the article's multi-hop program (development only):

    . ../shared/oracle/env.sh && python3 src/retrievers/__fixtures__/make_retrieval_cases.py > src/retrievers/__fixtures__/retrieval.oracle.json

Embeddings run on fixed vectors (an embedder that looks texts up in a table), so tsdspy can replay the same
searches; one index is also saved to `embeddings-saved/` for the load test.
"""

import base64
import contextlib
import io
import json
import os
import random
import sys
import tempfile

import numpy as np

sys.dont_write_bytecode = True

import dspy  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def table_embedder(table):
    return lambda texts: np.array([table[t] for t in texts], dtype=np.float32)


def embeddings_cases(seed, n):
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        size = rng.randint(1, 30)
        dim = rng.choice([2, 3, 8, 16])
        corpus = [f"passage {i}-{j}" for j in range(size)]
        queries = [f"query {i}-{j}" for j in range(rng.randint(1, 4))]
        table = {t: [round(rng.uniform(-1, 1), 4) for _ in range(dim)] for t in corpus + queries}
        k = rng.randint(1, 7)
        normalize = rng.random() < 0.8
        emb = dspy.Embeddings(corpus, table_embedder(table), k=k, normalize=normalize)
        results = []
        for q in queries:
            passages, indices, scores = emb.search_fn(q)
            results.append({"query": q, "passages": passages, "indices": indices, "scores": scores})
        cases.append({"id": f"embeddings-{seed}-{i}", "corpus": corpus, "table": table, "k": k, "normalize": normalize, "results": results})
    return cases


def normalized_cases():
    """The float32 corpus matrix after normalisation, for several widths (NumPy's pairwise summation paths)."""
    rng = random.Random(9)
    out = []
    for dim in (5, 8, 77, 128, 300, 1536):
        corpus = [f"d{dim}-{j}" for j in range(4)]
        table = {t: [rng.uniform(-3, 3) for _ in range(dim)] for t in corpus}
        emb = dspy.Embeddings(corpus, table_embedder(table), k=1)
        out.append({"dim": dim, "corpus": corpus, "table": table, "matrix_base64": base64.b64encode(emb.corpus_embeddings.tobytes()).decode()})
    return out


def saved_case():
    corpus = ["refund policy", "late delivery", "damaged item"]
    table = {"refund policy": [1.0, 0.0, 0.5], "late delivery": [0.0, 2.0, 0.0], "damaged item": [0.3, 0.3, 0.3]}
    emb = dspy.Embeddings(corpus, table_embedder(table), k=2)
    path = os.path.join(HERE, "embeddings-saved")
    emb.save(path)
    with open(os.path.join(path, "config.json")) as f:
        config = f.read()
    with open(os.path.join(path, "corpus_embeddings.npy"), "rb") as f:
        npy = base64.b64encode(f.read()).decode()
    return {"corpus": corpus, "table": table, "config": config, "npy_base64": npy}


class GenerateResolution(dspy.Signature):
    """Generate a support resolution using retrieved policy documents."""

    policy_context: str = dspy.InputField(desc="Retrieved policy passages")
    ticket_text: str = dspy.InputField(desc="The customer's message")
    resolution: str = dspy.OutputField(desc="Concise resolution with policy citation")


class MultiHopSupport(dspy.Module):
    def __init__(self, num_hops=3):
        super().__init__()
        self.retrieve = dspy.Retrieve(k=3)
        self.generate_query = [dspy.ChainOfThought("context, ticket_text -> search_query") for _ in range(num_hops)]
        self.generate_resolution = dspy.ChainOfThought(GenerateResolution)

    def forward(self, ticket_text: str) -> dspy.Prediction:
        context = []
        for hop_module in self.generate_query:
            search_query = hop_module(context="\n".join(context), ticket_text=ticket_text).search_query
            policies = self.retrieve(search_query).passages
            context.extend(policies)

        return self.generate_resolution(policy_context="\n".join(context), ticket_text=ticket_text)


POLICIES = {
    "late delivery refund": ["Late deliveries over 5 days get a shipping refund.", "Refunds go to the original payment method."],
    "refund timing": ["Refunds take 3 to 5 business days.", "Store credit is instant."],
    "damaged items": ["Damaged items are replaced free of charge.", "Send a photo within 14 days."],
}


class DotDict(dict):
    __getattr__ = dict.get


def rm(query, k=3, **kwargs):
    return [DotDict(long_text=p) for p in POLICIES.get(query, ["No policy found."])[:k]]


def multihop_case():
    program = MultiHopSupport(num_hops=2)
    answers = [
        {"reasoning": "The ticket is about a late parcel.", "search_query": "late delivery refund"},
        {"reasoning": "Need the refund timing too.", "search_query": "refund timing"},
        {"reasoning": "Policy says shipping refund within 3-5 days.", "resolution": "We refund your shipping; expect it in 3-5 business days."},
    ]
    lm = DummyLM(answers)
    with dspy.context(lm=lm, rm=rm):
        pred = program(ticket_text="My parcel is 7 days late. Can I get my shipping fee back?")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "p.json")
        # DSPy 3.3.1 cannot save a program holding a Retrieve: Retrieve.dump_state takes no `json_mode`.
        try:
            program.save(path)
            save_error = None
        except TypeError as e:
            save_error = str(e)
        original = dspy.Retrieve.dump_state
        dspy.Retrieve.dump_state = lambda self, json_mode=True: original(self)
        try:
            program.save(path)
        finally:
            dspy.Retrieve.dump_state = original
        with open(path) as f:
            saved = f.read()
        fresh = MultiHopSupport(num_hops=2)
        fresh.load(path)
        loads_back = fresh.retrieve.k == 3 and len(fresh.generate_query) == 2
    return {"answers": answers, "lm_calls": [h["messages"] for h in lm.history], "prediction": dict(pred), "saved": saved,
            "save_error": save_error, "loads_back": loads_back,
            "ticket_text": "My parcel is 7 days late. Can I get my shipping fee back?"}


if __name__ == "__main__":
    out = {"embeddings": embeddings_cases(3, 60), "normalized": normalized_cases(), "saved": saved_case(), "multihop": multihop_case()}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
