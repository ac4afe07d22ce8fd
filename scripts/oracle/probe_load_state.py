"""What DSPy 3.3.1's loader accepts in a predictor state, and how deep orjson reads and writes.

Run in the oracle environment (`. /work/shared/oracle/env.sh && python3 scripts/oracle/probe_load_state.py`). The
answers decide which malformed states tsdspy refuses (docs/compat.md, "Loading checks values DSPy does not") and the
save depth limit tested in src/predict/load-state-checks.test.ts. Output as of the last run is kept at the bottom.
"""
import dspy, json, copy, traceback
from dspy.utils.dummies import DummyLM
base = dspy.Predict("question -> answer")
good = base.dump_state()
def attempt(name, mutate):
    st = copy.deepcopy(good); mutate(st)
    p = dspy.Predict("question -> answer")
    try:
        p.load_state(st)
    except Exception as e:
        print(f"{name}: LOAD {type(e).__name__}: {str(e)[:120]}"); return
    try:
        lm = DummyLM([{"answer": "x"}])
        with dspy.context(lm=lm):
            r = p(question="q")
        print(f"{name}: ok -> {r.answer!r} instr={p.signature.instructions!r} demos={p.demos!r:.60}")
    except Exception as e:
        print(f"{name}: CALL {type(e).__name__}: {str(e)[:120]}")
attempt("instructions 5", lambda s: s["signature"].__setitem__("instructions", 5))
attempt("instructions None", lambda s: s["signature"].__setitem__("instructions", None))
attempt("demos abc", lambda s: s.__setitem__("demos", "abc"))
attempt("demos [1]", lambda s: s.__setitem__("demos", [1]))
attempt("demos [[1]]", lambda s: s.__setitem__("demos", [["a"]]))
attempt("demos dict", lambda s: s.__setitem__("demos", {"a": 1}))
attempt("fields not list", lambda s: s["signature"].__setitem__("fields", "x"))
attempt("fields missing prefix", lambda s: s["signature"].__setitem__("fields", [{"description": "d"}]))
attempt("fields prefix 5", lambda s: s["signature"].__setitem__("fields", [{"prefix": 5, "description": "d"}, {"prefix": "A:", "description": "d"}]))
attempt("fields extra entries", lambda s: s["signature"]["fields"].append({"prefix": "X:", "description": "d"}))
attempt("fields fewer", lambda s: s["signature"].__setitem__("fields", []))
attempt("no lm key", lambda s: s.pop("lm"))
attempt("no signature", lambda s: s.pop("signature"))
attempt("traces str", lambda s: s.__setitem__("traces", "x"))
attempt("extra key", lambda s: s.__setitem__("foo", 1))
attempt("lm model only", lambda s: s.__setitem__("lm", {"model": "openai/gpt-4o-mini"}))
attempt("lm temp hot", lambda s: s.__setitem__("lm", {"model": "openai/gpt-4o-mini", "temperature": "hot"}))
attempt("lm max_tokens -5", lambda s: s.__setitem__("lm", {"model": "openai/gpt-4o-mini", "max_tokens": -5}))
attempt("lm headers", lambda s: s.__setitem__("lm", {"model": "openai/gpt-4o-mini", "headers": {"x-evil": "1"}}))
attempt("lm api_key", lambda s: s.__setitem__("lm", {"model": "openai/gpt-4o-mini", "api_key": "sk-x"}))
attempt("lm no model", lambda s: s.__setitem__("lm", {"temperature": 0.5}))
attempt("lm model 5", lambda s: s.__setitem__("lm", {"model": 5}))
attempt("lm string", lambda s: s.__setitem__("lm", "openai/gpt-4o-mini"))
attempt("lm cache str", lambda s: s.__setitem__("lm", {"model": "openai/gpt-4o-mini", "cache": "yes"}))
attempt("lm num_retries str", lambda s: s.__setitem__("lm", {"model": "openai/gpt-4o-mini", "num_retries": "3"}))
attempt("lm model_type weird", lambda s: s.__setitem__("lm", {"model": "openai/gpt-4o-mini", "model_type": "weird"}))
attempt("lm launch_kwargs list", lambda s: s.__setitem__("lm", {"model": "openai/gpt-4o-mini", "launch_kwargs": []}))
attempt("lm {} empty", lambda s: s.__setitem__("lm", {}))
attempt("lm false", lambda s: s.__setitem__("lm", False))
attempt("demo with nested", lambda s: s.__setitem__("demos", [{"question": "q", "answer": {"a": [1,2]}}]))
attempt("demo with augmented", lambda s: s.__setitem__("demos", [{"question": "q", "answer": "a", "augmented": True}]))

