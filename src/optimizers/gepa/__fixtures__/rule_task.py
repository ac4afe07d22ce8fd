"""The scripted "rule task" shared by the GEPA and SIMBA recordings (make-gepa-runs.py, make-simba-runs.py).

Each word has a hidden rule (sum of its code points mod 4): 0 upper-cases it, 1 reverses it, 2 doubles its
last letter, 3 moves its first letter to the end. The scripted task LM applies a word's rule only when the predictor's instruction names it
(`RULE-<k>`, and only the last two rules named count, so candidates trade rules off; an instruction naming no
rule applies rule 2); otherwise it echoes the word. The scripted reflection LM reads GEPA's reflection prompt and appends
the rule the feedback points at. Both are pure functions of the request (and of a call counter for the
reflection LM's reply format), so a recording is deterministic with num_threads=1.

Nothing here is tsdspy code: tsdspy's tests only replay the requests and replies these recordings wrote.
"""

import json
import re

import dspy

WORDS = [
    "apple", "river", "stone", "cloud", "tiger", "lemon", "piano", "mango", "zebra", "ocean",
    "maple", "quilt", "robin", "sugar", "tulip", "vivid", "wheat", "yacht", "amber", "bison",
    "cedar", "delta", "ember", "flint",
]
GARBLED = {"quilt", "yacht"}


NUM_RULES = 4


def rule_of(word: str) -> int:
    return sum(ord(c) for c in word) % NUM_RULES


def apply_rule(rule: int, word: str) -> str:
    if rule == 0:
        return word.upper()
    if rule == 1:
        return word[::-1]
    if rule == 2:
        return word + word[-1]
    return word[1:] + word[0]


def dataset(words):
    return [
        dspy.Example(word=w, rule=rule_of(w), answer=apply_rule(rule_of(w), w)).with_inputs("word")
        for w in words
    ]


def example_json(ex):
    return {"word": ex.word, "rule": ex.rule, "answer": ex.answer}


# ---------------------------------------------------------------- programs


class Single(dspy.Module):
    def __init__(self):
        super().__init__()
        self.solve = dspy.Predict("word -> answer")

    def forward(self, word):
        return self.solve(word=word)


class Cot(dspy.Module):
    def __init__(self):
        super().__init__()
        self.solve = dspy.ChainOfThought("word -> answer")

    def forward(self, word):
        return self.solve(word=word)


class TwoStep(dspy.Module):
    def __init__(self):
        super().__init__()
        self.classify = dspy.Predict("word -> category")
        self.solve = dspy.Predict("word, category -> answer")

    def forward(self, word):
        category = self.classify(word=word).category
        answer = self.solve(word=word, category=category).answer
        return dspy.Prediction(category=category, answer=answer)


PROGRAMS = {"single": Single, "cot": Cot, "two_step": TwoStep}


# ---------------------------------------------------------------- metrics


def feedback_metric(gold, pred, trace=None, pred_name=None, pred_trace=None):
    ok = pred.answer == gold.answer
    feedback = "Correct." if ok else f"Expected '{gold.answer}' (rule {gold.rule}), got '{pred.answer}'."
    if pred_name == "classify":
        feedback += f" The category should be cat{gold.rule}."
    return dspy.Prediction(score=float(ok), feedback=feedback)


def two_part_metric(gold, pred, trace=None, pred_name=None, pred_trace=None):
    cat_ok = pred.category == f"cat{gold.rule}"
    ans_ok = pred.answer == gold.answer
    score = 0.5 * cat_ok + 0.5 * ans_ok
    if pred_name == "classify":
        feedback = "Category right." if cat_ok else f"The category should be cat{gold.rule} (rule {gold.rule})."
    elif pred_name == "solve":
        feedback = "Correct." if ans_ok else f"Expected '{gold.answer}' (rule {gold.rule}), got '{pred.answer}'."
    else:
        feedback = None
    return dspy.Prediction(score=score, feedback=feedback)


def bare_metric(gold, pred, trace=None, pred_name=None, pred_trace=None):
    return float(pred.answer == gold.answer)


def partial_metric(gold, pred, trace=None, pred_name=None, pred_trace=None):
    answer = pred.answer or ""
    score = 1.0 if answer == gold.answer else (0.5 if answer.lower() == gold.answer.lower() else 0.0)
    return dspy.Prediction(score=score, feedback=None)


METRICS = {"feedback": feedback_metric, "two_part": two_part_metric, "bare": bare_metric, "partial": partial_metric}


# ---------------------------------------------------------------- scripted LMs

LOG = []


def field(text: str, name: str):
    m = re.search(r"\[\[ ## " + re.escape(name) + r" ## \]\]\n(.*?)(?:\n\n\[\[ ## |\n\nRespond with|$)", text, re.S)
    return m.group(1).strip() if m else None


def known(system: str, token: str) -> set:
    """The rules an instruction teaches: the last two distinct `<token><k>` it names (older ones are forgotten);
    an instruction naming none behaves as if it knew rule 2, so the seed stays best on rule-2 words."""
    if token not in system:
        return {2}
    seen = []
    for k in re.findall(re.escape(token) + r"(\d)", system):
        if int(k) in seen:
            seen.remove(int(k))
        seen.append(int(k))
    return set(seen[-2:])


