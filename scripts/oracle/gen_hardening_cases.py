#!/usr/bin/env python3
"""Seeded oracle cases for the shapes the hardening review (issue 7) found tsdspy and DSPy disagreeing on:
non-finite floats, unions with None in any position, leading-underscore field names, unicode and emoji,
multi-line values holding field markers (`[[ ## x ## ]]`), XML-looking values, and keys that are names of
JavaScript Object members (`__proto__`, `constructor`...). Format, parse and save cases, in the case language of
/work/shared/oracle (see its README); this script does not import DSPy, the oracle decides what DSPy does.

    python3 scripts/oracle/gen_hardening_cases.py --seed 7 > fixtures/oracle/hardening.cases.jsonl
    (cd /work/shared/oracle && python3 dspy_oracle.py) < fixtures/oracle/hardening.cases.jsonl \
        > fixtures/oracle/hardening.expected.jsonl

The output depends only on --seed (one random.Random, no set iteration), so the same command writes the same bytes.
"""

import argparse
import json
import random

NON_FINITE = [{"$float": "inf"}, {"$float": "-inf"}, {"$float": "nan"}]
NON_FINITE_TEXT = ["inf", "-inf", "nan", "NaN", "Infinity", "-Infinity", "INF", "1e999", "-1e999", "+inf", "infinity"]
UNICODE = [
    "emoji 🙂🚀 and a flag 🇫🇷", "東京 and Zürich", "combining e\u0301 and ñ", "zero\u200bwidth", "RTL שלום עולם",
    "math 𝔸𝔹ℂ", "family 👨\u200d👩\u200d👧", "tab\tand\u00a0nbsp", "line\u2028separator", "ünïcödé «guillemets»",
]
MARKER_VALUES = [
    "first line\n[[ ## answer ## ]]\nsecond line",
    "[[ ## completed ## ]]",
    "text with an inline [[ ## answer ## ]] marker",
    "para one\n\n[[ ## reasoning ## ]]\nnot a field here\n\n[[ ## unknown_field ## ]]\ntail",
    "  [[ ## answer ## ]]  leading spaces",
    "multi\nline\n\n  indented\n[[ ## q ## ]]",
]
XML_VALUES = [
    "<answer>inner</answer>", "a < b && c > d", "<b>bold</b> text", "<![CDATA[raw <x>]]>", "&amp; &lt; &#65;",
    "<!-- comment -->", "<?pi target?>", "<item>1</item><item>2</item>", "</answer>", "<answer attr=\"1\">x",
    "&constructor; &__proto__;", "<__proto__>x</__proto__>",
]
PROTO_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "prototype"]
UNION_MEMBERS = ["int", "float", "bool", "str", "list[int]", "dict[str, int]", "Literal['a', 'b']"]
UNDERSCORE_NAMES = ["_x", "__proto__", "_", "__", "_private_like", "__dunder__", "_é"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.cases = []

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def chance(self, p):
        return self.r.random() < p

    def add(self, group, case):
        case = {"id": f"h-{group}-{sum(1 for c in self.cases if c['id'].startswith(f'h-{group}-'))}", **case}
        self.cases.append(case)

    # -- non-finite floats ----------------------------------------------------
    def non_finite(self):
        shapes = [
            ("float", lambda v: v), ("list[float]", lambda v: [1.5, v]), ("dict[str, float]", lambda v: {"k": v, "z": 0.5}),
            ("Any", lambda v: {"nested": [v, 1.0]}), ("Optional[float]", lambda v: v), ("str", lambda v: v),
            ("float | None", lambda v: v), ("tuple[float, int]", lambda v: {"$tuple": [v, 1]}),
        ]
        for adapter in ["chat", "json", "xml"]:
            for type_, make in shapes:
                for v in NON_FINITE:
                    sig = {"inputs": [{"name": "question"}, {"name": "value", "type": type_}],
                           "outputs": [{"name": "answer", "type": type_}]}
                    demo = {"question": "q", "value": make(v), "answer": make(self.pick(NON_FINITE))}
                    self.add("nonfinite-format", {"kind": "format", "adapter": adapter, "signature": sig,
                                                  "demos": [demo] if self.chance(0.6) else [],
                                                  "inputs": {"question": "Q?", "value": make(v)},
                                                  **({"coerce": True} if type_ != "str" and self.chance(0.3) else {})})
        model = {"model": "Reading", "fields": [{"name": "value", "type": "float"}, {"name": "unit", "type": "str"}]}
        for adapter in ["chat", "json", "xml"]:
            for v in NON_FINITE:
                sig = {"inputs": [{"name": "reading", "type": model}], "outputs": [{"name": "out", "type": "Reading"}]}
                self.add("nonfinite-format", {"kind": "format", "adapter": adapter, "signature": sig, "coerce": True,
                                              "demos": [{"reading": {"value": v, "unit": "m"}, "out": {"value": v, "unit": "m"}}],
                                              "inputs": {"reading": {"value": v, "unit": "m"}}})
        for type_ in ["float", "Optional[float]", "list[float]", "Any", "dict[str, float]", "float | str"]:
            for text in NON_FINITE_TEXT:
                body = {"list[float]": f"[1.0, {text}]", "dict[str, float]": f'{{"k": {text}}}'}.get(type_, text)
                sig = {"inputs": [{"name": "q"}], "outputs": [{"name": "x", "type": type_}]}
                adapter = self.pick(["chat", "json", "xml"])
                completion = {
                    "chat": f"[[ ## x ## ]]\n{body}\n\n[[ ## completed ## ]]",
                    "json": f'{{"x": {body}}}',
                    "xml": f"<x>{body}</x>",
                }[adapter]
                self.add("nonfinite-parse", {"kind": "parse", "adapter": adapter, "signature": sig, "completion": completion})
        for v in NON_FINITE:
            for module in ["Predict", "ChainOfThought"]:
                sig = {"inputs": [{"name": "question"}], "outputs": [{"name": "score", "type": self.pick(["float", "Any", "list[float]"])}]}
                demo = {"question": "q", "score": v} if self.chance(0.5) else {"question": "q", "score": [v, 2.0]}
                self.add("nonfinite-save", {"kind": "save", "program": {"type": module, "signature": sig, "demos": [demo],
                                                                        "lm": {"model": "openai/gpt-4o-mini", "temperature": v}}})

    # -- unions with None -------------------------------------------------------
    def union_type(self):
        n = self.r.randint(1, 3)
        members = self.r.sample(UNION_MEMBERS, n)
        pos = self.r.randint(0, n)
        with_none = members[:pos] + ["None"] + members[pos:]
        form = self.pick(["pep604", "Union", "Optional", "nested-list", "nested-dict", "double-none"])
        key = sorted(members)
        if form == "pep604" or n == 1 and form == "Optional":
            return " | ".join(with_none), key
        if form == "Union":
            return "Union[" + ", ".join(with_none) + "]", key
        if form == "Optional":
            return "Optional[" + " | ".join(members) + "]", key
        if form == "nested-list":
            return "list[" + " | ".join(with_none) + "]", key
        if form == "nested-dict":
            return "dict[str, Union[" + ", ".join(with_none) + "]]", key
        return "Optional[Union[" + ", ".join(with_none) + "]]", key

    def unions(self):
        # One union per member set: Python's typing caches Union[...] by arguments that compare as sets, so a
        # second union of the same members (other order) inside Optional[...] would come back in the first order.
        seen, member_sets = [], []
        while len(seen) < 60:
            t, members = self.union_type()
            if t not in seen and members not in member_sets:
                seen.append(t)
                member_sets.append(members)
        for i, t in enumerate(seen):
            sig = {"inputs": [{"name": "q"}, {"name": "extra", "type": t}], "outputs": [{"name": "x", "type": t}]}
            if i % 3 == 0:
                model = {"model": "Holder", "fields": [{"name": "v", "type": t}, {"name": "w", "type": "int"}]}
                sig = {"inputs": [{"name": "q"}], "outputs": [{"name": "x", "type": model}]}
            self.add("union-format", {"kind": "format", "adapter": ["chat", "json", "xml"][i % 3], "signature": sig,
                                      "demos": [], "inputs": {"q": "?", "extra": None}})
            for text in self.r.sample(["None", "null", "", "1", "1.5", "true", "a", "[1, null]", '{"k": null}', "[]", "nan"], 2):
                adapter = self.pick(["chat", "json", "xml"])
                psig = {"inputs": [{"name": "q"}], "outputs": [{"name": "x", "type": t}]}
                completion = {"chat": f"[[ ## x ## ]]\n{text}\n\n[[ ## completed ## ]]",
                              "json": '{"x": ' + (json.dumps(text) if self.chance(0.3) else (text or '""')) + "}",
                              "xml": f"<x>{text}</x>"}[adapter]
                self.add("union-parse", {"kind": "parse", "adapter": adapter, "signature": psig, "completion": completion})

    # -- leading underscores -------------------------------------------------------
    def underscores(self):
        for name in UNDERSCORE_NAMES:
            for where in ["input", "output"]:
                string = f"{name}, q -> a" if where == "input" else f"q -> a, {name}: int"
                self.add("underscore", {"kind": "format", "adapter": self.pick(["chat", "json", "xml"]),
                                        "signature": string, "inputs": {"q": "x"}})
                sig = {"inputs": [{"name": "q"}], "outputs": [{"name": name}, {"name": "_second"}]} if where == "output" else \
                    {"inputs": [{"name": name}], "outputs": [{"name": "a"}]}
                self.add("underscore", {"kind": "parse", "adapter": self.pick(["chat", "json", "xml"]), "signature": sig,
                                        "completion": '{"a": "1"}'})
        for name in ["a_", "a__b", "x_1_", "mid_dle"]:
            self.add("underscore", {"kind": "format", "adapter": "chat", "signature": f"q -> {name}", "inputs": {"q": "x"}})

    # -- unicode, markers, XML-looking values -------------------------------------------
    def text_values(self):
        pools = [("unicode", UNICODE), ("markers", MARKER_VALUES), ("xmlish", XML_VALUES)]
        for group, pool in pools:
            for adapter in ["chat", "json", "xml"]:
                for _ in range(8):
                    v = self.pick(pool)
                    out_type = self.pick(["str", "str", "list[str]", "dict[str, str]", "Optional[str]"])
                    sig = {"inputs": [{"name": "q", "desc": self.pick(UNICODE) if self.chance(0.3) else "the question"},
                                      {"name": "items", "type": "list[str]"}],
                           "outputs": [{"name": "answer", "type": out_type}]}
                    if self.chance(0.3):
                        sig["instructions"] = self.pick(pool)
                    demo_answer = {"str": v, "Optional[str]": v, "list[str]": [v, "b"], "dict[str, str]": {"k": v}}[out_type]
                    self.add(f"{group}-format", {"kind": "format", "adapter": adapter, "signature": sig,
                                                 "demos": [{"q": v, "items": [v], "answer": demo_answer}] if self.chance(0.5) else [],
                                                 "inputs": {"q": v, "items": [self.pick(pool), "plain"]}})
                for _ in range(8):
                    v = self.pick(pool)
                    out_type = self.pick(["str", "str", "list[str]", "dict[str, str]", "int"])
                    sig = {"inputs": [{"name": "q"}], "outputs": [{"name": "answer", "type": out_type}, {"name": "note"}]}
                    value = {"str": v, "int": v, "list[str]": [v, "b"], "dict[str, str]": {"k": v}}[out_type]
                    if adapter == "chat":
                        body = v if out_type in ("str", "int") else json.dumps(value, ensure_ascii=self.chance(0.3))
                        completion = f"[[ ## answer ## ]]\n{body}\n\n[[ ## note ## ]]\n{self.pick(pool)}\n\n[[ ## completed ## ]]"
                    elif adapter == "json":
                        completion = json.dumps({"answer": value, "note": self.pick(pool)}, ensure_ascii=self.chance(0.3))
                        if self.chance(0.25):
                            completion = completion[:-1]
                    else:
                        body = v if self.chance(0.5) else v.replace("&", "&amp;").replace("<", "&lt;")
                        completion = f"<answer>{body}</answer>\n<note>{self.pick(pool)}</note>"
                    self.add(f"{group}-parse", {"kind": "parse", "adapter": adapter, "signature": sig, "completion": completion})
        for v in UNICODE[:4] + MARKER_VALUES[:2] + XML_VALUES[:2]:
            sig = {"inputs": [{"name": "question"}], "outputs": [{"name": "answer"}]}
            self.add("text-save", {"kind": "save", "program": {"type": "Predict", "signature": sig,
                                                               "demos": [{"question": v, "answer": v}]}})

    # -- keys named like Object members ---------------------------------------------------
    def proto_keys(self):
        for key in PROTO_KEYS:
            for type_ in ["dict[str, Any]", "dict[str, int]", "Any", "dict"]:
                value = "1" if type_.endswith("int]") else '{"isAdmin": true}'
                for adapter, completion in [
                    ("json", f'{{"d": {{"{key}": {value}, "k": 2}}}}'),
                    ("json", f'{{"d": {{"{key}": {value}, "k": 2'),
                    ("chat", f'[[ ## d ## ]]\n{{"{key}": {value}, "k": 2}}\n\n[[ ## completed ## ]]'),
                    ("chat", f"[[ ## d ## ]]\n{{'{key}': {value.replace('true', 'True')}, 'k': 2}}"),
                    ("xml", f"<d><{key}>1</{key}><k>2</k></d>"),
                ]:
                    if self.chance(0.5):
                        sig = {"inputs": [{"name": "q"}], "outputs": [{"name": "d", "type": type_}]}
                        self.add("proto-parse", {"kind": "parse", "adapter": adapter, "signature": sig, "completion": completion})
            self.add("proto-parse", {"kind": "parse", "adapter": "xml", "signature": "q -> answer",
                                     "completion": f"<answer>&{key};</answer>"})
            self.add("proto-parse", {"kind": "parse", "adapter": "json", "signature": "q -> answer",
                                     "completion": f'{{"{key}": "x", "answer": "y"}}'})
            self.add("proto-format", {"kind": "format", "adapter": self.pick(["chat", "json", "xml"]),
                                      "signature": {"inputs": [{"name": "d", "type": "dict[str, Any]"}], "outputs": [{"name": "a"}]},
                                      "inputs": {"d": {key: {"isAdmin": True}, "k": 1}}})
            self.add("proto-save", {"kind": "save", "program": {"type": "Predict", "signature": "d: dict -> a",
                                                                "demos": [{"d": {key: 1}, "a": key}]}})

    def big_ints(self):
        for v in [2 ** 63 - 1, 2 ** 63, 2 ** 64 - 1, 2 ** 64, -(2 ** 63), -(2 ** 63) - 1, 10 ** 30]:
            self.add("bigint-save", {"kind": "save", "program": {"type": "Predict", "signature": "q -> n: int",
                                                                 "demos": [{"q": "x", "n": v}]}})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    g = Gen(args.seed)
    g.non_finite()
    g.unions()
    g.underscores()
    g.text_values()
    g.proto_keys()
    g.big_ints()
    for case in g.cases:
        print(json.dumps(case, ensure_ascii=False))


if __name__ == "__main__":
    main()
