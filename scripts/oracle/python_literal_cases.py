"""Inputs for ast.literal_eval differential fixtures: hand-written cases and seeded generators."""

import random

HANDWRITTEN = [
    # literals LMs emit
    "True", "False", "None", "42", "-7", "+3", "3.14", "-0.0", "0.0", "1e16", "1e-07", "1e400", "-1e400", "1.0", "123456789012345678901234567890",
    "'hello'", '"hello"', "'it\\'s'", '"say \\"hi\\""', "'''triple\nline'''", '"""doc"""', "r'\\n'", "u'x'", "b'bytes'", "rb'\\x00'",
    "'a' 'b'", "'a' \"b\" '''c'''", "('a'\n 'b')", "'a' \\\n 'b'", "['x', 'y']", "('x', 'y')", "('x',)", "()", "[]", "{}", "set()", "{1, 2, 2}",
    "{'a': 1, 'b': [True, None]}", "{'a': {'b': {'c': (1, 2.0)}}}", "{1: 'one', 2: 'two'}", "{(1, 2): 'pair'}", "{None: 0, True: 1, 1.5: 2}",
    "{'a': 1, 'a': 2}", "{1: 'a', 1.0: 'b', True: 'c'}", "{1, 1.0, True}", "{0, -0.0, False}", "{'a', 'a', 'b'}", "[1, 2,]", "{'a': 1,}", "(1, 2,)",
    "1, 2", "1,", "'x',", "[[1, 2], [3, 4]]", "[{'k': 'v'}]", "{'list': [1, 'two', 3.0], 'nested': {'x': None}}", "{'__proto__': 1}",
    "0x1F", "0o17", "0b101", "0XFF", "1_000_000", "0x_1f", "1_0.0_1", "1.", ".5", "5.", "1.e5", "1E+5", "00", "000", "0_0", "00.5", "09.5",
    "1j", "2.5j", "1+2j", "1-2j", "-1j", "-1+2j", "1.5-0j", "0j", "1e5j", "1_000j", "0777j", "-(1)", "+1.5", "-(-1)", "--1", "+-1", "-True", "-'a'",
    "...", "[...]", "(..., 1)",
    # escapes
    "'\\n'", "'\\t'", "'\\\\'", "'\\x41'", "'\\u00e9'", "'\\U0001F642'", "'\\ud83d'", "'\\ud83d\\ude42'", "'\\0'", "'\\777'", "'\\400'", "'\\8'", "'\\q'",
    "'\\a\\b\\f\\v'", "'line\\\ncontinued'", "b'\\xff'", "b'\\777'", "b'\\u0041'", "b'\\N{BULLET}'", "'\\x4'", "'\\xg0'", "'\\u12'", "'\\U00110000'",
    "'\\N'", "'\\N{'", "b'é'", "'é'", "'東京'", "'🙂'", "'\\u200b'", "'tab\there'", "'\x7f'",
    # whitespace, comments, lines
    " 42", "\t42", "42 ", "42\n", "\n42", "\n\n42\n\n", "\r\n42", "42\r\n", "1\r", "\r1", "\x0c42", "42\x0c", "42 # comment", "# comment\n42",
    "(\n1,\n2)", "[\n  1,\n  2\n]", "{\n  'a': 1\n}\n", "1\n2", "1\n  ", "1\n  \n", "1\n\t", "1\n  # c", "1\n\n  ", "  \n 42", "\n  1", "x\n  y",
    "(1\n  ,2)", "1 \\", "1\\\n", "\\", "\\\n   ", "1\n# c\n", "\x0c\n1", " \n1", "\t\n1", "[\n]\n  ", "1 #c\n  ", "'a'\n'b'", "",
    " ", "\t", "\n", "#", "x\x00", "42\x00", "'nul\x00'",
    # syntax errors
    "007", "09", "1__0", "1_", "1e", "1e+", "1_e5", "1e_5", "1._5", "1abc", "1.real", "1jx", "0x", "0x1g", "0b102", "0o8", "0x1.5", "1..2", "1.2.3", ".e5",
    "'unterminated", '"unterminated', "'''unterminated", "'a\nb'", "'a\rb'", "r'\\'", "'\\'", "[1, 2", "(1, 2", "{1: 2", "[1, 2)", "(]", ")", "]", "}", "1)",
    "{1: }", "{1 2}", "[1 2]", "(1 2)", "{1: 2 3: 4}", "{'a' 1}", "[1,,2]", "(,)", "[,]", "{,}", ",", "1,,", "x(", "a b", "a b c", "1 2", "'a' 1",
    "hello world", "The answer is 42.", "I think so", "yes.", "N/A", "42%", "$5", "3/4 cup", "1,000", "2023-01-01", "v1.2.3", "e.g. x", "Paris, France",
    "naïve café", "東京 大阪", "emoji 🙂", "€", "🙂", "²", "\u00a0 1", "1\u00a0", "\u3000", "x\u200b", "a = 1", "1; 2", "x = = 1", "a += 1", "*a", "a, *b",
    "*a, b", "(*a)", "a := 1", "if", "def", "class x", "import x", "from x import y", "not", "and", "await", "x.", ".x", "x..y", "...x", "x...",
    "print \"x\"", "None = 1", "True = 1", "x <> y", "a if b", "a if b else", "@", "!", "?", "`x`", "->", "a -> b", "1 == = 2",
    "lambda *: 1", "lambda *a, *b: 1", "lambda **k, a: 1", "f(**a, *b)", "f(a=1, b)", "f(1=2)", "f(a.b=1)", "f(x for x in y, 1)", "f(x, y for y in z)",
    "a[]", "f(,)", "[x for x in y if]", "[x for in y]", "[*x for x in y]", "{x := 1: 2}", "(yield x := 1)", "ur''", "bu''", "'a' b'b'", "b'a' 'b'",
    "f'{'", "f'}'", "f'{}'", "f'{ }'", "f'{#}'", "f'{\\'a\\'}'", "f'{)}'", "f\"{\"a\"}\"", "f'{1}}'",
    # valid expressions that are not literals (ValueError)
    "hello", "yes", "Paris", "positive", "Literal['a']", "Literal[\"yes\"]", "str['x']", "a.b", "f(x)", "x if y else z", "lambda: 1", "lambda x, *y, z=1, **k: x",
    "lambda *, a: 1", "lambda a, /: a", "(yield)", "(yield from x)", "[(yield)]", "await x", "(a := 1)", "not x", "not not x", "1 < 2 < 3", "x is not y",
    "x not in y", "x[1:2]", "x[::]", "x[*a]", "x[1, 2]", "{**a}", "{**a, 'b': 1}", "{1: 2, **a}", "{*a}", "[*a]", "(*a,)", "(*a, *b)", "print(*a, **b)",
    "f(a=1, *b)", "f(a,)", "f(x for x in y)", "x.y.z()", "[i for i in x]", "{k: v for k, v in x}", "{x for x in y}", "(x for x in y)",
    "[x async for x in y]", "{a: b for a in c if d if e}", "1 + 1", "1 - x", "a-b", "x - 1j", "1j + 1", "1 + 2", "2 ** 3", "~1", "-~1", "a @ b",
    "a // b ** -c", "-x ** 2", "'a' + 'b'", "'a' * 3", "[1] + [2]", "set([1])", "set(x)", "frozenset()", "dict()", "list()", "None()", "True.real",
    "(1).real", "1 .real", "'a'[0]", "(1)(2)", "x if y else z if w else v", "lambda: lambda: 1", "f'a'", "f'{x}'", "F'x'", "rF'{1}'", "f'{{}}'",
    "f'{a:{b}}'", "'a' f'b'", "match", "case", "_", "type", "print", "exec", "Ελλάδα", "naïve", "東京", "nan", "inf", "NaN", "Infinity", "null", "true",
    "false", "none", "TRUE", "1if 1 else 2", "1or 2", "1and 2", "0x1for x in y",
    # unhashable (TypeError)
    "{[1]: 2}", "{[1, 2]}", "{{}: 1}", "{{1}: 2}", "{(1, [2]): 3}", "{set(): 1}", "{1: 2, [3]: 4}",
    # JSON-ish text
    '{"a": 1, "b": [1, 2]}', '{"a": true}', '{"a": null}', '["x", "y"]', '{"a": 1.5e3}', "[1, 2, 3]",
    # known differences: \N{...} names
    "'\\N{BULLET}'", "'\\N{bullet}'", "['\\N{EM DASH}']", "'\\N{NOPE}'",
]


