import dspy, json
from typing import Literal
import pydantic

class GenerateResolution(dspy.Signature):
    """Generate a support resolution using retrieved policy documents."""
    policy_context: str = dspy.InputField(desc="Retrieved policy passages")
    ticket_text: str = dspy.InputField(desc="The customer's message")
    resolution: str = dspy.OutputField(desc="Concise resolution with policy citation")

class Urgency(dspy.Signature):
    """Classify the urgency of the ticket."""
    ticket_text: str = dspy.InputField()
    tags: list[str] = dspy.InputField()
    urgency: Literal['low', 'medium', 'high'] = dspy.OutputField()
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

P = {
  "late": "Late Delivery Policy: orders delayed more than 24 hours qualify for a $5 credit.",
  "refund": "Refund Policy: approved returns are refunded within 7 days.",
  "damage": "Damaged Item Policy: damaged items qualify for a free replacement.",
  "lost": "Lost Package Policy: packages marked delivered but not received qualify for a full reshipment.",
}
ALL = "\n".join(P.values())
support_demos = [
  dspy.Example(policy_context=ALL, ticket_text="My package was supposed to arrive yesterday but tracking hasn't updated.", resolution="Per the late-delivery policy, you qualify for a $5 credit."),
  dspy.Example(policy_context=ALL, ticket_text="The vase I ordered arrived shattered.", reasoning="The item arrived damaged, so the damaged-item policy applies.", resolution="Per the damaged-item policy, you qualify for a free replacement."),
  dspy.Example(policy_context=ALL, ticket_text="I returned my shoes last week, when do I get my money?", reasoning="A return was sent, so the refund policy applies.", resolution="Per the refund policy, your refund arrives within 7 days."),
]
cot = dspy.ChainOfThought(GenerateResolution).predict.signature
out = {}
for name, ad in [("chat", dspy.ChatAdapter()), ("json", dspy.JSONAdapter()), ("xml", dspy.XMLAdapter())]:
    out[f"{name}_support"] = ad.format(cot, support_demos, {"policy_context": ALL, "ticket_text": "Tracking says delivered but I never received the package."})
    out[f"{name}_support_zero"] = ad.format(cot, [], {"policy_context": ALL, "ticket_text": "Tracking says delivered but I never received the package."})
    out[f"{name}_urgency"] = ad.format(Urgency, [
        dspy.Example(ticket_text="Server down for all customers!", tags=["outage", "prod"], urgency="high", confidence=0.9, escalate=True),
        dspy.Example(ticket_text="Typo on my invoice footer", tags=["billing"], urgency="low", confidence=0.8, escalate=False),
        dspy.Example(ticket_text="Checkout page is down for some customers", tags=["outage"], urgency="high"),
    ], {"ticket_text": "The whole site is down for customers", "tags": ["outage"]})
    out[f"{name}_keywords"] = ad.format(Keywords, [dspy.Example(passages=["alpha one", "beta\ntwo"], keywords=["alpha", "beta"], card=Card(headline="h", score=0.5), count=2)], {"passages": ["gamma «x»", "delta"]})
json.dump(out, open("dspy-prompts.json", "w"), indent=1, ensure_ascii=False)
open("dspy-prompts.json", "a").write("\n")
print(list(out))
