"""Captures the order of DSPy 3.3.1's module, LM and tool callbacks in a ReAct run, with call ids linked by position
(development only):

    . ../shared/oracle/env.sh && python3 src/predict/__fixtures__/make_react_callbacks.py > src/predict/__fixtures__/react-callbacks.oracle.json
"""

import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dspy  # noqa: E402
from dspy.utils.callback import BaseCallback  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402
from make_react_cases import TOOLS, encode, step  # noqa: E402


class Recorder(BaseCallback):
    def __init__(self):
        self.events = []
        self.ids = {}

    def _id(self, call_id):
        return self.ids.setdefault(call_id, len(self.ids))

    def on_module_start(self, call_id, instance, inputs):
        self.events.append(["module_start", self._id(call_id), type(instance).__name__])

    def on_module_end(self, call_id, outputs, exception=None):
        self.events.append(["module_end", self._id(call_id), exception is not None])

    def on_lm_start(self, call_id, instance, inputs):
        self.events.append(["lm_start", self._id(call_id)])

    def on_lm_end(self, call_id, outputs, exception=None):
        self.events.append(["lm_end", self._id(call_id), exception is not None])

    def on_tool_start(self, call_id, instance, inputs):
        self.events.append(["tool_start", self._id(call_id), instance.name, encode(inputs.get("kwargs", inputs))])

    def on_tool_end(self, call_id, outputs, exception=None):
        self.events.append(["tool_end", self._id(call_id), None if exception is not None else encode(outputs), exception is not None])


answers = [
    step("Search.", "search", {"query": "capital of France"}),
    step("Bad call.", "add", {"a": "x", "b": 1}),
    step("Add.", "add", {"a": 2, "b": 3}),
    step("Done.", "finish", {}),
    {"reasoning": "r", "answer": "Paris, 5"},
]
recorder = Recorder()
react = dspy.ReAct("question -> answer", tools=[dspy.Tool(TOOLS["search"]), dspy.Tool(TOOLS["add"])])
with dspy.context(lm=DummyLM(answers), callbacks=[recorder]):
    react(question="Q?")
json.dump({"answers": answers, "events": recorder.events}, sys.stdout, indent=1)
sys.stdout.write("\n")