import orjson


def nest(n):
    v = []
    for _ in range(n - 1):
        v = [v]
    return v


for n in (1025, 100000):
    orjson.loads("[" * n + "]" * n)
    print(f"orjson.loads reads {n} nested lists")
for n in (253, 254):
    try:
        orjson.dumps({"x": {"y": nest(n)}}, option=orjson.OPT_INDENT_2)
        print(f'orjson.dumps {{"x": {{"y": {n} lists}}}}: ok')
    except Exception as e:  # noqa: BLE001
        print(f'orjson.dumps {{"x": {{"y": {n} lists}}}}: {type(e).__name__}: {e}')

# Output (DSPy 3.3.1, orjson 3.8.3):
# instructions 5: CALL AttributeError: instructions
# instructions None: CALL AttributeError: instructions
# demos abc: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos='abc'
# demos [1]: CALL TypeError: argument of type 'int' is not iterable
# demos [[1]]: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[['a']]
# demos dict: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos={'a': 1}
# fields not list: LOAD TypeError: string indices must be integers, not 'str'
# fields missing prefix: LOAD KeyError: 'prefix'
# fields prefix 5: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[]
# fields extra entries: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[]
# fields fewer: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[]
# no lm key: LOAD KeyError: 'lm'
# no signature: LOAD KeyError: 'signature'
# traces str: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[]
# extra key: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[]
# lm model only: CALL LMUnexpectedError: [openai/gpt-4o-mini] litellm stub: no LM provider calls in the oracle environment
# lm temp hot: CALL TypeError: '<=' not supported between instances of 'str' and 'float'
# lm max_tokens -5: CALL LMUnexpectedError: [openai/gpt-4o-mini] litellm stub: no LM provider calls in the oracle environment
# lm headers: CALL LMUnexpectedError: [openai/gpt-4o-mini] litellm stub: no LM provider calls in the oracle environment
# lm api_key: CALL LMUnexpectedError: [openai/gpt-4o-mini] litellm stub: no LM provider calls in the oracle environment
# lm no model: LOAD TypeError: LM.__init__() missing 1 required positional argument: 'model'
# lm model 5: LOAD TypeError: argument of type 'int' is not iterable
# lm string: LOAD ValueError: dictionary update sequence element #0 has length 1; 2 is required
# lm cache str: CALL LMUnexpectedError: [openai/gpt-4o-mini] litellm stub: no LM provider calls in the oracle environment
# lm num_retries str: CALL LMUnexpectedError: [openai/gpt-4o-mini] litellm stub: no LM provider calls in the oracle environment
# lm model_type weird: CALL UnboundLocalError: cannot access local variable 'completion' where it is not associated with a value
# lm launch_kwargs list: CALL LMUnexpectedError: [openai/gpt-4o-mini] litellm stub: no LM provider calls in the oracle environment
# lm {} empty: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[]
# lm false: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[]
# demo with nested: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[{'question': 'q', 'answer': {'a': [1, 2]}}]
# demo with augmented: ok -> 'x' instr='Given the fields `question`, produce the fields `answer`.' demos=[{'question': 'q', 'answer': 'a', 'augmented': True}]
# orjson.loads reads 1025 nested lists
# orjson.loads reads 100000 nested lists
# orjson.dumps {"x": {"y": 253 lists}}: ok
# orjson.dumps {"x": {"y": 254 lists}}: TypeError: Recursion limit reached
