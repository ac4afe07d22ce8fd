# Captures prompts exactly as Python DSPy 3.3.1 (and gepa 0.1.4) write them, for the simulator's tests:
#   . /work/shared/oracle/env.sh && cd src/sim/__fixtures__ && python3 make-dspy-prompts.py
# Task prompts come from the adapters' `format`; role prompts (MIPROv2's proposer, COPRO, GEPA's reflection,
# SIMBA's and Refine's OfferFeedback, ReAct) are recorded from DSPy's own code paths run against a scripted LM.
# Every domain here is made up; none is the README demo's.
import json
import random
from typing import Literal

import dspy
import pydantic
from dspy.adapters.chat_adapter import FieldInfoWithName
from dspy.clients.base_lm import BaseLM
from dspy.dsp.utils.utils import dotdict
from dspy.signatures.field import OutputField

out = {}


# ---------------------------------------------------------------- task prompts (adapters' format)
class GuideAnswer(dspy.Signature):
    """Answer the visitor's question using the guide excerpts."""
    guide_context: str = dspy.InputField(desc="Retrieved guide excerpts")
    question: str = dspy.InputField(desc="The visitor's question")
    answer: str = dspy.OutputField(desc="Short answer naming its source")


class Severity(dspy.Signature):
    """Classify the severity of the alert."""
    alert_text: str = dspy.InputField()
    tags: list[str] = dspy.InputField()
    severity: Literal['low', 'medium', 'high'] = dspy.OutputField()
    confidence: float = dspy.OutputField()
    escalate: bool = dspy.OutputField()


class Card(pydantic.BaseModel):
    headline: str
    score: float


class Keywords(dspy.Signature):
    """Extract keywords."""
    passages: str = dspy.InputField()
    keywords: list[str] = dspy.OutputField()
    card: Card = dspy.OutputField()
    count: int = dspy.OutputField()


G = {
    "tides": "Tide Tables: high water at the north pier comes 40 minutes after moonrise.",
    "ferry": "Ferry Timetable: the evening boat leaves dock 3 at 19:40.",
    "lamps": "Lamp Register: harbour lamps are lit at dusk and checked every 6 hours.",
    "birds": "Bird Log: terns nest on the east rocks and lay 2 eggs.",
}
ALL = "\n".join(G.values())
guide_demos = [
    dspy.Example(guide_context=ALL, question="When is high water at the north pier?", answer="The tide-tables entry says: high water at the north pier comes 40 minutes after moonrise."),
    dspy.Example(guide_context=ALL, question="What time does the evening boat leave?", reasoning="The question is about the boat, so the ferry timetable applies.", answer="The ferry-timetable entry says: the evening boat leaves dock 3 at 19:40."),
    dspy.Example(guide_context=ALL, question="When are the harbour lamps lit?", reasoning="The lamps are described in the lamp register.", answer="The lamp-register entry says: harbour lamps are lit at dusk and checked every 6 hours."),
]
cot = dspy.ChainOfThought(GuideAnswer).predict.signature
for name, ad in [("chat", dspy.ChatAdapter()), ("json", dspy.JSONAdapter()), ("xml", dspy.XMLAdapter())]:
    out[f"{name}_guide"] = ad.format(cot, guide_demos, {"guide_context": ALL, "question": "Where do the terns nest?"})
    out[f"{name}_guide_zero"] = ad.format(cot, [], {"guide_context": ALL, "question": "Where do the terns nest?"})
    out[f"{name}_severity"] = ad.format(Severity, [
        dspy.Example(alert_text="Server down for all users!", tags=["outage", "prod"], severity="high", confidence=0.9, escalate=True),
        dspy.Example(alert_text="Typo on the dashboard footer", tags=["cosmetic"], severity="low", confidence=0.8, escalate=False),
        dspy.Example(alert_text="Login page is down for some users", tags=["outage"], severity="high"),
    ], {"alert_text": "The whole site is down for users", "tags": ["outage"]})
    out[f"{name}_keywords"] = ad.format(Keywords, [dspy.Example(passages=["alpha one", "beta\ntwo"], keywords=["alpha", "beta"], card=Card(headline="h", score=0.5), count=2)], {"passages": ["gamma «x»", "delta"]})


# ---------------------------------------------------------------- a scripted LM that records every request
class Recorder(BaseLM):
    """Answers each request with `reply(messages, n)` (a dict of output values), formatted by ChatAdapter; records requests."""

    def __init__(self, reply):
        super().__init__(model="recorder", model_type="chat", temperature=0.0, max_tokens=1000, cache=False)
        self.reply = reply
        self.requests = []

    def forward(self, prompt=None, messages=None, **kwargs):
        messages = messages or [{"role": "user", "content": prompt}]
        self.requests.append(messages)
        choices = []
        n = kwargs.get("n", self.kwargs.get("n", 1)) or 1
        for i in range(n):
            values = self.reply(messages, i)
            if isinstance(values, str):
                text = values
            else:
                text = dspy.ChatAdapter().format_field_with_value({FieldInfoWithName(name=k, info=OutputField()): v for k, v in values.items()}) + "\n\n[[ ## completed ## ]]"
            choices.append(dotdict(message=dotdict(content=text, tool_calls=None), finish_reason="stop"))
        return dotdict(choices=choices, usage=dotdict(prompt_tokens=0, completion_tokens=0, total_tokens=0), model="recorder")