def demo_rules(messages):
    """Rules shown by correct demos (user/assistant pairs before the last message)."""
    shown = set()
    for user, assistant in zip(messages[1:-1:2], messages[2:-1:2]):
        word = field(user["content"], "word") or ""
        answer = field(assistant["content"], "answer")
        if word and answer == apply_rule(rule_of(word), word):
            shown.add(rule_of(word))
    return shown


def task_reply(messages, kwargs):
    system = messages[0]["content"]
    user = messages[-1]["content"]
    json_mode = "JSON object" in system or "JSON object" in user
    outputs = re.findall(r"^\d+\. `(\w+)`", system.split("Your output fields are:")[1].split("All interactions")[0], re.M)
    word = field(user, "word") or ""
    rule = rule_of(word)
    rollout = kwargs.get("rollout_id") or 0
    lucky = kwargs.get("temperature", 0) and (sum(map(ord, word)) + rollout) % 3 == 0
    if word in GARBLED and "FORMAT" not in system:
        return f"My best guess for {word} is {word}!"
    values = {}
    for name in outputs:
        if name == "reasoning":
            values[name] = f"The word is {word}."
        elif name == "category":
            values[name] = f"cat{rule}" if (rule in known(system, "CAT-") or lucky) else "unknown"
        elif name == "answer":
            knows = rule in known(system, "RULE-") or rule in demo_rules(messages)
            values[name] = apply_rule(rule, word) if (knows or lucky) else word
        else:
            values[name] = f"{name} of {word}"
    if json_mode:
        return json.dumps(values)
    return "".join(f"[[ ## {k} ## ]]\n{v}\n\n" for k, v in values.items()) + "[[ ## completed ## ]]"


def reflection_reply(prompt, counter):
    current = prompt.split("```\n", 1)[1].split("\n```", 1)[0]
    token = "CAT-" if "produce the fields `category`" in current else "RULE-"
    needed = [int(k) for k in re.findall(r"\(rule (\d)\)", prompt)] or [counter % NUM_RULES]
    wants_format = "failed to parse" in prompt
    new = current
    missing = [k for k in dict.fromkeys(needed) if k not in known(current, token)]
    if counter % 4 == 3 and missing:
        new += f"\n{token}{(missing[0] + 1) % NUM_RULES}"  # a wrong guess: the minibatch will not improve
    elif missing:
        new += f"\n{token}{missing[0]}"
    elif wants_format and "FORMAT" not in current:
        new += "\nFORMAT: always answer with the field markers."
    else:
        new += f"\nBe careful ({counter})."
    style = counter % 3
    if style == 0:
        return f"Here is the new instruction.\n```\n{new}\n```"
    if style == 1:
        return f"```text\n{new}\n```\nHope this helps."
    return new


def advice_reply(messages):
    user = messages[-1]["content"]
    names = json.loads(field(user, "module_names") or "[]")
    worse = field(user, "worse_program_outputs") or ""
    better = field(user, "better_program_outputs") or ""
    rule = json.loads(field(user, "oracle_metadata") or "{}").get("rule", 0)
    token = lambda n: "CAT-" if n == "classify" else "RULE-"
    advice = {
        n: f"If the word looks like the one in {better[:40]!r}, then apply {token(n)}{rule}, not what gave {worse[:30]!r}."
        for n in names
    }
    return f"[[ ## discussion ## ]]\nThe better trajectory applied the rule.\n\n[[ ## module_advice ## ]]\n{json.dumps(advice)}\n\n[[ ## completed ## ]]"


class ScriptedLM(dspy.clients.lm.LM):
    """Answers from the request alone and logs every call (in the module-level LOG, shared by copies)."""

    def __init__(self, label, **kwargs):
        super().__init__("dummy", "chat", 0.0, 1000, True, **kwargs)
        self.label = label

    def __call__(self, prompt=None, messages=None, **kwargs):
        request = messages if messages is not None else [{"role": "user", "content": prompt}]
        merged = {**self.kwargs, **kwargs}
        if self.label == "reflection":
            counter = sum(1 for e in LOG if e["lm"] == "reflection")
            text = reflection_reply(request[-1]["content"], counter)
        elif "module_advice" in request[0]["content"]:
            text = advice_reply(request)
        else:
            text = task_reply(request, merged)
        n = merged.get("n", 1) or 1
        LOG.append({"lm": self.label, "messages": request, "kwargs": {k: merged[k] for k in sorted(merged)}, "outputs": [text] * n})
        return [text] * n


def compact(data):
    """Stores each distinct message content and reply once, in `strings`; calls refer to them by index."""
    strings, index = [], {}

    def ref(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    for call in data["calls"]:
        call["messages"] = [{**m, "content": ref(m["content"])} for m in call["messages"]]
        call["outputs"] = [ref(o) for o in call["outputs"]]
    data["strings"] = strings
    return data
