"""Captures DSPy 3.3.1's ReActV2 (experimental in DSPy) for scripted LM replies (development only):

    . ../shared/oracle/env.sh && python3 src/predict/__fixtures__/make_react_v2_cases.py > src/predict/__fixtures__/react-v2.oracle.json

Text tool calls (ChatAdapter / JSONAdapter without native function calling), and native tool calls through an LM that
reports function-calling support and answers with provider tool calls. Each case records every LM call (messages,
and the `tools` / `tool_choice` sent natively), the prediction (outputs, termination reason, history messages) and
the warnings.
"""

import json
import logging
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dspy  # noqa: E402
from dspy.clients.base_lm import BaseLM  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402
from make_react_cases import TOOLS, Warnings, encode  # noqa: E402


class NativeLM(BaseLM):
    """Answers each request with the next scripted reply: text and/or provider tool calls; supports function calling."""

    forward_contract = "legacy"

    def __init__(self, replies):
        super().__init__("openai/native-dummy", "chat", 0.0, 1000, False)
        self.replies = iter(replies)

    @property
    def supports_function_calling(self):
        return True

    def forward(self, prompt=None, messages=None, **kwargs):
        from dspy.utils.dummies import dotdict

        reply = next(self.replies, {"text": "No more responses"})
        tool_calls = None
        if reply.get("tool_calls"):
            tool_calls = [
                dotdict(id=c.get("id"), type="function", function=dotdict(name=c["name"], arguments=json.dumps(c["args"])))
                for c in reply["tool_calls"]
            ]
        message = dotdict(content=reply.get("text"), tool_calls=tool_calls, reasoning_content=None)
        choice = dotdict(message=message, finish_reason="tool_calls" if tool_calls else "stop", logprobs=None)
        return dotdict(choices=[choice], usage={"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}, model="native-dummy")


def calls(*items):
    return {"tool_calls": [{"name": n, "args": a} for n, a in items]}


def turn(thought, *items):
    return {"next_thought": thought, "tool_calls": calls(*items)}


def history_messages(history):
    out = []
    for message in history.messages:
        item = {}
        for k, v in message.items():
            item[k] = v.model_dump(mode="json") if hasattr(v, "model_dump") else encode(v)
        out.append(item)
    return out


def run(case):
    tools = [dspy.Tool(TOOLS[name]) for name in case["tools"]]
    sig = dspy.Signature(case["signature"], case["instructions"]) if case.get("instructions") else case["signature"]
    result = {"id": case["id"]}
    try:
        agent = dspy.ReActV2(sig, tools=tools, max_iters=case.get("max_iters", 20))
    except Exception as e:
        result["error"] = {"type": type(e).__name__, "message": str(e)}
        return result
    native = case.get("native", False)
    adapter_cls = {"chat": dspy.ChatAdapter, "json": dspy.JSONAdapter}[case.get("adapter", "chat")]
    adapter = adapter_cls(use_native_function_calling=native)
    lm = NativeLM(case["answers"]) if native else DummyLM(case["answers"], adapter=adapter_cls())
    handler = Warnings()
    logger = logging.getLogger("dspy.predict.react_v2")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        with dspy.context(lm=lm, adapter=adapter):
            pred = agent(**case["inputs"])
        result["prediction"] = {k: encode(v) for k, v in pred.items() if k != "history"}
        result["history"] = history_messages(pred.history)
    except Exception as e:
        result["error"] = {"type": type(e).__name__, "message": str(e)}
    finally:
        logger.removeHandler(handler)
    result["lm_calls"] = [
        {"messages": h["messages"], "tools": h["kwargs"].get("tools"), "tool_choice": h["kwargs"].get("tool_choice")}
        for h in lm.history
    ]
    result["warnings"] = handler.messages
    result["instructions"] = agent.react.signature.instructions
    return result


CASES = [
    {"id": "search-then-submit", "signature": "question -> answer", "tools": ["search"], "inputs": {"question": "Capital of France?"},
     "answers": [turn("Search first.", ("search", {"query": "capital of France"})), turn("Submit.", ("submit", {"answer": "Paris"}))]},
    {"id": "parallel-calls", "signature": "question -> answer", "tools": ["search", "add"], "inputs": {"question": "Paris and 2+3?"},
     "answers": [turn("Both at once.", ("search", {"query": "capital of France"}), ("add", {"a": 2, "b": 3})),
                 turn("Done.", ("submit", {"answer": "Paris, 5"}))]},
    {"id": "errors-in-calls", "signature": "question -> answer", "tools": ["add", "explode"], "inputs": {"question": "Try things."},
     "answers": [turn("Mixed.", ("teleport", {"to": "moon"}), ("add", {"a": "x", "b": 1}), ("explode", {"reason": "kaboom"})),
                 turn("Submit without answer.", ("submit", {})),
                 turn("Now properly.", ("submit", {"answer": "done"}))]},
    {"id": "empty-then-forced", "signature": "question -> answer", "tools": ["search"], "inputs": {"question": "Anything?"},
     "answers": [{"next_thought": "Nothing to call.", "tool_calls": {"tool_calls": []}}, turn("Forced.", ("submit", {"answer": "forced"}))]},
    {"id": "max-iters-forced", "signature": "question -> answer", "tools": ["search"], "max_iters": 1, "inputs": {"question": "Loop?"},
     "answers": [turn("Search.", ("search", {"query": "population of Paris"})), turn("Must submit.", ("submit", {"answer": "2.1 million"}))]},
    {"id": "forced-without-submit", "signature": "question -> answer", "tools": ["search"], "max_iters": 1, "inputs": {"question": "Loop?"},
     "answers": [turn("Search.", ("search", {"query": "population of Paris"})), turn("Still searching.", ("search", {"query": "x"}))]},
    {"id": "typed-outputs", "signature": "context: list[str], question -> answer: int, sources: list[str]",
     "instructions": "Count carefully.", "tools": ["add"], "inputs": {"context": ["two and three"], "question": "Sum?"},
     "answers": [turn("Add.", ("add", {"a": 2, "b": 3})), turn("Submit.", ("submit", {"answer": "5", "sources": ["context"]}))]},
    {"id": "json-adapter", "adapter": "json", "signature": "question -> answer", "tools": ["lookup"], "inputs": {"question": "pi?"},
     "answers": [turn("Look up.", ("lookup", {"key": "pi"})), turn("Submit.", ("submit", {"answer": "3.14159"}))]},
    {"id": "submit-reserved", "signature": "question -> answer", "tools": ["submit_tool"], "inputs": {"question": "q"}, "answers": []},
    {"id": "native-search-submit", "native": True, "signature": "question -> answer", "tools": ["search", "add"],
     "inputs": {"question": "Capital of France?"},
     "answers": [{"text": "[[ ## next_thought ## ]]\nI will search.\n\n[[ ## completed ## ]]",
                  "tool_calls": [{"id": "call_a", "name": "search", "args": {"query": "capital of France"}}]},
                 {"text": None, "tool_calls": [{"id": "call_b", "name": "submit", "args": {"answer": "Paris"}}]}]},
    {"id": "native-no-ids-forced", "native": True, "signature": "question -> answer", "tools": ["add"], "max_iters": 1,
     "inputs": {"question": "2+3?"},
     "answers": [{"text": None, "tool_calls": [{"name": "add", "args": {"a": 2, "b": 3}}]},
                 {"text": None, "tool_calls": [{"name": "submit", "args": {"answer": "5"}}]}]},
]


def submit_tool():
    pass


submit_tool.__name__ = "submit"
TOOLS["submit_tool"] = submit_tool

if __name__ == "__main__":
    json.dump([{"case": c, "expected": run(c)} for c in CASES], sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