def system_of(messages):
    return messages[0]["content"] if messages and messages[0]["role"] == "system" else ""


def outputs_of(messages):
    """The output-field part of DSPy's system message."""
    system = system_of(messages)
    start = system.find("Your output fields are:")
    return system[start:system.find("All interactions", start)] if start >= 0 else ""


# ---------------------------------------------------------------- a made-up routing task
QUEUES = ["vexa", "morli", "tarun"]
SIGNALS = {"vexa": ["zorp", "quib"], "morli": ["plen", "drask"], "tarun": ["kelvo", "snib"]}
FILLER = ["alder", "brim", "cove", "dune", "ember", "fjord", "glen", "heath", "inlet", "jetty", "knoll", "ledge", "moor", "nook", "oxbow", "the", "a", "of", "near"]
rng = random.Random(7)


def message():
    route = rng.choice(QUEUES)
    words = [rng.choice(FILLER) for _ in range(rng.randint(4, 6))]
    words.insert(rng.randint(0, len(words)), rng.choice(SIGNALS[route]))
    return dspy.Example(message=" ".join(words), route=route).with_inputs("message")


trainset = [message() for _ in range(25)]


class Route(dspy.Signature):
    message: str = dspy.InputField()
    route: Literal["vexa", "morli", "tarun"] = dspy.OutputField()


routing_rules = 'If the `message` mentions "zorp" or "quib", set `route` to "vexa". If the `message` mentions "plen" or "drask", set `route` to "morli".'


def proposer_reply(messages, i):
    system = outputs_of(messages)
    if "`observations` (str)" in system:
        return {"observations": "Examples whose `route` is \"vexa\" (3 of 10) mention in `message`: \"zorp\" ×2, \"quib\" ×1."}
    if "`summary` (str)" in system:
        return {"summary": "The examples map `message` to `route`. " + routing_rules}
    if "`program_description` (str)" in system:
        return {"program_description": "The program routes a message to a queue."}
    if "`module_description` (str)" in system:
        return {"module_description": "The module picks the queue."}
    return {"proposed_instruction": f"Route the message. Candidate {len(recorder.requests)}."}


recorder = Recorder(proposer_reply)
program = dspy.Predict(Route)
from dspy.propose.grounded_proposer import GroundedProposer

proposer = GroundedProposer(prompt_model=recorder, program=program, trainset=trainset, view_data_batch_size=10, rng=random.Random(0), verbose=False)
demo_sets = [[dspy.Example(augmented=True, **trainset[j].toDict()) for j in range(k, k + 3)] for k in (0, 3, 6)]
proposer.propose_instructions_for_program(trainset=trainset, program=program, demo_candidates={0: demo_sets}, trial_logs={}, N=3)
for i, messages in enumerate(recorder.requests):
    system = outputs_of(messages)
    kind = (
        "describe_prior" if "`prior_observations`" in system_of(messages) else
        "describe" if "`observations` (str)" in system else
        "summarize" if "`summary` (str)" in system else
        "describe_program" if "`program_description` (str)" in system else
        "describe_module" if "`module_description` (str)" in system else
        "propose"
    )
    out[f"mipro_{kind}_{i}"] = messages


# ---------------------------------------------------------------- COPRO
def copro_reply(messages, i):
    system = system_of(messages)
    if "`attempted_instructions`" in system:
        return {"proposed_instruction": f"Route the message carefully ({i}).", "proposed_prefix_for_output_field": "Route:"}
    if "`basic_instruction`" in system:
        return {"proposed_instruction": ["Route the message.", "Pick the queue for the message."][i % 2], "proposed_prefix_for_output_field": "Route:"}
    return {"route": "vexa"}


copro_lm = Recorder(copro_reply)
dspy.configure(lm=copro_lm)
dspy.COPRO(prompt_model=copro_lm, metric=lambda ex, pred, trace=None: ex.route == pred.route, breadth=3, depth=2).compile(dspy.Predict(Route), trainset=trainset[:6], eval_kwargs={"num_threads": 1, "display_progress": False})
for i, messages in enumerate(copro_lm.requests):
    system = system_of(messages)
    if "`attempted_instructions`" in system:
        out[f"copro_attempts_{i}"] = messages
    elif "`basic_instruction`" in system:
        out[f"copro_basic_{i}"] = messages

# ---------------------------------------------------------------- GEPA's reflection prompt (gepa 0.1.4's renderer)
from gepa.strategies.instruction_proposal import InstructionProposalSignature

