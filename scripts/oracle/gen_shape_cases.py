#!/usr/bin/env python3
"""Seeded oracle cases of input shapes the stock generator (gen_cases.py) does not produce, for the differential
runner (scripts/oracle/differential.sh). Case language of /work/shared/oracle (see its README); this script does not
import DSPy, the oracle decides what DSPy does.

    python3 scripts/oracle/gen_shape_cases.py --seed 1 --n 400 [--groups nested,numbers] [--fixture] > cases.jsonl

`--fixture` leaves out the shapes whose answers docs/compat.md lists as deliberate differences (integer LM float
parameters, lists of non-strings given to `str` inputs), for the committed fixture set `fixtures/oracle/shapes-*`.

Groups (case ids are `x<seed>-<group>-<n>`):
  nested    nested generics (list[dict[str, list[int]]], tuple, set, dict[int, ...], models in containers)
  unions    Optional/Union/Literal mixes, models and enums among union members
  models    pydantic-like models: nested, aliases, defaults, enums, docs; JSON/XML/Chat replies for them
  text      unicode/emoji/CJK, whitespace-only and whitespace-edged values, control characters, multi-line instructions
  demos     no demos, many demos, huge values, incomplete demos, demos with None, History inputs
  numbers   1e16, -0.0, big ints, exponents, int fields given floats and strings, bools spelled as strings
  json      JSON replies with trailing text, several objects, fences, comments, nested braces in strings
  xml       XML replies with attributes, nesting, CDATA, entities, repeated and self-closing tags
  chat      ChatAdapter replies with missing, duplicated, reordered, re-cased or inline field headers
  special   ToolCalls, Code, Reasoning and History fields; tools and tool calls as inputs (coerced)
  schema    output models whose JSON schema the prompt shows (aliases, defaults, enums, unions, containers)
  validation replies that do not fit the field type (pydantic's error texts inside parse errors)
  constraints ge/gt/le/lt/multiple_of/min_length/max_length in prompts and when parsing
  enums     enum outputs and inputs, by value, name, repr
  inputs    values of unexpected types given to typed inputs without coercion
  save      state files of programs with new value shapes in demos and LM keywords
  strsig    DSPy string signatures with types and odd spacing, formatted
  bootstrap BootstrapFewShot on typed signatures with replies that do not parse (fallback, errors, max_errors)
  load      Python-written state files with new value shapes, loaded, then a call formatted
  boundary  what the LM receives (lm_boundary) with adapter options

The output depends only on --seed/--n/--groups (one random.Random, no set iteration), so the same command writes
the same bytes.
"""

import argparse
import json
import random

WORDS = ["alpha", "Paris", "the", "fox", "東京", "naïve", "🙂", "ß", "中文", "Ελλάδα", "שלום", "x", "42", "data", "café"]
UNICODE = [
    "东京是日本的首都。", "emoji 🙂🚀👍🏽", "flag 🇯🇵 and family 👨\u200d👩\u200d👧", "한국어 텍스트", "Ελληνικά",
    "combining e\u0301", "RTL مرحبا بالعالم", "math 𝔸𝔹ℂ ∑ ∫", "fullwidth ＡＢＣ１２３", "ZWJ\u200dJoined", "\ufeffBOM first",
    "surrogate-free 😀 😃", "tab\tinside", "nbsp\u00a0inside", "line\u2028sep", "para\u2029sep", "ideographic\u3000space",
]
WHITESPACE = ["", " ", "  ", "\n", "\n\n", "\t", " \n ", "\r\n", "x ", " x", "\nx\n", "  x  y  ", "x\r\ny", "\u00a0", "\u3000x"]
INSTRUCTIONS = [
    "Line one.\nLine two.\n\nLine four after a blank.",
    "  Leading spaces.\n\tTabbed line.\n    Indented.",
    "Use [[ ## answer ## ]] markers carefully.",
    "回答问题。\n请简洁。",
    "Return JSON like {\"a\": 1}.\n```json\n{\"b\": 2}\n```",
    "Ends with newline\n",
    "\n\nStarts with newlines",
    "Has <xml>tags</xml> & entities &amp;",
    "A" * 300,
    "Bullet list:\n- one\n- two\n  - nested",
    "trailing spaces   \n   and leading",
    "Windows\r\nline endings\r\n",
]
SCALARS = ["str", "int", "float", "bool"]
MODEL_FIELDS = ["name", "value", "kind", "tags", "score", "items", "note", "id", "ok", "when"]
FIELD_NAMES = ["question", "context", "answer", "result", "items", "data", "label", "score", "notes", "output",
               "reasoning_hint", "payload", "mapping", "records", "choice", "flag", "count", "ratio"]
NUM_TEXT = ["1e16", "-0.0", "0.0", "1e-7", "1E5", "12345678901234567890", "9007199254740993", "-1", "+5", " 7 ",
            "7.0", "7.5", "1_000", "0x1F", "1e400", "-1e400", "nan", "NaN", "inf", "3.", ".5", "1/2", "42abc",
            "forty-two", "", "True", "false", "0", "1", "00012", "-00", "1.0e+16", "2**10", "１２"]
BOOL_TEXT = ["True", "False", "true", "false", "TRUE", "yes", "no", "1", "0", "on", "off", "t", "f", "y", "n",
             "\"true\"", "None", "null", "", " true ", "True.", "1.0"]
FLOATS = [1e16, -0.0, 0.0, 1e-07, 1e22, 1.5e300, 2.0 ** 53, 123456789.123, 0.1 + 0.2, -1e-310, 5e-324, 100.0, 1e15, 1e21]
INTS = [0, -1, 2 ** 53, 2 ** 53 + 1, 2 ** 63 - 1, -(2 ** 63), 10 ** 15, 10 ** 16, 10 ** 21, 12345678901234567890]


