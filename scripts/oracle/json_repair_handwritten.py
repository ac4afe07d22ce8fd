"""Hand-written LM-style broken JSON for json_repair differential fixtures (corpus b)."""

HANDWRITTEN = [
    # valid JSON / scalars
    "", " ", "null", "true", "false", "0", "-0", "1.0", "-0.0", "1e16", "1E400", "-1e400", "NaN", "Infinity", "-Infinity",
    "[NaN, Infinity, -Infinity]", '{"a": NaN}', "123456789012345678901234567890", "[9007199254740991, 9007199254740992]",
    '"just a string"', "[1, 2, 3]", "{}", "[]", '{"a": {"b": {"c": [1, {"d": null}]}}}', '"\\ud83d\\ude42"', '"\\ud83d"',
    '{"__proto__": 1, "b": 2}', '{"a": 1, "a": 2}', '{"b": 1, "a": 2, "1": 3}', "\ufeff{\"a\": 1}", "  \n{\"a\": 1}\n  ",
    # prose around JSON
    'Here is my answer: {"answer": "Paris"} Hope it helps!',
    'Sure! Here you go:\n```json\n{"answer": "Paris", "confidence": 0.9}\n```\nLet me know if you need more.',
    '```json\n{"a": 1}\n```', '```\n{"a": 1}\n```', '```json\n[1, 2, 3]\n```', "```json\n{'a': 1}\n```",
    '```json\n{"a": 1,}\n```', '```json\n{"a": "unterminated\n```', "The answer is 42.", "Answer: [1, 2",
    'I think {"a": 1} and also {"b": 2}', '{"a": 1} {"a": 2}', '{"a": 1}, {"a": 2}', '[1] [2]', '{"a": 1}\n{"b": 2}\n{"c": 3}',
    "Result: (1, 2)", "(1, 2)", "(1,)", "()", "(1)", "  (\"a\", \"b\")\n", "note (clarification): {\"a\": 1}",
    # truncated output
    '{"answer": "Par', '{"answer": "Paris", "score": ', '{"answer": "Paris", "score": 0.', '{"answer": "Paris", "items": [1, 2',
    '{"answer": "Paris", "items": ["a", "b', '{"a": {"b": {"c": 1', '[{"a": 1}, {"b": 2', '{"text": "line one\\nline two',
    '{"answer": tr', '{"answer": nu', '{"answer": fals', '{"key', '{"key"', '{"key":', '{', '[', '["', '{"a": 1, "b',
    '{\n  "reasoning": "Let me think step by step. First, ', '{"a": "x\\', '{"a": "\\u00e', '{"a": -', '{"a": 1e', '{"a": 1.5e-',
    # trailing commas / missing commas / missing colons
    '{"a": 1,}', '[1, 2, 3,]', '{"a": 1,,}', '[1,,2]', '{"a": 1 "b": 2}', '[1 2 3]', '{"a" 1}', '{"a": 1, "b" "c"}',
    '{"a": [1, 2,], "b": {"c": 3,},}', '{,}', '[,]', '{"a": 1}}', '[1, 2]]', '{"a": [1, 2}', '{"a": {"b": 1]}',
    # Python literals / single quotes
    "{'a': True, 'b': None}", "{'a': False, 'b': [1, 2.0, 'x']}", "{'a': 'it\\'s'}", "{'a': \"it's\"}", "['x', 'y']",
    "{'a': {'b': None}}", "{'k': 'say \"hi\"'}", "[True, False, None]", "{'a': 1, 'b': (1, 2)}", "{'a': u'x'}",
    "{'x': -0.0, 'y': 1e16, 'z': 1.0}", "{'a': 'line\\nbreak'}", "{'a': 'tab\\tsep', 'b': 'back\\\\slash'}",
    "{'a': '\\u00e9\\x41'}", "{'a': 'CRLF\\r\\nline'}", "True", "None", "False", "'quoted'",
    # unquoted keys / values
    '{a: 1, b: 2}', '{answer: Paris}', '{answer: Paris, city: London}', '{a: "x", b: [1, 2]}', '{first_name: "A", last-name: "B"}',
    '{"a": hello world}', '{"a": hello, "b": world}', '[a, b, c]', '[hello world, foo]', '{"status": OK}',
    '{"a": TRUE, "b": FALSE, "c": NULL}', '{"a": True}', '{"a": None}', '{"a": Nonsense}', '{"a": trueish}',
    # comments
    '{"a": 1 // comment\n}', '{"a": 1, /* block */ "b": 2}', '# heading\n{"a": 1}', '// note\n[1, 2]', '{"a": 1 # c\n, "b": 2}',
    '/* only a comment */', '{"a": /* c */ 1}', '[1, // one\n 2]', '{"a": "x"} // trailing',
    # quotes inside strings / stray quotes
    '{"a": "He said "hi" to me"}', '{"a": "He said "hi"", "b": 1}', '{"a": "x"y"}', '{"a": ""x""}', '{"a": """}',
    '{"a": ""}', '{"a": "", "b": ""}', '[""]', '["", ""]', '["a" "b"]', '["a""b"]', '{"a": "it\'s"}', '{"a": \'x"}',
    '{“a”: “b”}', '{"a": “smart quotes”}', '{"a": „low-high” text}', '{"a": "a „quoted" word"}', '{"a": "x", "b": "y}',
    '{"a": "value with, comma", "b": 2}', '{"a": "value with, comma and no end', '{"a": "x, "b": 1}', '{"a": x, "b": 1}',
    '{"a": "[1, 2]", "b": "{c}"}', '{"a": "text {with} braces", "b": 1}', '{"a": "text with } brace", "b": 1}',
    '{"a": "regex [\\"a-z\\"]+"}', '{"a": "^[a-z"]+$"}', '{"a": "ends with backslash\\\\"}', '{"a": "\\"quoted\\""}',
    '{\\"a\\": \\"b\\"}', '{\\"a\\": 1}', "{\\'a\\': 1}", '"{\\"a\\": 1}"',
    # numbers in odd forms
    '{"a": 1_000}', '{"a": 1,234}', '[1,234]', '{"a": 12.5.6}', '{"a": .5}', '{"a": 5.}', '{"a": -.5}', '{"a": +5}', '{"a": 1/2}',
    '{"a": 0x1F}', '{"a": 007}', '{"a": 1e5}', '{"a": 1.0e-5}', '{"a": -}', '{"a": 12abc}', '[1abc, 2]', '{"a": $100}',
    '{"a": 3.14 meters}', '[1.5, 2.0, -0.0]', '{"big": 12345678901234567890}',
    # garbage
    "{{{{", "}}}}", "[[[[", "]]]]", "not json at all", "{not json}", "{[}]", ":", ",", "{:}", "{\"\":\"\"}", "[:]",
    "{'a'}", '{"a"}', '{"a", "b"}', '["a": 1]', '["a": 1, "b": 2]', '[{"a": 1, "a": 2}]', '[{"a": 1 "a": 2}]',
    '{"a": [1, 2], [3, 4]}', '{"rows": [[1, 2], [3, 4]], [5, 6]}', '{"rows": [[1, 2]], 3, 4]}', '...', '[1, ..., 3]', '[...]',
    "\x00", "\t\n", "a", "-", ".", "#", "/", "//", "/*", "*/", "\\", '"', "'", '""', "''", '"""', "``", "```", "```json", "```json\n",
    # multi-line reasoning-style values
    '{\n  "reasoning": "First, note that 2 + 2 = 4.\nThen we conclude.",\n  "answer": 4\n}',
    '{"reasoning": "Step 1: "parse" the input", "answer": "yes"}', '{"code": "def f():\n    return {\'a\': 1}", "lang": "py"}',
    '{"answer": "```python\nprint(1)\n```"}', '{"answer": "see ```json\n{\\"x\\": 1}\n``` above"}',
    '{"a": "x"}\n```', '{"a": 1}\n\nI hope this helps! Let me know: {"b": 2}', '[1, 2] and [3, 4]',
    '{"answer": "Paris"}\n{"answer": "London"}', '{"answer": "Paris"} {"confidence": 0.5}',
    '{"a": {"b": 1}, "c": {"d": 2}', '{"items": [{"name": "x", "qty": 1}, {"name": "y", "qty": 2}', '{"a": [{"b": [{"c": "d"',
    # unicode
    '{"ключ": "значение"}', '{"a": "東京"}', '{"emoji": "🙂🚀"}', '{"a": "naïve café"}', "{'a': 'émoji🙂'}", '{"a": "\\u00e9"}',
    '{"a": "x\u2028y"}', '{"a":\u00a0"nbsp"}', '{"a": "zero\u200bwidth"}', '[“a”, “b”]', '{"a": ①}', '{"a": ²}',
]