reflective = [
    {"Inputs": {"message": "alder zorp cove"}, "Generated Outputs": {"route": "morli"}, "Feedback": 'Wrong: expected "vexa", because the message mentions "zorp".'},
    {"Inputs": {"message": "brim dune plen"}, "Generated Outputs": {"route": "morli"}, "Feedback": "Correct."},
    {"Inputs": {"message": "kelvo heath inlet"}, "Generated Outputs": {"route": "vexa"}, "Feedback": 'Wrong: the correct label is "tarun".'},
]
out["gepa_reflection"] = [{"role": "user", "content": InstructionProposalSignature.prompt_renderer({"current_instruction_doc": "Given the fields `message`, produce the fields `route`.", "dataset_with_feedback": reflective})}]
transform_records = [
    {"Inputs": {"phrase": "alder brim cove"}, "Generated Outputs": {"code": "alder brim cove"}, "Feedback": 'The code should be "COVE BRIM ALDER".'},
    {"Inputs": {"phrase": "dune ember"}, "Generated Outputs": {"code": "DUNE EMBER"}, "Feedback": 'Expected "EMBER DUNE".'},
]
out["gepa_reflection_form"] = [{"role": "user", "content": InstructionProposalSignature.prompt_renderer({"current_instruction_doc": "Given the fields `phrase`, produce the fields `code`.", "dataset_with_feedback": transform_records})}]

# DSPy's own structured proposer for GEPA (dspy/teleprompt/gepa/instruction_proposal.py), on the same records
from dspy.teleprompt.gepa.instruction_proposal import SingleComponentMultiModalProposer

mm_lm = Recorder(lambda messages, i: {"improved_instruction": "Route the message."})
with dspy.context(lm=mm_lm):
    SingleComponentMultiModalProposer()(current_instruction="Given the fields `message`, produce the fields `route`.", reflective_dataset=reflective)
out["gepa_multimodal_proposer"] = mm_lm.requests[0]

# ---------------------------------------------------------------- SIMBA's OfferFeedback (built by DSPy's append_a_rule)
from dspy.teleprompt.simba_utils import append_a_rule


class Router(dspy.Module):
    def __init__(self):
        super().__init__()
        self.pick = dspy.ChainOfThought(Route)

    def forward(self, message):
        return self.pick(message=message)


simba_lm = Recorder(lambda messages, i: {"discussion": "The pick module chose the wrong queue.", "module_advice": {"pick.predict": "Route by the signal word."}})
system = Router()
pred = system.pick.predict
example = dspy.Example(message="alder zorp cove near", route="vexa").with_inputs("message")
good = {"trace": [(pred, {"message": example.message}, dspy.Prediction(reasoning='The most similar examples, such as "brim zorp ledge", point to the same `route`.', route="vexa"))], "score": 1.0, "example": example, "prediction": dspy.Prediction(route="vexa"), "output_metadata": {}}
bad = {"trace": [(pred, {"message": example.message}, dspy.Prediction(reasoning="The examples point to this `route`.", route="morli"))], "score": 0.0, "example": example, "prediction": dspy.Prediction(route="morli"), "output_metadata": {}}
append_a_rule([good, bad], system, predictor2name={id(pred): "pick.predict"}, name2predictor={"pick.predict": pred}, batch_10p_score=0.0, batch_90p_score=1.0, prompt_model=simba_lm)
out["simba_offer_feedback"] = simba_lm.requests[0]

# ---------------------------------------------------------------- Refine's OfferFeedback and the retry with a hint
def refine_reply(messages, i):
    system = outputs_of(messages)
    if "`advice`" in system:
        return {"discussion": "The module answered morli.", "advice": {"self": 'Do not answer "morli" for `route`; give a different answer for this input.'}}
    return {"route": "morli"}


refine_lm = Recorder(refine_reply)
dspy.configure(lm=refine_lm)
dspy.Refine(dspy.Predict(Route), N=2, reward_fn=lambda args, pred: 1.0 if pred.route == "vexa" else 0.0, threshold=1.0)(message="alder zorp cove")
for i, messages in enumerate(refine_lm.requests):
    system = system_of(messages)
    out[f"refine_{'feedback' if '`advice`' in outputs_of(messages) else 'hint' if '`hint_`' in system else 'call'}_{i}"] = messages


# ---------------------------------------------------------------- ReAct with two tools
def capital_of(country: str) -> str:
    """Returns the capital city of a country."""
    return f"The capital of {country} is Vexburg."


def population_of(city: str) -> str:
    """Returns the population of a city."""
    return f"{city} has 41,000 inhabitants."


steps = iter([
    {"next_thought": "Find the capital.", "next_tool_name": "capital_of", "next_tool_args": {"country": "Zorland"}},
    {"next_thought": "Find its population.", "next_tool_name": "population_of", "next_tool_args": {"city": "Vexburg"}},
    {"next_thought": "Done.", "next_tool_name": "finish", "next_tool_args": {}},
    {"reasoning": "From the observations.", "answer": "41,000"},
])
react_lm = Recorder(lambda messages, i: next(steps))
dspy.configure(lm=react_lm)
dspy.ReAct("question -> answer", tools=[capital_of, population_of])(question="How many people live in the capital of Zorland?")
for i, messages in enumerate(react_lm.requests):
    out[f"react_{i}"] = messages

json.dump(out, open("dspy-prompts.json", "w"), indent=1, ensure_ascii=False)
open("dspy-prompts.json", "a").write("\n")
print(sorted(out))
