# Regenerate str-repr.json: python3 src/python/__fixtures__/str-repr.gen.py > src/python/__fixtures__/str-repr.json
# CPython's repr(str) and json.dumps(str) (ensure_ascii True and False) of seeded random strings over a tricky alphabet.
import json, random

ALPHABET = ["a", " ", "'", '"', "\\", "\n", "\r", "\t", "\x00", "\x07", "\x1f", "\x7f", "\x85", "\xa0", "é", "\u200b",
            "\u2028", "\u2029", "\u3000", "\ue000", "\u0378", "\ufeff", "😀", "\U000f0000", "\ud800", "\udc00", "\b", "\f", "~", "{"]
rng = random.Random(5)
cases = []
for _ in range(300):
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 12)))
    if "\ud800\udc00" in text:
        continue  # two lone surrogates in Python, one astral character once read by JavaScript
    cases.append({"text": text, "repr": repr(text), "json": json.dumps(text), "jsonUnicode": json.dumps(text, ensure_ascii=False)})
print(json.dumps(cases, indent=1))
