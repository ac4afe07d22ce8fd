"""Writes metrics.json: what DSPy 3.3.1's metrics return for a battery of inputs.

Run from /work/shared/oracle (DSPy importable):  . ./env.sh && python3 <this file> <path>/metrics.json
(DSPy prints edge-case notes to stdout, so the JSON goes to the given path.)
tsdspy's tests replay the committed JSON; they never need Python.
"""

import json
import random
import sys

from dspy.dsp.utils import DPR_normalize, has_answer
from dspy.evaluate.metrics import EM, F1, HotPotF1, answer_exact_match, answer_passage_match, normalize_text, precision_score
from dspy.primitives.example import Example
from dspy.primitives.prediction import Prediction

FIXED = [
    "The,  Eiffel  Tower!",
    "the Eiffel Tower",
    "Eiffel Tower is in Paris",
    "An apple a day",
    "a an the",
    "There, then, theatre, another, banana, Anthem",
    "the_cat a_b _a_ a-b the-end",
    "don't can't it's",
    "3.5 million (approx.)",
    "  leading\tand\ntrailing\r\n ",
    "Café a résumé: naïve à la carte",
    "éa ea\u0301 a\u0301 \u00e0",
    "ÉTAT L'ÉCOLE",
    "ΟΔΥΣΣΕΥΣ Σ ΑΣ",
    "İstanbul İ",
    "Straße STRASSE",
    "ﬁne ﬂour",
    "Ｔｈｅ ｆｕｌｌｗｉｄｔｈ ａ",
    "北京 是 the 首都",
    "emoji 🙂 a 🚀 the",
    "curly “quotes” ‘single’ – dash — em … ellipsis",
    "nbsp\u00a0a\u00a0the ideographic\u3000space",
    "zero\u200bwidth a\u200bthe",
    "bom\ufeffa\ufeffthe",
    "info\x1cseparator\x1da\x1ethe\x1fx",
    "next\x85line a\u2028the\u2029end",
    "vertical\x0btab\x0cform",
    "a²b³ the¹ ½ a٣ the٣",
    "A. B. C. the.a.the",
    "",
    "   ",
    "the",
    "yes",
    "No.",
    "noanswer",
    "no answer",
    "Yes!",
    "$100 #1 @home 50% ^caret `tick` ~tilde |pipe| {brace} [bracket] <angle>",
    "a\u0308the o\u0303a",
]

POOL = list("abcdehnt ") * 4 + list("AÉéßΣς,.!'-_ \t\n") + ["\u00a0", "\u0301", "\u200b", "\ufeff", "\x1c", "İ", "½", "٣", "🙂", "ﬁ"]


def random_strings(seed, n):
    rng = random.Random(seed)
    return ["".join(rng.choice(POOL) for _ in range(rng.randint(0, 24))) for _ in range(n)]


def main():
    texts = FIXED + random_strings(7, 200)
    normalize = [[t, normalize_text(t)] for t in texts]
    dpr = [[t, DPR_normalize(t)] for t in texts]

    pairs = [
        ["The Eiffel Tower", ["Eiffel Tower", "Louvre"]],
        ["paris", ["Paris"]],
        ["paris", ["Paris, France"]],
        ["Eiffel Tower is in Paris", ["Paris"]],
        ["the Eiffel Tower", ["Eiffel Tower"]],
        ["eiffel tower in paris", ["eiffel tower"]],
        ["yes", ["no"]],
        ["yes", ["Yes."]],
        ["no", ["no way"]],
        ["noanswer", ["no answer"]],
        ["the the the", ["the"]],
        ["a b a b c", ["b a a", "c c c c"]],
        ["", [""]],
        ["", ["something"]],
        ["one two three four", ["two four six", "one", "four three two one"]],
    ]
    rng = random.Random(11)
    words = ["the", "a", "paris", "tower", "eiffel", "yes", "no", "x", "Y", "an", "Paris,", "tower."]
    for _ in range(60):
        pred = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        answers = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(1, 3))]
        pairs.append([pred, answers])
    scores = []
    for pred, answers in pairs:
        scores.append({
            "prediction": pred,
            "answers": answers,
            "EM": EM(pred, answers),
            "F1": F1(pred, answers),
            "HotPotF1": HotPotF1(pred, answers),
            "precision": [precision_score(pred, a) for a in answers],
        })

    exact = []
    for answer, pred, frac in [
        ("2", "2", 1.0),
        (["2", "two"], "two", 1.0),
        ("2", "3", 1.0),
        (["Eiffel Tower", "Louvre"], "The Eiffel Tower", 1.0),
        (["Eiffel Tower", "Louvre"], "The Eiffel Tower", 0.5),
        ("Eiffel Tower in Paris", "Eiffel Tower", 0.8),
        ("Eiffel Tower in Paris", "Eiffel Tower", 0.79),
        ("Eiffel Tower in Paris", "Eiffel Tower", 0.0),
        ("nothing shared", "at all", 0.0),
        ("x", "x", 2.0),
    ]:
        value = answer_exact_match(Example(answer=answer), Prediction(answer=pred), frac=frac)
        exact.append({"answer": answer, "prediction": pred, "frac": frac, "result": value})

    passages = []
    for answer, context in [
        ("Eiffel Tower", ["The Eiffel Tower is in Paris.", "..."]),
        ("Eiffel Tower", ["The Eiffel-Tower is in Paris."]),
        ("Eiffel Tower", ["Eiffel Towers are tall."]),
        (["Louvre", "Paris"], ["It is in PARIS, France."]),
        (["Louvre", "Paris"], ["Parisian cafes"]),
        ("3.5", ["grew 3.5 percent", "x"]),
        ("3.5", ["grew 35 percent"]),
        ("the", ["anything at all"]),
        ("café", ["Cafe\u0301 au lait"]),
        ("café", ["Cafe au lait"]),
        ("l'école", ["à L'École des Beaux-Arts"]),
        ("Σ", ["ΟΔΥΣΣΕΥΣ σ"]),
        ("tower", []),
    ]:
        value = answer_passage_match(Example(answer=answer), Prediction(context=context))
        passages.append({"answer": answer, "context": context, "result": value})

    has = []
    for answers, text in [
        ([["eiffel", "tower"]], "the eiffel tower"),
        ([["tower", "eiffel"]], "the eiffel tower"),
        ([[]], ""),
        ([["x"], ["tower"]], "TOWER!"),
        ([["3", ".", "5"]], "about 3.5 m"),
    ]:
        has.append({"answers": answers, "text": text, "result": has_answer(answers, text)})

    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(
            {"normalize_text": normalize, "DPR_normalize": dpr, "scores": scores, "answer_exact_match": exact,
             "answer_passage_match": passages, "has_answer": has},
            out, ensure_ascii=False, indent=1,
        )
        out.write("\n")


main()
