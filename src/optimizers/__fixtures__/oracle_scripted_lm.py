"""A scripted DummyLM for capture scripts: answers with reply(messages, kwargs, call_index, completion_index) and
records every call (messages, merged kwargs, outputs), so tsdspy's tests can replay the replies and compare prompts."""

from dspy.dsp.utils.utils import dotdict
from dspy.utils.dummies import DummyLM


class ScriptedLM(DummyLM):
    def __init__(self, reply, log):
        super().__init__([])
        self.reply = reply
        self.log = log

    def forward(self, prompt=None, messages=None, **kwargs):
        merged = {**self.kwargs, **kwargs}
        k = len(self.log)
        outputs = []
        for i in range(merged.get("n", 1)):
            answer = self.reply(messages, merged, k, i)
            outputs.append(answer if isinstance(answer, str) else self._format_answer_fields(answer))
        self.log.append({"messages": messages, "kwargs": dict(merged), "outputs": outputs})
        return dotdict(
            choices=[dotdict(message=dotdict(content=o, tool_calls=None), finish_reason="stop") for o in outputs],
            usage=dotdict(prompt_tokens=0, completion_tokens=0, total_tokens=0),
            model="dummy",
        )


def output_fields(messages):
    """The output field names a ChatAdapter system message asks for."""
    system = messages[0]["content"]
    part = system.split("Your output fields are:")[1].split("All interactions will be structured")[0]
    return [line.strip().split("`")[1] for line in part.splitlines() if line.strip()[:1].isdigit() and "`" in line]


# Short factual questions the capture scripts train on (the task models know some answers).
QA = [
    ("What is the capital of France?", "Paris"),
    ("What color is the sky?", "blue"),
    ("How many legs has a spider?", "8"),
    ("What is 2 + 2?", "4"),
    ("Which planet is red?", "Mars"),
    ("What do bees make?", "honey"),
    ("What is frozen water?", "ice"),
    ("Who wrote Hamlet?", "Shakespeare"),
    ("What is the largest ocean?", "Pacific"),
    ("What gas do plants absorb?", "CO2"),
    ("How many days in a week?", "7"),
    ("What is the opposite of hot?", "cold"),
    ("What animal says moo?", "cow"),
    ("What is the boiling point of water in C?", "100"),
    ("Which metal is liquid at room temperature?", "mercury"),
    ("What is the square root of 9?", "3"),
]
