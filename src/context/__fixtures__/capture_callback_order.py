import json, sys
import dspy
from dspy.utils.callback import BaseCallback
from dspy.utils.dummies import DummyLM

class Recorder(BaseCallback):
    def __init__(self):
        self.events = []
        self.ids = {}
    def _id(self, call_id):
        if call_id not in self.ids:
            self.ids[call_id] = len(self.ids)
        return self.ids[call_id]
    def _start(self, hook, call_id, instance):
        self.events.append({"hook": hook, "call": self._id(call_id), "instance": type(instance).__name__})
    def _end(self, hook, call_id, exception):
        self.events.append({"hook": hook, "call": self._id(call_id), "error": exception is not None})
    def on_module_start(self, call_id, instance, inputs): self._start("onModuleStart", call_id, instance)
    def on_module_end(self, call_id, outputs, exception=None): self._end("onModuleEnd", call_id, exception)
    def on_lm_start(self, call_id, instance, inputs): self._start("onLmStart", call_id, instance)
    def on_lm_end(self, call_id, outputs, exception=None): self._end("onLmEnd", call_id, exception)
    def on_adapter_format_start(self, call_id, instance, inputs): self._start("onAdapterFormatStart", call_id, instance)
    def on_adapter_format_end(self, call_id, outputs, exception=None): self._end("onAdapterFormatEnd", call_id, exception)
    def on_adapter_parse_start(self, call_id, instance, inputs): self._start("onAdapterParseStart", call_id, instance)
    def on_adapter_parse_end(self, call_id, outputs, exception=None): self._end("onAdapterParseEnd", call_id, exception)
    def on_tool_start(self, call_id, instance, inputs): self._start("onToolStart", call_id, instance)
    def on_tool_end(self, call_id, outputs, exception=None): self._end("onToolEnd", call_id, exception)
    def on_evaluate_start(self, call_id, instance, inputs): self._start("onEvaluateStart", call_id, instance)
    def on_evaluate_end(self, call_id, outputs, exception=None): self._end("onEvaluateEnd", call_id, exception)

out = {}

# 1. ChainOfThought
rec = Recorder()
lm = DummyLM([{"reasoning": "Two plus two.", "answer": "4"}])
with dspy.context(lm=lm, callbacks=[rec]):
    dspy.ChainOfThought("question -> answer")(question="What is 2+2?")
out["chain_of_thought"] = {"replies": [{"reasoning": "Two plus two.", "answer": "4"}], "events": rec.events}

# 2. ReAct with one tool call
def add(a: int, b: int) -> int:
    """Adds two numbers."""
    return a + b
rec = Recorder()
replies = [
    {"next_thought": "I should add.", "next_tool_name": "add", "next_tool_args": {"a": 2, "b": 2}},
    {"next_thought": "Done.", "next_tool_name": "finish", "next_tool_args": {}},
    {"reasoning": "The tool said 4.", "answer": "4"},
]
lm = DummyLM(replies)
with dspy.context(lm=lm, callbacks=[rec]):
    dspy.ReAct("question -> answer", tools=[add], max_iters=5)(question="What is 2+2?")
out["react"] = {"replies": replies, "events": rec.events}

# 3. Evaluate of a Predict over two examples, one thread (sequential order)
rec = Recorder()
lm = DummyLM([{"answer": "4"}, {"answer": "6"}])
devset = [dspy.Example(question="2+2?", answer="4").with_inputs("question"), dspy.Example(question="3+3?", answer="6").with_inputs("question")]
metric = lambda ex, pred, trace=None: ex.answer == pred.answer
with dspy.context(lm=lm, callbacks=[rec]):
    dspy.Evaluate(devset=devset, metric=metric, num_threads=1, display_progress=False)(dspy.Predict("question -> answer"))
out["evaluate"] = {"replies": [{"answer": "4"}, {"answer": "6"}], "devset": [{"question": "2+2?", "answer": "4"}, {"question": "3+3?", "answer": "6"}], "events": rec.events}

json.dump({"dspy": dspy.__version__, **out}, sys.stdout, indent=1)
