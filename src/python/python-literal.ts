import { PythonSyntaxError } from "../errors/python-syntax-error.js";
import { ValueError } from "../errors/value-error.js";
import { convert } from "./python-literal/literal-value.js";
import { parsePythonExpression } from "./python-literal/parse-expression.js";
import { PythonTokenizer } from "./python-literal/python-tokenizer.js";

/**
 * Python's `ast.literal_eval(text)`: evaluates a Python literal - strings (any quotes and
 * prefixes, escapes, adjacent literals concatenated), numbers (`1_000`, `0x1F`, `1e-3`, `2j`),
 * `True`/`False`/`None`, lists and tuples (→ arrays), dicts, sets (→ `Set`), `set()`, `+`/`-`
 * signs - with tsdspy's Python value model (ints as numbers or bigints, integral floats as
 * `PyFloat`). Dicts are plain objects, or a `Map` when some key is not a string.
 *
 * Throws what Python raises: `PythonSyntaxError` for text that is not a Python expression,
 * `ValueError` ("malformed node or string ...") for an expression that is not a literal
 * (`hello`, `f(x)`), `PythonTypeError` for an unhashable set element or dict key. A `\N{name}`
 * escape cannot be resolved without Unicode's name table and throws a `ValueError`.
 *
 * @example
 * pythonLiteralEval("{'a': True, 'b': None, 'c': (1, 2.0)}") // { a: true, b: null, c: [1, PyFloat(2)] }
 * pythonLiteralEval("hello world") // throws PythonSyntaxError: invalid syntax (<unknown>, line 1)
 */
export function pythonLiteralEval(text: string): unknown {
  const source = text.replace(/^[ \t]+/, "");
  if (source.includes("\0")) throw new PythonSyntaxError("source code string cannot contain null bytes");
  if (source === "") throw new PythonSyntaxError("invalid syntax", { lineno: 0 });
  const { node, unsupportedEscape } = parsePythonExpression(new PythonTokenizer(source.replace(/\r\n?/g, "\n")));
  const value = convert(node);
  if (unsupportedEscape) {
    throw new ValueError("\\N{...} escapes (Unicode character names) are not supported by tsdspy; write the character itself.");
  }
  return value;
}
