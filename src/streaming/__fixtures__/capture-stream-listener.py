"""Captures what DSPy 3.3.1's StreamListener emits for LM replies split into chunks in many ways.

Run from the oracle environment (see /work/shared/oracle/README.md), with the real `jiter` wheel ahead of the
oracle's stub (the stub has no partial mode, which the JSON listener relies on):

    . /work/shared/oracle/env.sh
    pip install --no-index --find-links /opt/pypi/files jiter --target /tmp/stream-py
    PYTHONPATH=/tmp/stream-py:$PYTHONPATH python3 capture-stream-listener.py > stream-listener.json
"""

import json
import random
import re
import sys
from types import SimpleNamespace

import jiter  # noqa: F401  (must be the real one)

assert hasattr(jiter, "__version__") or "stream-py" in jiter.__file__, "the real jiter must come first"

import dspy
from dspy.streaming import StreamListener

ADAPTERS = {"chat": dspy.ChatAdapter, "json": dspy.JSONAdapter, "xml": dspy.XMLAdapter}

REPLIES = {
    "chat": {
        "cot": "[[ ## reasoning ## ]]\nAdd two and two.\n\n[[ ## answer ## ]]\nThe answer is 4.\n\n[[ ## completed ## ]]",
        "brackets": "[[ ## reasoning ## ]]\nLists use [1] and [[x]] marks.\n\n[[ ## answer ## ]]\nSee [1], then [[ x ]] and [[ ## not a field.\n\n[[ ## completed ## ]]",
        "answer_first": "[[ ## answer ## ]]\nParis\n\n[[ ## reasoning ## ]]\nIt is the capital of France.\n\n[[ ## completed ## ]]",
        "no_completed": "[[ ## reasoning ## ]]\nShort.\n\n[[ ## answer ## ]]\nA multi-line\nanswer here.",
        "unicode": "[[ ## reasoning ## ]]\nÜber café — naïve 😀.\n\n[[ ## answer ## ]]\nRésumé: 東京 😀 ok\n\n[[ ## completed ## ]]",
        "long": "[[ ## reasoning ## ]]\nThink.\n\n[[ ## answer ## ]]\n" + " ".join(f"word{i}" for i in range(40)) + "\n\n[[ ## completed ## ]]",
    },
    "json": {
        "cot": '{\n  "reasoning": "Add two and two.",\n  "answer": "The answer is 4."\n}',
        "answer_first": '{\n  "answer": "Paris",\n  "reasoning": "It is the capital of France."\n}',
        "escapes": '{"reasoning": "Quote \\"this\\" and a brace }.", "answer": "Use {\\"a\\": 1} and a \\\\ slash."}',
        "compact": '{"reasoning":"r","answer":"42"}',
        "unicode": '{\n  "reasoning": "Über café 😀",\n  "answer": "東京 \\u00e9 😀"\n}',
        "spaced": '{ "reasoning" : "spaced out" , "answer" : "yes" }',
    },
    "xml": {
        "cot": "<reasoning>\nAdd two and two.\n</reasoning>\n<answer>\nThe answer is 4.\n</answer>",
        "tags_inside": "<reasoning>\nUse <b>bold</b> and a < sign.\n</reasoning>\n<answer>\nIt is <i>4</i> and a</ tag.\n</answer>",
        "answer_first": "<answer>\nParis\n</answer>\n<reasoning>\nThe capital.\n</reasoning>",
        "unicode": "<reasoning>\nÜber 😀\n</reasoning>\n<answer>\n東京 😀 ok\n</answer>",
    },
}


def chunk(text):
    return SimpleNamespace(choices=[SimpleNamespace(delta=SimpleNamespace(content=text))])


def token_split(text):
    return re.findall(r" ?\w+| ?[^\w\s]+|\s+", text)


def splits(text, rng):
    """Named chunk sequences of one reply."""
    out = [("whole", [text]), ("chars", list(text)), ("tokens", token_split(text))]
    for i in range(1, len(text)):
        out.append((f"cut-{i}", [text[:i], text[i:]]))
    for k in range(12):
        pieces, i = [], 0
        while i < len(text):
            n = rng.randint(1, 9)
            pieces.append(text[i : i + n])
            i += n
        out.append((f"random-{k}", pieces))
    assert all("".join(p) == text for _, p in out)
    return out


def run(adapter_name, fields, chunks, allow_reuse=False):
    listeners = [StreamListener(f, predict_name="predict", allow_reuse=allow_reuse) for f in fields]
    emitted = []
    with dspy.context(adapter=ADAPTERS[adapter_name]()):
        for i, text in enumerate(chunks):
            for li, listener in enumerate(listeners):
                out = listener.receive(chunk(text))
                if out is not None:
                    emitted.append([i, li, out.chunk, out.is_last_chunk])
        final = []
        for li, listener in enumerate(listeners):
            out = listener.finalize()
            if out is not None:
                final.append([li, out.chunk, out.is_last_chunk])
    flags = [[l.stream_start, l.stream_end, l.cache_hit] for l in listeners]
    return {"emitted": emitted, "finalized": final, "flags": flags}


def main():
    rng = random.Random(13)
    cases = []
    for adapter_name, replies in REPLIES.items():
        for reply_name, text in replies.items():
            for split_name, chunks in splits(text, rng):
                result = run(adapter_name, ["reasoning", "answer"], chunks)
                cases.append({"adapter": adapter_name, "reply": reply_name, "split": split_name, "fields": ["reasoning", "answer"], "chunks": chunks, **result})
            # A listener reused across two calls of the same predictor (a loop), with and without allowReuse.
            for allow_reuse in (True, False):
                chunks = token_split(text) + token_split(text)
                result = run(adapter_name, ["answer"], chunks, allow_reuse=allow_reuse)
                cases.append({"adapter": adapter_name, "reply": reply_name, "split": f"twice-reuse-{allow_reuse}", "fields": ["answer"], "allowReuse": allow_reuse, "chunks": chunks, **result})
    errors = {}
    try:
        with dspy.context(adapter=dspy.TwoStepAdapter(dspy.LM("openai/gpt-4o-mini"))):
            StreamListener("answer").receive(chunk("x"))
    except ValueError as e:
        errors["unsupportedAdapter"] = str(e)
    two = dspy.Module()
    two.a = dspy.Predict("q -> answer")
    two.b = dspy.Predict("draft -> answer")
    try:
        dspy.streamify(two, stream_listeners=[StreamListener("answer")])
    except ValueError as e:
        errors["notUnique"] = str(e)
    try:
        dspy.streamify(dspy.Predict("q -> a"), stream_listeners=[StreamListener("answer")])
    except Exception as e:  # DSPy 3.3.1 raises a TypeError here, never reaching its ValueError text
        errors["notAField"] = f"{type(e).__name__}: {e}"
    names = {}
    cot = dspy.ChainOfThought("question -> answer")
    lst = StreamListener("answer")
    dspy.streamify(cot, stream_listeners=[lst])
    names["chainOfThought"] = lst.predict_name
    lst = StreamListener("a")
    dspy.streamify(dspy.Predict("q -> a"), stream_listeners=[lst])
    names["predict"] = lst.predict_name
    json.dump({"dspy": dspy.__version__, "jiter": jiter.__version__, "cases": cases, "errors": errors, "predictNames": names}, sys.stdout, ensure_ascii=False)


main()