def _value(r, depth=0):
    words = ["alpha", "Paris", "it's", 'say "hi"', "naïve", "東京", "🙂", "", " ", "a\nb", "tab\t", "back\\slash", "\u200b", "\x7f", "é\u0301",
             "«x»", "None", "True"]
    k = r.random()
    if depth > 3 or k < 0.5:
        return r.choice([r.choice(words), r.randint(-10**6, 10**6), r.choice([0, -1, 2**53, -(2**53) - 5, 10**30]),
                         r.choice([0.0, -0.0, 1.0, 0.5, 1e16, 1e-7, 1e300, float("inf"), 123456.789]), True, False, None,
                         r.choice([1j, 2.5j, complex(1, 2), complex(-1.5, -0.0)]), r.choice([b"", b"ab", b"\x00\xff", b"'\""])])
    c = r.random()
    if c < 0.3:
        return [_value(r, depth + 1) for _ in range(r.randint(0, 4))]
    if c < 0.5:
        return tuple(_value(r, depth + 1) for _ in range(r.randint(0, 4)))
    if c < 0.65:
        items = set()
        for _ in range(r.randint(0, 4)):
            try:
                items.add(_value(r, 5))
            except TypeError:
                pass
        return items
    out = {}
    for _ in range(r.randint(0, 4)):
        key = r.choice([r.choice(words), r.randint(-5, 5), 1.5, None, True, (1, "a"), b"k"]) if r.random() < 0.3 else r.choice(words)
        out[key] = _value(r, depth + 1)
    return out