class Gen:
    def __init__(self, seed, fixture=False):
        self.fixture = fixture
        self.r = random.Random(seed)
        self.seed = seed
        self.counts = {}

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def chance(self, p):
        return self.r.random() < p

    def case(self, group, case):
        n = self.counts.get(group, 0)
        self.counts[group] = n + 1
        return {"id": f"x{self.seed}-{group}-{n}", **case}

    def word(self):
        return " ".join(self.pick(WORDS) for _ in range(self.r.randint(1, 4)))

    def adapter(self):
        return self.pick(["chat", "chat", "json", "xml"])

    # -- types as (spec, value generator) ------------------------------------------
    def scalar(self):
        t = self.pick(SCALARS)
        return t, self.scalar_value(t)

    def scalar_value(self, t):
        return {"str": lambda: self.pick([self.word(), self.pick(UNICODE), self.pick(WHITESPACE)]),
                "int": lambda: self.pick([self.r.randint(-100, 100), self.pick(INTS)]),
                "float": lambda: self.pick([round(self.r.uniform(-10, 10), 3), self.pick(FLOATS)]),
                "bool": lambda: self.chance(0.5)}[t]

    def nested_type(self, depth=0):
        """-> (TYPE string, value maker)."""
        if depth >= 3 or self.chance(0.25 * depth):
            return self.scalar()
        k = self.pick(["list", "list", "dict", "dict", "tuple", "set", "optional", "dictint"])
        inner, make = self.nested_type(depth + 1)
        if k == "list":
            return f"list[{inner}]", lambda: [make() for _ in range(self.r.randint(0, 3))]
        if k == "dict":
            return f"dict[str, {inner}]", lambda: {self.pick(["a", "b", "ключ", "k 1", "键"]) + str(i): make() for i in range(self.r.randint(0, 3))}
        if k == "dictint":
            return f"dict[int, {inner}]", lambda: {i * 3: make() for i in range(self.r.randint(0, 2))}
        if k == "tuple":
            other, make2 = self.scalar()
            return f"tuple[{inner}, {other}]", lambda: {"$tuple": [make(), make2()]}
        if k == "set":
            # set[str] iterates in an order salted per process (PYTHONHASHSEED): not comparable, so ints only
            return "set[int]", lambda: [self.r.randint(-9, 99) for _ in range(self.r.randint(0, 4))]
        return f"Optional[{inner}]", lambda: None if self.chance(0.3) else make()

    def union_type(self):
        forms = [
            ("Union[int, str]", lambda: self.pick([3, "three", "3"])),
            ("Union[str, int]", lambda: self.pick([3, "three"])),
            ("int | str", lambda: self.pick([3, "x"])),
            ("Union[float, int]", lambda: self.pick([1, 1.5])),
            ("Union[int, float]", lambda: self.pick([1, 1.5, 1.0])),
            ("Union[bool, int]", lambda: self.pick([True, 2])),
            ("Optional[Literal['a', 'b']]", lambda: self.pick(["a", "b", None])),
            ("Literal['a', 'b'] | None", lambda: self.pick(["a", None])),
            ("list[Literal['x', 'y', 'z']]", lambda: self.r.sample(["x", "y", "z"], self.r.randint(0, 3))),
            ("Literal['yes', 'no', 1, 2]", lambda: self.pick(["yes", 1])),
            ("Literal[True, False, 'maybe']", lambda: self.pick([True, "maybe"])),
            ("Literal['A B', 'c-d', 'e.f']", lambda: self.pick(["A B", "c-d"])),
            ("Union[list[int], dict[str, int]]", lambda: self.pick([[1, 2], {"a": 1}])),
            ("Optional[Union[int, list[str]]]", lambda: self.pick([None, 1, ["a"]])),
            ("Union[str, None, int]", lambda: self.pick([None, "s", 4])),
            ("dict[str, Optional[int]]", lambda: {"a": None, "b": 2}),
            ("list[Optional[str]]", lambda: ["a", None]),
            ("Optional[dict[str, list[float]]]", lambda: {"x": [1.0, 2.5]}),
            ("Literal['-1', '0', '+1']", lambda: self.pick(["-1", "+1"])),
            ("Literal[-1, 0, 1]", lambda: self.pick([-1, 0])),
        ]
        return self.pick(forms)

    def model_decl(self, name, depth=0):
        fields = []
        values = {}
        for fname in self.r.sample(MODEL_FIELDS, self.r.randint(1, 4)):
            if depth == 0 and self.chance(0.25):
                sub, subval = self.model_decl(name + "Part" + str(len(fields)), depth + 1)
                t, make = (sub, subval) if self.chance(0.5) else ({"list": sub}, lambda sv=subval: [sv(), sv()])
            elif self.chance(0.2):
                t, make = self.union_type()
            elif self.chance(0.3):
                t, make = self.nested_type(2)
            else:
                t, make = self.scalar()
            f = {"name": fname, "type": t}
            if self.chance(0.3):
                f["desc"] = self.pick(["the name", "Score in [0, 1]", "描述", "multi\nline desc", "has \"quotes\""])
            if self.chance(0.15):
                f["alias"] = fname + "Alias" if self.chance(0.5) else fname.upper()
            if self.chance(0.2):
                f["default"] = make()
            fields.append(f)
            values[fname] = make
        decl = {"model": name, "fields": fields}
        if self.chance(0.3):
            decl["doc"] = self.pick(["A record.", "Multi-line\n    docstring.", "Docs ünïcode 🙂"])

        def make_value():
            out = {}
            for f in fields:
                if "default" in f and self.chance(0.3) or f["name"] not in values:
                    continue
                key = f.get("alias", f["name"]) if self.chance(0.8) else f["name"]
                out[key] = values[f["name"]]()
            return out
        return decl, make_value

    def typed_sig(self, out_types, in_types=None, instructions=None):
        """out_types: [(name, TYPE)], in_types likewise (default one str input)."""
        sig = {"inputs": [{"name": n, "type": t} for n, t in (in_types or [("question", "str")])],
               "outputs": [{"name": n, "type": t} for n, t in out_types]}
        if instructions is not None:
            sig["instructions"] = instructions
        return sig

    # -- completions in each adapter's dialect ---------------------------------------
    def render(self, v):
        """Text of a value as an LM might write it inside a Chat/XML field."""
        if isinstance(v, dict) and "$tuple" in v:
            v = v["$tuple"]
        if isinstance(v, str):
            return v
        if isinstance(v, bool):
            return self.pick([str(v), str(v).lower()])
        if v is None:
            return self.pick(["None", "null", ""])
        if isinstance(v, (int, float)):
            return self.pick([repr(v), json.dumps(v)])
        return self.pick([json.dumps(v, ensure_ascii=False), json.dumps(v, indent=2), repr(v)])

    def chat_completion(self, outputs):
        parts = [f"[[ ## {k} ## ]]\n{self.render(v)}" for k, v in outputs.items()]
        return "\n\n".join(parts) + "\n\n[[ ## completed ## ]]"

    def json_completion(self, outputs):
        return json.dumps(outputs, ensure_ascii=self.chance(0.3))

    def xml_completion(self, outputs):
        return "\n".join(f"<{k}>{self.render(v)}</{k}>" for k, v in outputs.items())

    def completion(self, adapter, outputs):
        return {"chat": self.chat_completion, "json": self.json_completion, "xml": self.xml_completion}[adapter](outputs)

    @staticmethod
    def plain(v):
        if isinstance(v, dict) and "$tuple" in v:
            return [Gen.plain(x) for x in v["$tuple"]]
        if isinstance(v, dict):
            return {k: Gen.plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [Gen.plain(x) for x in v]
        return v

    def format_and_parse(self, group, sig, makers, models=None):
        """One format case (inputs/demos from makers) or one parse case (outputs rendered per adapter)."""
        if models:
            sig = {"models": models, **sig}
        adapter = self.adapter()
        if self.chance(0.5):
            values = {f["name"]: makers[f["name"]]() for f in sig["inputs"] + sig["outputs"]}
            inputs = {f["name"]: values[f["name"]] for f in sig["inputs"]}
            demos = []
            for _ in range(self.r.choice([0, 1, 2])):
                demos.append({f["name"]: makers[f["name"]]() for f in sig["inputs"] + sig["outputs"]})
            case = {"kind": "format", "adapter": adapter, "signature": sig, "inputs": inputs, "demos": demos}
            if self.chance(0.3):
                case["coerce"] = True
            return self.case(group, case)
        outputs = {f["name"]: self.plain(makers[f["name"]]()) for f in sig["outputs"]}
        return self.case(group, {"kind": "parse", "adapter": adapter, "signature": sig,
                                 "completion": self.completion(adapter, outputs)})

    # -- groups ---------------------------------------------------------------------
    def g_nested(self):
        outs, makers = [], {"question": self.word}
        for name in self.r.sample(["records", "mapping", "data", "items"], self.r.randint(1, 2)):
            t, make = self.nested_type()
            outs.append((name, t))
            makers[name] = make
        ins = [("question", "str")]
        if self.chance(0.5):
            t, make = self.nested_type()
            ins.append(("payload", t))
            makers["payload"] = make
        return self.format_and_parse("nested", self.typed_sig(outs, ins), makers)

    def g_unions(self):
        makers = {"question": self.word}
        outs = []
        for name in self.r.sample(["choice", "result", "label"], self.r.randint(1, 2)):
            t, make = self.union_type()
            outs.append((name, t))
            makers[name] = make
        if self.chance(0.3):
            t, make = self.union_type()
            makers["context"] = make
            return self.format_and_parse("unions", self.typed_sig(outs, [("question", "str"), ("context", t)]), makers)
        if self.chance(0.4):
            # text replies that need the union's member order to decide
            adapter = self.adapter()
            sig = self.typed_sig(outs)
            body = {n: self.pick(["1", "1.0", "1.5", "true", "True", "a", "None", "null", "[1]", '{"a": 1}', "'a'", '"a"',
                                   "-1", "+1", "yes", "x"]) for n, _ in outs}
            completion = {"chat": "\n\n".join(f"[[ ## {k} ## ]]\n{v}" for k, v in body.items()) + "\n\n[[ ## completed ## ]]",
                          "json": "{" + ", ".join(f'"{k}": {v}' for k, v in body.items()) + "}",
                          "xml": "".join(f"<{k}>{v}</{k}>" for k, v in body.items())}[adapter]
            return self.case("unions", {"kind": "parse", "adapter": adapter, "signature": sig, "completion": completion})
        return self.format_and_parse("unions", self.typed_sig(outs), makers)

    def g_models(self):
        name = self.pick(["Record", "Person", "Entry", "Finding"])
        decl, make = self.model_decl(name)
        enum_decl = {"enum": "Color", "members": self.pick([{"RED": "red", "GREEN": "green"}, ["low", "high"], {"ONE": 1, "TWO": 2}])}
        members = list(enum_decl["members"].values()) if isinstance(enum_decl["members"], dict) else enum_decl["members"]
        shape = self.pick(["model", "list", "optional", "dict", "enum", "both"])
        out_t = {"model": name, "list": f"list[{name}]", "optional": f"Optional[{name}]", "dict": f"dict[str, {name}]",
                 "enum": "Color", "both": name}[shape]
        makers = {"question": self.word,
                  "result": {"model": make, "list": lambda: [make() for _ in range(self.r.randint(0, 2))],
                             "optional": lambda: None if self.chance(0.3) else make(),
                             "dict": lambda: {"k": make()}, "enum": lambda: self.pick(members), "both": make}[shape]}
        outs = [("result", out_t)]
        models = [decl, enum_decl]
        if shape == "both":
            outs.append(("color", "Color"))
            makers["color"] = lambda: self.pick(members)
        ins = [("question", "str")]
        if self.chance(0.4):
            ins.append(("context", name))
            makers["context"] = make
        return self.format_and_parse("models", self.typed_sig(outs, ins), makers, models=models)

    def g_text(self):
        sig = self.typed_sig([("answer", "str")] + ([("notes", self.pick(["str", "list[str]"]))] if self.chance(0.4) else []),
                             [("question", "str"), ("context", self.pick(["str", "list[str]"]))],
                             instructions=self.pick(INSTRUCTIONS) if self.chance(0.7) else None)
        val = lambda: self.pick([self.pick(UNICODE), self.pick(WHITESPACE), self.word() + self.pick(WHITESPACE)])
        makers = {"question": val, "context": lambda: [val() for _ in range(self.r.randint(0, 3))] if sig["inputs"][1]["type"] == "list[str]" else val(),
                  "answer": val, "notes": lambda: [val()] if sig["outputs"][-1]["type"] == "list[str]" else val()}
        if self.chance(0.3):
            # field descriptions and names with unicode
            sig["inputs"][0]["desc"] = self.pick(["问题 🙂", "  padded desc  ", "line\nbreak", ""])
        return self.format_and_parse("text", sig, makers)

    def g_demos(self):
        t = self.pick(["str", "int", "list[str]", "dict[str, int]", "bool", "Optional[str]"])
        sig = self.typed_sig([("answer", t)], [("question", "str"), ("context", "str")])
        mk = {"str": self.word, "int": lambda: self.r.randint(0, 9), "list[str]": lambda: [self.word()],
              "dict[str, int]": lambda: {"a": 1}, "bool": lambda: True, "Optional[str]": lambda: None}[t]
        n = self.pick([0, 0, 1, 5, 12, 30])
        demos = []
        for i in range(n):
            d = {"question": self.word() if not self.chance(0.05) else "Q" * 2000, "context": self.word(), "answer": mk()}
            r = self.r.random()
            if r < 0.15:
                d.pop("answer")
            elif r < 0.25:
                d.pop("question")
            elif r < 0.32:
                d["answer"] = None
            elif r < 0.37:
                d["extra_key"] = "ignored?"
            elif r < 0.42:
                d = {"extra_only": 1}
            demos.append(d)
        case = {"kind": "format", "adapter": self.adapter(), "signature": sig, "demos": demos,
                "inputs": {"question": self.word(), "context": self.pick(["", self.word(), "x" * 5000])}}
        if self.chance(0.25):
            case["history"] = [{"question": self.word(), "context": "c", "answer": mk()} for _ in range(self.r.randint(0, 3))]
            if self.chance(0.3):
                case["history"].append({"question": "only question"})
        if self.chance(0.2):
            case["lm_boundary"] = True
        return self.case("demos", case)

    def g_numbers(self):
        t = self.pick(["int", "float", "bool", "list[int]", "list[float]", "dict[str, float]", "Optional[int]", "Optional[bool]"])
        adapter = self.adapter()
        if self.chance(0.35):
            mk = {"int": lambda: self.pick(INTS), "float": lambda: self.pick(FLOATS), "bool": lambda: self.chance(0.5),
                  "list[int]": lambda: [self.pick(INTS)], "list[float]": lambda: [self.pick(FLOATS)],
                  "dict[str, float]": lambda: {"a": self.pick(FLOATS)}, "Optional[int]": lambda: self.pick(INTS + [None]),
                  "Optional[bool]": lambda: self.pick([True, None])}[t]
            return self.format_and_parse("numbers", self.typed_sig([("score", t)], [("question", "str"), ("count", t)]),
                                         {"question": self.word, "count": mk, "score": mk})
        text = self.pick(BOOL_TEXT if "bool" in t else NUM_TEXT)
        if t.startswith("list"):
            text = f"[{text}, 2]"
        elif t.startswith("dict"):
            text = '{"a": ' + text + "}"
        completion = {"chat": f"[[ ## score ## ]]\n{text}\n\n[[ ## completed ## ]]",
                      "json": self.pick(['{"score": ' + (text or '""') + "}", json.dumps({"score": text})]),
                      "xml": f"<score>{text}</score>"}[adapter]
        return self.case("numbers", {"kind": "parse", "adapter": adapter, "signature": self.typed_sig([("score", t)]),
                                     "completion": completion})

    def g_json(self):
        t = self.pick(["str", "int", "list[str]", "dict[str, int]", "bool"])
        sig = self.typed_sig([("answer", t)] + ([("notes", "str")] if self.chance(0.5) else []))
        val = {"str": "Paris {not json}", "int": 42, "list[str]": ["a", "b}"], "dict[str, int]": {"k": 1}, "bool": False}[t]
        obj = {"answer": val}
        if len(sig["outputs"]) > 1:
            obj["notes"] = self.pick(["n", "has \"quotes\" and } braces", "多语言", ""])
        body = json.dumps(obj, ensure_ascii=False)
        forms = [
            body + "\nHope this helps!", body + " " + json.dumps({"answer": "second"}), "Sure! " + body,
            "```json\n" + body + "\n```\nDone.", "```\n" + body + "\n```", "```JSON\n" + body + "\n```",
            body.replace(": ", ": // comment\n", 1), "{\n  // comment\n" + body[1:], body[:-1] + ",}",
            "[" + body + "]", json.dumps({"result": obj}), body.replace('"', "'"), body + "}", "{" + body,
            "<answer>" + body + "</answer>", body.replace("{", "{\n\n", 1), "\ufeff" + body, body + "\n\n" + body,
            json.dumps(obj, indent=4), "Reasoning: ...\n\nFinal: " + body, body.replace('"answer"', '"Answer"'),
            body.replace('"answer"', 'answer'), "{'answer': " + repr(val) + "}",
        ]
        adapter = self.pick(["json", "json", "chat"])
        completion = self.pick(forms)
        if adapter == "chat":
            completion = self.pick([completion, "[[ ## answer ## ]]\n" + json.dumps(val) + "\n[[ ## completed ## ]]"])
        return self.case("json", {"kind": "parse", "adapter": adapter, "signature": sig, "completion": completion})

    def g_xml(self):
        t = self.pick(["str", "int", "list[str]", "bool", "float", "dict[str, int]"])
        sig = self.typed_sig([("answer", t)] + ([("notes", "str")] if self.chance(0.4) else []))
        v = {"str": "Paris", "int": "7", "list[str]": '["a", "b"]', "bool": "true", "float": "2.5", "dict[str, int]": '{"a": 1}'}[t]
        forms = [
            f'<answer id="1">{v}</answer>', f"<answer>\n  {v}\n</answer>", f"<answer><![CDATA[{v}]]></answer>",
            f"<answer>{v}</answer><answer>second</answer>", "<answer/>", f"<ANSWER>{v}</ANSWER>",
            f"<answer>{v}</answr>", f"text before <answer>{v}</answer> text after", f"<answer>&lt;{v}&gt; &amp;</answer>",
            f"<answer><item>{v}</item><item>x</item></answer>", f"<response><answer>{v}</answer></response>",
            f"<answer >{v}</answer >", f"< answer>{v}</ answer>", f"<answer>{v}", f"<answer>{v}</answer>\n<notes>n</notes>",
            f"<notes>first</notes><answer>{v}</answer>", f"<answer>a <b>bold</b> {v}</answer>", f"```xml\n<answer>{v}</answer>\n```",
            f"<answer>{v}</answer><notes></notes>", f"<answer>\n</answer>", f"<answer>{v}</answer><notes>a\n\nb</notes>",
            f"<answer a='x' b=\"y\">{v}</answer><notes>ok</notes>",
        ]
        return self.case("xml", {"kind": "parse", "adapter": "xml", "signature": sig, "completion": self.pick(forms)})

    def g_chat(self):
        names = self.r.sample(["answer", "reasoning", "score", "notes", "label"], self.r.randint(1, 3))
        types = {n: self.pick(["str", "str", "int", "bool", "list[str]", "float"]) for n in names}
        sig = self.typed_sig([(n, types[n]) for n in names])
        vals = {"str": "some text", "int": "3", "bool": "True", "list[str]": '["a"]', "float": "0.5"}
        blocks = [[f"[[ ## {n} ## ]]", vals[types[n]]] for n in names]
        op = self.pick(["missing", "dup", "reorder", "case", "inline", "preamble", "spaces", "no_completed", "extra",
                        "markdown", "empty", "crlf", "nested_marker", "completed_first", "trailing_text", "bold"])
        if op == "missing":
            blocks.pop(self.r.randrange(len(blocks)))
        elif op == "dup":
            i = self.r.randrange(len(blocks))
            blocks.insert(i + 1, [blocks[i][0], "duplicate " + blocks[i][1]])
        elif op == "reorder":
            self.r.shuffle(blocks)
        elif op == "case":
            b = self.pick(blocks)
            b[0] = self.pick([b[0].upper(), b[0].replace("## ]]", "##]]"), b[0].replace("[[ ## ", "[[## "), b[0].title()])
        elif op == "inline":
            b = self.pick(blocks)
            b[0] = b[0] + " " + b[1]
            b[1] = ""
        elif op == "preamble":
            blocks.insert(0, ["Here is my answer:", ""])
        elif op == "spaces":
            b = self.pick(blocks)
            b[0] = self.pick(["  " + b[0], b[0] + "   ", "\t" + b[0]])
        elif op == "extra":
            blocks.append(["[[ ## extra_field ## ]]", "x"])
        elif op == "markdown":
            b = self.pick(blocks)
            b[0] = self.pick([f"## {b[0][6:-6].strip()}", f"**{b[0]}**", f"### [[ ## {b[0][6:-6].strip()} ## ]]"])
        elif op == "empty":
            self.pick(blocks)[1] = ""
        elif op == "nested_marker":
            self.pick(blocks)[1] += "\n[[ ## " + names[0] + " ## ]] inner"
        elif op == "completed_first":
            blocks.insert(0, ["[[ ## completed ## ]]", ""])
        elif op == "trailing_text":
            blocks[-1][1] += "\n\nLet me know if you need anything else."
        elif op == "bold":
            b = self.pick(blocks)
            b[1] = f"**{b[1]}**"
        sep = "\r\n" if op == "crlf" else "\n"
        text = (sep + sep).join(sep.join(x for x in b if x != "" or op == "empty") for b in blocks)
        if op != "no_completed":
            text += sep + sep + "[[ ## completed ## ]]"
        adapter = "chat" if self.chance(0.85) else "json"
        return self.case("chat", {"kind": "parse", "adapter": adapter, "signature": sig, "completion": text})

    def g_special(self):
        kind = self.pick(["toolcalls", "code", "reasoning", "history", "toolcalls_in", "code_in"])
        adapter = self.adapter()
        if kind == "toolcalls":
            sig = self.typed_sig([("calls", "ToolCalls")], [("question", "str")])
            obj = self.pick([
                {"tool_calls": [{"name": "search", "args": {"q": "x"}}]},
                [{"name": "search", "args": {"q": "x"}}, {"name": "calc", "args": {}}],
                {"name": "search", "args": {"q": "东京"}},
                {"tool_calls": []},
                {"tool_calls": [{"name": "f", "args": '{"a": 1}'}]},
                "not a call",
            ])
            return self.case("special", {"kind": "parse", "adapter": adapter, "signature": sig,
                                         "completion": self.completion(adapter, {"calls": obj})})
        if kind == "code":
            lang = self.pick(["python", "javascript", "sql"])
            sig = self.typed_sig([("program", f"Code['{lang}']" if False else "Code")], [("question", "str")])
            body = self.pick(["print(1)", "```python\nprint(1)\n```", "```\nx = 1\n```", "def f():\n    return 2", "", "```js\nconsole.log(1)\n```"])
            return self.case("special", {"kind": "parse", "adapter": adapter, "signature": sig,
                                         "completion": self.completion(adapter, {"program": body})})
        if kind == "reasoning":
            sig = self.typed_sig([("reasoning", "Reasoning"), ("answer", "str")], [("question", "str")])
            if self.chance(0.5):
                return self.case("special", {"kind": "format", "adapter": adapter, "signature": sig,
                                             "inputs": {"question": self.word()},
                                             "demos": [{"question": "q", "reasoning": "because", "answer": "a"}] if self.chance(0.5) else []})
            return self.case("special", {"kind": "parse", "adapter": adapter, "signature": sig,
                                         "completion": self.completion(adapter, {"reasoning": "step 1\nstep 2", "answer": "42"})})
        if kind == "history":
            sig = self.typed_sig([("answer", "str")], [("question", "str"), ("history", "History")])
            msgs = []
            for _ in range(self.r.randint(0, 4)):
                m = self.pick([{"question": self.word(), "answer": self.word()}, {"question": "only q"},
                               {"answer": "only a"}, {"question": "q", "answer": "a", "extra": "e"},
                               {"question": self.pick(UNICODE), "answer": self.pick(WHITESPACE)}])
                msgs.append(m)
            return self.case("special", {"kind": "format", "adapter": adapter, "signature": sig,
                                         "inputs": {"question": self.word(), "history": {"messages": msgs}},
                                         "demos": [{"question": "dq", "answer": "da"}] if self.chance(0.4) else []})
        if kind == "toolcalls_in":
            sig = self.typed_sig([("answer", "str")], [("question", "str"), ("calls", "ToolCalls")])
            calls = {"tool_calls": [{"name": "search", "args": {"q": self.word()}}] * self.r.randint(0, 2)}
            return self.case("special", {"kind": "format", "adapter": adapter, "signature": sig, "coerce": True,
                                         "inputs": {"question": "q", "calls": calls}, "demos": []})
        sig = self.typed_sig([("answer", "str")], [("question", "str"), ("snippet", "Code")])
        return self.case("special", {"kind": "format", "adapter": adapter, "signature": sig, "coerce": True,
                                     "inputs": {"question": "q", "snippet": {"code": "print('hi')\n"}}, "demos": []})

    def g_schema(self):
        """Output models whose JSON schema the prompt shows: nesting, aliases, defaults, unions, enums, containers."""
        name = self.pick(["Report", "Item", "Node"])
        decl, make = self.model_decl(name)
        extra = []
        if self.chance(0.4):
            extra.append({"enum": "Level", "members": self.pick([{"LOW": "low", "HIGH": "high"}, {"A": 1, "B": 2}, ["x", "y"]])})
            decl["fields"].append({"name": "level", "type": "Level", **({"default": "low"} if self.chance(0.2) and "LOW" in str(extra) else {})})
        if self.chance(0.4):
            decl["fields"].append({"name": "extra_" + self.pick(["map", "set", "tuple", "opt"]),
                                   "type": self.pick(["dict[str, list[int]]", "set[int]", "tuple[int, str]", "Optional[list[str]]",
                                                      "dict[int, str]", "Union[int, str, None]", "list[Optional[float]]", "set[int]", "Any",
                                                      "bytes", "Literal['a', 1]", "Optional[Any]", "list[Any]", "dict[str, Any]"])})
        shape = self.pick([name, f"list[{name}]", f"Optional[{name}]", f"dict[str, {name}]", f"Union[{name}, str]",
                           f"list[Optional[{name}]]", f"tuple[{name}, int]"])
        sig = self.typed_sig([("result", shape)] + ([("count", "int")] if self.chance(0.3) else []),
                             [("question", "str")] + ([("context", name)] if self.chance(0.3) else []))
        inputs = {"question": "q"}
        if len(sig["inputs"]) > 1:
            inputs["context"] = make()
        case = {"kind": "format", "adapter": self.adapter(), "signature": {"models": extra + [decl], **sig}, "inputs": inputs,
                "demos": [], **({"coerce": True} if self.chance(0.3) else {})}
        if self.chance(0.15):
            case["lm_boundary"] = True
        return self.case("schema", case)

    def g_validation(self):
        """Replies whose values do not fit the field type: the pydantic error texts inside parse errors."""
        name = self.pick(["Rec", "Pt"])
        decl, make = self.model_decl(name)
        t = self.pick(["int", "float", "bool", "list[int]", "dict[str, int]", name, f"list[{name}]", "Literal['a', 'b']",
                       "tuple[int, int]", "set[int]", "Optional[int]", "Union[int, bool]", "dict[int, str]", "bytes",
                       f"Optional[{name}]", "list[list[int]]"])
        bad = self.pick(['"abc"', "1.5", "[1, \"x\"]", '{"a": "b"}', "null", "true", "[]", "{}", '"1"', "[1, 2, 3]",
                         '{"name": 5}', '[{"x": 1}]', '"a"', "-3", '[[1], ["z"]]', '{"1": 2}', '"1e3"', "1e3",
                         '{"value": [1]}', '[{"name": null, "id": "x"}]'])
        adapter = self.pick(["chat", "json", "json", "xml"])
        sig = {"models": [decl], **self.typed_sig([("answer", t)] + ([("notes", "str")] if self.chance(0.3) else []))}
        raw = bad.replace('\\"', '"')
        body = {"chat": f"[[ ## answer ## ]]\n{raw}\n\n" + ("[[ ## notes ## ]]\nn\n\n" if len(sig["outputs"]) > 1 else "") + "[[ ## completed ## ]]",
                "json": '{"answer": ' + raw + (', "notes": "n"' if len(sig["outputs"]) > 1 else "") + "}",
                "xml": f"<answer>{raw}</answer>" + ("<notes>n</notes>" if len(sig["outputs"]) > 1 else "")}[adapter]
        return self.case("validation", {"kind": "parse", "adapter": adapter, "signature": sig, "completion": body})

    def g_constraints(self):
        t = self.pick(["int", "float", "str", "list[int]", "list[str]", "Optional[int]", "dict[str, int]"])
        kinds = {"int": ["ge", "gt", "le", "lt", "multiple_of"], "float": ["ge", "gt", "le", "lt", "multiple_of"],
                 "str": ["min_length", "max_length"], "list[int]": ["min_length", "max_length"],
                 "list[str]": ["min_length", "max_length"], "Optional[int]": ["ge", "le"], "dict[str, int]": ["min_length", "max_length"]}[t]
        cons = {k: self.pick([0, 1, 2, 3, 10, 0.5, 100]) if k != "multiple_of" else self.pick([2, 5, 0.5]) for k in self.r.sample(kinds, self.r.randint(1, len(kinds)))}
        out = {"name": "answer", "type": t, "constraints": cons}
        if self.chance(0.3):
            out["desc"] = "the answer"
        sig = {"inputs": [{"name": "question", "type": self.pick(["str", "int"]),
                           **({"constraints": {"ge": 1}} if self.chance(0.2) else {})}], "outputs": [out]}
        if self.chance(0.5):
            return self.case("constraints", {"kind": "format", "adapter": self.adapter(), "signature": sig,
                                             "inputs": {"question": "q"}, "demos": []})
        v = self.pick(["0", "1", "5", "-1", "2.5", "150", "''", '""', "abcd", "[]", "[1, 2, 3, 4]", '["a"]', '{"a": 1}', "None", "100"])
        adapter = self.adapter()
        completion = {"chat": f"[[ ## answer ## ]]\n{v}\n\n[[ ## completed ## ]]", "json": '{"answer": ' + (v if v not in ("abcd",) else '"abcd"') + "}",
                      "xml": f"<answer>{v}</answer>"}[adapter]
        return self.case("constraints", {"kind": "parse", "adapter": adapter, "signature": sig, "completion": completion})

    def g_enums(self):
        members = self.pick([{"RED": "red", "GREEN": "green"}, {"A": 1, "B": 2}, ["low", "high"], {"YES": "Yes", "NO": "No"},
                             {"ONE": "1", "TWO": "2"}, {"UP": "up", "Down": "DOWN"}])
        decl = {"enum": "Mode", "members": members}
        t = self.pick(["Mode", "list[Mode]", "Optional[Mode]", "dict[str, Mode]"])
        sig = {"models": [decl], **self.typed_sig([("answer", t)], [("question", "str")] + ([("mode", "Mode")] if self.chance(0.4) else []))}
        vals = list(members.values()) if isinstance(members, dict) else members
        names = list(members.keys()) if isinstance(members, dict) else members
        if self.chance(0.35):
            inputs = {"question": "q"}
            if len(sig["inputs"]) > 1:
                inputs["mode"] = self.pick(vals)
            return self.case("enums", {"kind": "format", "adapter": self.adapter(), "signature": sig, "inputs": inputs,
                                       "demos": [{"question": "d", **({"mode": vals[0]} if len(sig["inputs"]) > 1 else {}), "answer": vals[0] if t == "Mode" else [vals[0]] if t == "list[Mode]" else vals[0] if t == "Optional[Mode]" else {"k": vals[0]}}],
                                       **({"coerce": True} if self.chance(0.5) else {})})
        v = self.pick([repr(vals[0]), str(vals[0]), names[0], f"Mode.{names[0]}", str(vals[0]).upper(), "purple", json.dumps(vals[-1])])
        if t == "list[Mode]":
            v = "[" + v + "]" if self.chance(0.7) else json.dumps(vals)
        elif t == "dict[str, Mode]":
            v = '{"k": ' + json.dumps(vals[0]) + "}"
        adapter = self.adapter()
        completion = {"chat": f"[[ ## answer ## ]]\n{v}\n\n[[ ## completed ## ]]", "json": '{"answer": ' + (v if v.startswith(("[", "{", '"')) or v.isdigit() else json.dumps(v)) + "}",
                      "xml": f"<answer>{v}</answer>"}[adapter]
        return self.case("enums", {"kind": "parse", "adapter": adapter, "signature": sig, "completion": completion})

    def g_inputs(self):
        """Values of unexpected types given to typed inputs (no coercion), as a caller might pass them."""
        t = self.pick(["str", "int", "float", "bool", "list[str]", "dict[str, int]", "Optional[str]", "list[int]", "Any", "tuple[int, str]",
                       "Literal['a', 'b']", "list[dict[str, Any]]"])
        v = self.pick([None, "", "text", 0, -0.0, 1e16, 12345678901234567890, True, [], {}, [1, "a", None], {"k": [1, {"z": None}]},
                       ["multi\nline", "x"], {"$tuple": [1, 2]}, {"$float": "nan"}, 2.5, "«q»", ["«a»", "b"], [""], [[1, 2], [3]],
                       {"a": 1, "b": 2.0}, "None", "[1, 2]", '{"a": 1}'])
        if self.fixture and t == "str" and isinstance(v, list) and any(not isinstance(x, str) for x in v):
            v = [str(x) for x in v]  # DSPy crashes on it (docs/compat.md); --fixture leaves documented differences out
        sig = self.typed_sig([("answer", "str")], [("question", "str"), ("value", t)])
        demos = [{"question": "dq", "value": self.pick([v, None, "x", 1]), "answer": "a"}] if self.chance(0.5) else []
        return self.case("inputs", {"kind": "format", "adapter": self.adapter(), "signature": sig,
                                    "inputs": {"question": "q", "value": v}, "demos": demos})

    def g_save(self):
        """State files of programs with new value shapes in demos and LM keywords."""
        sig = self.pick(["question -> answer", "question: str, context: list[str] -> answer: int, confidence: float",
                         "text -> labels: list[str], scores: dict[str, float]", "q -> flag: bool, note: Optional[str]",
                         "a, b -> c: Literal['x', 'y']", "items: list[dict[str, int]] -> total: int"])
        ins, outs = [x.strip() for x in sig.split("->")]
        names = [p.split(":")[0].strip() for p in (ins + "," + outs).split(",") if p.strip() and ":" not in p or p.strip()]
        names = [n for n in (p.split(":")[0].strip() for p in ins.split(",") + outs.split(",")) if n and "[" not in n and "]" not in n and "'" not in n]
        pool = [self.word(), self.pick(UNICODE), self.pick(WHITESPACE), self.pick(FLOATS), self.pick(INTS[:7]), True, None,
                [1, 2.0, "x"], {"k": {"n": [1e16, -0.0]}}, "", ["a", "b"], {"a": 1.5}, 1e-07, 12345.678]
        demos = []
        for _ in range(self.r.choice([0, 1, 3])):
            d = {n: self.pick(pool) for n in names if self.chance(0.85)}
            if self.chance(0.2):
                d["augmented"] = True
            if self.chance(0.2):
                d["reasoning"] = self.pick(pool)
            demos.append(d)
        lm = None
        if self.chance(0.6):
            lm = {"model": self.pick(["openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest", "openai/o3-mini", "gemini/gemini-2.0-flash"])}
            for k, vals in [("temperature", [0.0, 0.5, 1.0, None] + ([] if self.fixture else [2])), ("max_tokens", [1, 256, 100000, None]), ("stop", [["\n\n"], "END", None]),
                            ("n", [1, 3]), ("top_p", [0.9, 1.0] if self.fixture else [0.9, 1]), ("cache", [True, False]), ("num_retries", [0, 5]), ("seed", [42, 0])]:
                if self.chance(0.4):
                    lm[k] = self.pick(vals)
            if lm["model"] == "openai/o3-mini":
                lm["temperature"], lm["max_tokens"] = 1.0, 20000
        module = {"type": self.pick(["Predict", "ChainOfThought"]), "signature": sig, "demos": demos}
        if lm:
            module["lm"] = lm
        if self.chance(0.3):
            module["demo_type"] = "dict"
        program = module if self.chance(0.5) else {"modules": [{"attr": self.pick(["step", "answer_it", "final"]), **module}]}
        return self.case("save", {"kind": "save", "program": program})

    def g_strsig(self):
        """DSPy string signatures with types, spacing and descriptions, formatted."""
        sig = self.pick([
            "question -> answer", "question:str->answer:str", "  question ,  context  ->  answer  ",
            "context: list[str], question: str -> answer: str", "q -> a: int, b: float, c: bool",
            "text -> sentiment: Literal['positive', 'negative', 'neutral']", "x: dict[str, list[int]] -> y: list[dict[str, Any]]",
            "question -> answer: Optional[str]", "question -> answer: str | None", "a: int, b: int -> sum: int",
            "document -> summary, keywords: list[str]", "question -> reasoning: str, answer: str",
            "q: Optional[list[str]] -> r: Union[int, str]", "q -> r: tuple[int, str]", "q -> r: list[list[float]]",
            "question -> answer: Literal[1, 2, 3]", "q -> r: dict[str, Optional[bool]]",
        ])
        spec = {"string": sig}
        if self.chance(0.5):
            spec["instructions"] = self.pick(INSTRUCTIONS)
        ins = [p.split(":")[0].strip() for p in sig.split("->")[0].split(",") if p.strip() and "[" not in p.split(":")[0]]
        inputs = {n: self.pick([self.word(), [self.word()], 3, None]) for n in ins if self.chance(0.9)}
        return self.case("strsig", {"kind": "format", "adapter": self.adapter(), "signature": spec, "inputs": inputs, "demos": [],
                                    **({"lm_boundary": True} if self.chance(0.2) else {})})

    def g_bootstrap(self):
        """BootstrapFewShot on typed signatures with replies that do not parse: Chat->JSON fallback, errors, max_errors."""
        sig, good, bad = self.pick([
            ("question -> answer: int", [{"answer": "4"}, {"answer": 7}], [{"answer": "four"}, {"answer": "4.5"}, {}]),
            ("question -> answer: bool, confidence: float", [{"answer": True, "confidence": 0.9}], [{"answer": "maybe", "confidence": 1}, {"answer": True}]),
            ("question -> answer: list[str]", [{"answer": ["a", "b"]}, {"answer": []}], [{"answer": "not a list"}, {"answer": "[1, 2"}]),
            ("question -> answer: Literal['yes', 'no']", [{"answer": "yes"}, {"answer": "no"}], [{"answer": "perhaps"}, {"answer": "Yes"}]),
            ("question, context: list[str] -> answer", [{"answer": "Paris"}], [{}]),
            ("question -> answer: dict[str, int]", [{"answer": {"a": 1}}], [{"answer": "{a: 1"}, {"answer": [1]}]),
        ])
        n = self.r.randint(2, 6)
        inputs = [k.strip().split(":")[0] for k in sig.split("->")[0].split(",")]
        trainset = []
        for i in range(n):
            ex = {"question": f"q{i} {self.pick(WORDS)}"}
            if "context" in inputs:
                ex["context"] = [self.word() for _ in range(self.r.randint(0, 2))]
            ex.update(self.pick(good))
            trainset.append(ex)
        answers = [dict(self.pick(bad) if self.chance(0.35) else self.pick(good)) for _ in range(n * 4)]
        for a in answers:
            a.setdefault("reasoning", "because")
        module = {"attr": "qa", "type": self.pick(["Predict", "ChainOfThought"]), "signature": sig}
        case = {"kind": "bootstrap", "optimizer": "BootstrapFewShot", "program": {"modules": [module]}, "trainset": trainset,
                "input_keys": inputs, "adapter": self.pick(["chat", "chat", "json", "xml"]), "lm": {"mode": "answers", "answers": answers},
                "params": {"max_bootstrapped_demos": self.r.randint(1, 4), "max_labeled_demos": self.r.randint(0, 4), "max_rounds": self.r.randint(1, 2)},
                "metric": self.pick([{"type": "exact", "field": "answer"}, None]), "max_errors": self.pick([0, 1, 3, 10])}
        if self.chance(0.3):
            case["trace_lm"] = True
        return self.case("bootstrap", case)

    def g_load(self):
        """Python-written state files with new value shapes loaded, then a call formatted."""
        sig = self.pick(["question -> answer", "question, context: list[str] -> answer: int", "text -> labels: list[str]",
                         "q -> flag: bool, note: Optional[str]", "items: dict[str, int] -> total: float"])
        kind = self.pick(["Predict", "ChainOfThought"])
        ins = [p.split(":")[0].strip() for p in sig.split("->")[0].split(",")]
        outs = [p.split(":")[0].strip() for p in sig.split("->")[1].split(",")]
        names = ins + (["reasoning"] if kind == "ChainOfThought" else []) + outs
        pool = [self.word(), self.pick(UNICODE), self.pick(WHITESPACE), 1e16, -0.0, 3, True, None, ["y", "x"] if self.fixture else [1, "x"],
                {"k": [1.5]}, "", ["a"], 0.1]
        demos = []
        for _ in range(self.r.randint(0, 3)):
            d = {n: self.pick(pool) for n in names if self.chance(0.85)}
            if self.chance(0.3):
                d["augmented"] = self.chance(0.5)
            demos.append(d)
        fields = [{"prefix": self.pick([n.capitalize() + ":", "Custom 🙂:", "", "Multi\nline:"]),
                   "description": self.pick([f"${{{n}}}", "desc ünï", "", "line1\nline2"])} for n in names]
        if self.chance(0.15):
            fields = fields[:-1]
        pred = "gen.predict" if kind == "ChainOfThought" else "gen"
        state = {pred: {"traces": [], "train": [], "demos": demos,
                        "signature": {"instructions": self.pick(INSTRUCTIONS), "fields": fields}, "lm": None},
                 "metadata": {"dependency_versions": {"python": "3.11", "dspy": "3.3.1", "cloudpickle": "3.1"}}}
        inputs = {n: self.pick(pool) for n in ins}
        return self.case("load", {"kind": "load_then_format", "program": {"modules": [{"attr": "gen", "type": kind, "signature": sig}]},
                                  "state": json.dumps(state, indent=2, ensure_ascii=False) + "\n", "predictor": pred,
                                  "adapter": self.adapter(), "inputs": inputs})

    def g_boundary(self):
        """What the LM receives (lm_boundary) with adapter options, typed outputs, demos and history."""
        sig = self.pick(["question -> answer", "question -> answer: int, reasons: list[str]", "q: list[str] -> r: dict[str, float]",
                         "question -> answer: Literal['a', 'b']", "text -> flag: bool", "question, history: History -> answer"])
        adapter = self.adapter()
        options = self.pick([{}, {"use_native_function_calling": True}, {"use_native_function_calling": False},
                             {"use_json_adapter_fallback": False}] if adapter == "chat" else [{}, {"use_native_function_calling": True}])
        ins = [p.split(":")[0].strip() for p in sig.split("->")[0].split(",")]
        inputs = {n: ({"messages": [{"question": "hq", "answer": "ha"}]} if n == "history" else [self.word()] if n == "q" else self.word()) for n in ins}
        case = {"kind": "format", "adapter": adapter, "signature": sig, "inputs": inputs, "lm_boundary": True, "demos": []}
        if options:
            case["adapter_options"] = options
        return self.case("boundary", case)


GROUPS = ["nested", "unions", "models", "text", "demos", "numbers", "json", "xml", "chat", "special", "schema", "validation",
          "constraints", "enums", "inputs", "save", "strsig", "bootstrap", "load", "boundary"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--groups", default="", help="comma-separated subset of: " + ",".join(GROUPS))
    ap.add_argument("--fixture", action="store_true", help="leave out shapes whose answers docs/compat.md lists as differences")
    args = ap.parse_args()
    groups = [g for g in args.groups.split(",") if g] or GROUPS
    g = Gen(args.seed, fixture=args.fixture)
    for i in range(args.n):
        case = getattr(g, "g_" + groups[i % len(groups)])()
        print(json.dumps(case, ensure_ascii=False))


if __name__ == "__main__":
    main()