_TOKENS = ["x", "yes", "True", "None", "False", "not", "and", "or", "if", "else", "for", "in", "is", "lambda", "await", "yield", "from", "print",
           "1", "0", "007", "1_000", "0x1F", "0o7", "0b1", "1.5", "1.", ".5", "1e5", "1e", "2j", "1_", "0x", "1.real",
           "'a'", '"b"', "r'\\n'", "b'x'", "f'{x}'", "u'x'", "'''t'''", "'unterminated", "rb'\\x'", "'\\x4'",
           "(", ")", "[", "]", "{", "}", ",", ":", ".", "...", "+", "-", "*", "**", "/", "//", "%", "@", "~", "<", ">", "==", "!=", "=", ":=", "->",
           ";", "!", "?", "$", "`", "\\", "#c", " ", " ", "\n", "\n  ", "\t", "é", "€", "\u00a0", "\u3000"]
_PROSE = ["The answer is 42.", "yes", "Paris", "hello world", "I think so", "N/A", "none", "true", "False.", "42%", "$5", "3/4", "1,000",
          "2023-01-01", "v1.2.3", "e.g. x"]


def _mutate(r, s):
    for _ in range(r.randint(1, 2)):
        if not s:
            break
        k = r.random()
        i = r.randint(0, len(s))
        if k < 0.3:
            s = s[:i]
        elif k < 0.6:
            s = s[:i] + s[i + 1:]
        else:
            s = s[:i] + r.choice(_TOKENS) + s[i:]
    return s


def _expression(r, depth=0):
    """A random (valid) Python expression, mostly not a literal."""
    def atom(d):
        k = r.random()
        if d > 2 or k < 0.4:
            return r.choice(["x", "y", "f", "1", "2.5", "'s'", "True", "None", "...", "0x1F", "3j", "b'b'"])
        if k < 0.55:
            return "(" + _expression(r, d + 1) + ")"
        if k < 0.65:
            return "[" + ", ".join(_expression(r, d + 1) for _ in range(r.randint(0, 3))) + "]"
        if k < 0.72:
            return "{" + ", ".join(_expression(r, d + 1) + ": " + _expression(r, d + 1) for _ in range(r.randint(0, 3))) + "}"
        if k < 0.8:
            return "[" + _expression(r, d + 1) + " for x in " + _expression(r, d + 1) + "]"
        if k < 0.88:
            return "lambda " + r.choice(["", "x", "x, y=1", "*a, **k"]) + ": " + _expression(r, d + 1)
        return "(x := " + _expression(r, d + 1) + ")"

    s = atom(depth)
    k = r.random()
    if k < 0.2:
        s += r.choice([".attr", "(" + atom(depth + 1) + ")", "[" + atom(depth + 1) + "]", "[1:2]"])
    elif k < 0.45:
        s += " " + r.choice(["+", "-", "*", "/", "**", "%", "<", "==", "in", "not in", "is", "and", "or"]) + " " + atom(depth + 1)
    elif k < 0.55:
        s = r.choice(["-", "+", "~", "not "]) + s
    elif k < 0.6:
        s += " if " + atom(depth + 1) + " else " + atom(depth + 1)
    return s


def generated(seed, count):
    """Seeded mix: reprs of random Python values (some mutated), token soup, prose, expressions (some mutated)."""
    r = random.Random(seed)
    out, seen = [], set()
    while len(out) < count:
        k = r.random()
        if k < 0.35:
            s = repr(_value(r))
        elif k < 0.5:
            s = _mutate(r, repr(_value(r)))
        elif k < 0.7:
            s = "".join(r.choice(_TOKENS) + r.choice(["", " ", " "]) for _ in range(r.randint(1, 8)))
        elif k < 0.8:
            s = r.choice(_PROSE) if r.random() < 0.5 else " ".join(r.choice(_PROSE) for _ in range(2))
        else:
            s = _expression(r)
            if r.random() < 0.4:
                s = _mutate(r, s)
        if r.random() < 0.1:
            s = r.choice([" ", "\t", "\n", "  \n"]) + s + r.choice(["", "\n", " ", "\n  "])
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out
