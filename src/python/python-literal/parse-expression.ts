import { RecursionError } from "../../errors/recursion-error.js";
import { PY_RECURSION_LIMIT } from "../recursion-limit.js";
import type { PyNode } from "./ast-node.js";
import { DisplayParser } from "./parse-displays.js";
import { KEYWORDS, otherNode } from "./token-stream.js";
import type { PythonTokenizer } from "./python-tokenizer.js";

/**
 * A recursive-descent parser for Python's expression grammar in `eval` mode
 * (`expressions NEWLINE* ENDMARKER`). It accepts what CPython 3.11 accepts - operators, calls,
 * subscripts, lambdas, comprehensions, conditional and walrus expressions - so that valid but
 * non-literal text gives literal_eval's `ValueError` and invalid text a `SyntaxError`.
 */

/**
 * How deep the AST may nest: CPython 3.11 builds it under a C recursion limit of three times the recursion limit
 * (less the frames in use) and raises `RecursionError: maximum recursion depth exceeded during ast construction`.
 * Chains (`- - x`, `not not x`, `a ** b ** c`, `a if b else c if …`, `lambda: lambda: …`, `a + b + …`, `x.a[0]()…`)
 * are parsed in loops, so only bracket nesting (at most 200, the tokenizer's limit) and lambda defaults recurse;
 * `RECURSION_LIMIT` bounds the latter.
 */
const AST_DEPTH_LIMIT = 3 * PY_RECURSION_LIMIT - 14;
const RECURSION_LIMIT = 400;

function tooDeep(): never {
  throw new RecursionError("maximum recursion depth exceeded during ast construction");
}

const CONSTANT_NAMES: ReadonlySet<string> = new Set(["True", "False", "None"]);
/** Tokens after which no operator, call, subscript or clause continues an expression. */
const EXPRESSION_ENDS: ReadonlySet<string> = new Set([",", ")", "]", "}", ":"]);

const UNARY_OPS: Record<string, "UAdd" | "USub" | "Invert"> = { "+": "UAdd", "-": "USub", "~": "Invert" };

const COMPARE_OPS = new Set(["==", "!=", "<", "<=", ">", ">="]);
const BINARY_LEVELS: string[][] = [["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "//", "%", "@"]];
const BIN_OP_NAMES: Record<string, string> = {
  "|": "BitOr", "^": "BitXor", "&": "BitAnd", "<<": "LShift", ">>": "RShift", "+": "Add", "-": "Sub",
  "*": "Mult", "/": "Div", "//": "FloorDiv", "%": "Mod", "@": "MatMult", "**": "Pow",
};

class ExpressionParser extends DisplayParser {
  /** How deep the AST under construction nests at the read position. */
  private depth = 0;
  /** Nested `expression()` calls (JavaScript recursion). */
  private recursion = 0;

  /** Runs `parse` with the AST `levels` deeper. */
  private deeper<T>(levels: number, parse: () => T): T {
    if (this.depth + levels > AST_DEPTH_LIMIT) tooDeep();
    this.depth += levels;
    try {
      return parse();
    } finally {
      this.depth -= levels;
    }
  }

  parseEval(): PyNode {
    const node = this.expressions();
    while (this.tok.kind === "newline") this.advance();
    if (this.tok.kind !== "end") this.fail();
    return node;
  }

  protected expressions(): PyNode {
    const line = this.tok.line;
    const first = this.expression();
    if (!this.isOp(",")) return first;
    const elts = this.elementsOf(first);
    while (this.eatOp(",")) {
      if (!this.startsExpression()) break;
      this.addElement(elts, this.expression());
    }
    return { kind: "Tuple", line, elts };
  }

  /**
   * `lambda …: expression`, or `disjunction ['if' disjunction 'else' expression]`. The trailing expression of a
   * lambda or of an `else` is read by the same loop, one AST level deeper each time.
   */
  protected expression(): PyNode {
    // (A lone atom recurses no further and nests no deeper, so it needs no bookkeeping.)
    if (this.recursion < RECURSION_LIMIT && this.depth < AST_DEPTH_LIMIT) {
      if (this.isLoneAtom()) return this.atom();
      if (this.isLoneSignedNumber()) return this.signedNumber();
      if (this.depth + 2 < AST_DEPTH_LIMIT && this.isLoneNumberSum()) return this.numberSum();
    }
    if (++this.recursion > RECURSION_LIMIT) tooDeep();
    const base = this.depth;
    try {
      let outer: PyNode | null = null;
      for (;;) {
        const line = this.tok.line;
        if (this.isWord("lambda")) {
          this.lambdaParameters();
          outer ??= otherNode("Lambda", line);
        } else {
          const body = this.disjunction();
          if (!this.eatWord("if")) return outer ?? body;
          this.disjunction();
          if (!this.eatWord("else")) this.fail("expected 'else' after 'if' expression");
          outer ??= otherNode("IfExp", line);
        }
        if (++this.depth > AST_DEPTH_LIMIT) tooDeep();
      }
    } finally {
      this.depth = base;
      this.recursion--;
    }
  }

  /**
   * Whether the expression here is one number, string or `True`/`False`/`None` followed by what ends an
   * expression: then every level of the grammar would return that atom as is (elements of a long list or tuple).
   */
  private isLoneAtom(): boolean {
    const t = this.tok;
    if (t.kind !== "number" && t.kind !== "string" && !(t.kind === "name" && CONSTANT_NAMES.has(t.text))) return false;
    const next = this.peek(1);
    return next.kind === "newline" || next.kind === "end" || (next.kind === "op" && EXPRESSION_ENDS.has(next.text));
  }

  /** Whether the expression here is `-` or `+` and a number followed by what ends an expression (`-1` in a list). */
  private isLoneSignedNumber(): boolean {
    const t = this.tok;
    if (t.kind !== "op" || (t.text !== "-" && t.text !== "+") || this.peek(1).kind !== "number") return false;
    const next = this.peek(2);
    return next.kind === "newline" || next.kind === "end" || (next.kind === "op" && EXPRESSION_ENDS.has(next.text));
  }

  /** The node of a lone signed number, as `factor` would build it (the number one level deeper than its sign). */
  private signedNumber(): PyNode {
    const sign = this.tok;
    this.advance();
    const operand = this.atom();
    return { kind: "UnaryOp", line: sign.line, op: sign.text === "-" ? "USub" : "UAdd", operand };
  }

  /**
   * Whether the expression here is a number, optionally signed, then `+` or `-` and a number, followed by what ends an
   * expression (`1+2j` in a long tuple of complex numbers): `binary` would build one BinOp of the two.
   */
  private isLoneNumberSum(): boolean {
    const t = this.tok;
    const signed = t.kind === "op" && (t.text === "-" || t.text === "+");
    if (signed ? this.peek(1).kind !== "number" : t.kind !== "number") return false;
    const op = this.peek(signed ? 2 : 1);
    if (op.kind !== "op" || (op.text !== "+" && op.text !== "-") || this.peek(signed ? 3 : 2).kind !== "number") return false;
    const next = this.peek(signed ? 4 : 3);
    return next.kind === "newline" || next.kind === "end" || (next.kind === "op" && EXPRESSION_ENDS.has(next.text));
  }

  /** The node of a lone `[sign] number ± number`, as `binary` would build it. */
  private numberSum(): PyNode {
    const left = this.tok.kind === "number" ? this.atom() : this.signedNumber();
    const op = this.tok;
    this.advance();
    const right = this.atom();
    return { kind: "BinOp", line: left.line, op: op.text === "+" ? "Add" : "Sub", left, right };
  }

  /** `lambda` and its parameters through the `:` (the body is read by the caller). */
  private lambdaParameters(): void {
    this.advance();
    let sawDefault = false;
    let bareStar = false;
    let sawStar = false;
    let sawDoubleStar = false;
    while (!this.isOp(":")) {
      if (sawDoubleStar) this.fail("arguments cannot follow var-keyword argument");
      if (this.eatOp("/")) {
        // positional-only marker
      } else if (this.eatOp("*")) {
        if (sawStar) this.fail("* argument may appear only once");
        sawStar = true;
        if (this.tok.kind === "name" && !KEYWORDS.has(this.tok.text)) this.advance();
        else bareStar = true;
      } else if (this.eatOp("**")) {
        if (this.tok.kind !== "name" || KEYWORDS.has(this.tok.text)) this.fail();
        this.advance();
        if (bareStar) this.fail("named arguments must follow bare *");
        sawDoubleStar = true;
      } else if (this.tok.kind === "name" && !KEYWORDS.has(this.tok.text)) {
        this.advance();
        bareStar = false;
        if (this.eatOp("=")) {
          this.deeper(1, () => this.expression());
          sawDefault = true;
        } else if (sawDefault) {
          this.fail("non-default argument follows default argument");
        }
      } else {
        this.fail();
      }
      if (!this.eatOp(",")) break;
    }
    if (bareStar) this.fail("named arguments must follow bare *");
    this.expectOp(":");
  }

  private disjunction(): PyNode {
    const line = this.tok.line;
    const first = this.conjunction();
    if (!this.isWord("or")) return first;
    while (this.eatWord("or")) this.conjunction();
    return otherNode("BoolOp", line);
  }

  private conjunction(): PyNode {
    const line = this.tok.line;
    const first = this.inversion();
    if (!this.isWord("and")) return first;
    while (this.eatWord("and")) this.inversion();
    return otherNode("BoolOp", line);
  }

  /** `not`* comparison, read in a loop (`not not … x` may chain thousands deep). */
  private inversion(): PyNode {
    if (!this.isWord("not")) return this.comparison();
    const lines: number[] = [];
    while (this.isWord("not")) {
      lines.push(this.tok.line);
      this.advance();
    }
    let node = this.deeper(lines.length, () => this.comparison());
    for (let k = lines.length - 1; k >= 0; k--) node = { kind: "UnaryOp", line: lines[k] as number, op: "Not", operand: node };
    return node;
  }

  private compareOperator(): boolean {
    const t = this.tok;
    if (t.kind === "op" && COMPARE_OPS.has(t.text)) return this.eatOp(t.text);
    if (this.eatWord("in")) return true;
    if (this.isWord("not") && this.isWord("in", 1)) {
      this.advance(2);
      return true;
    }
    if (this.eatWord("is")) {
      this.eatWord("not");
      return true;
    }
    return false;
  }

  private comparison(): PyNode {
    const line = this.tok.line;
    const first = this.binary(0);
    let compared = false;
    while (this.compareOperator()) {
      this.binary(0);
      compared = true;
    }
    return compared ? otherNode("Compare", line) : first;
  }

  protected binary(level: number): PyNode {
    if (level === BINARY_LEVELS.length) return this.factor();
    const ops = BINARY_LEVELS[level] as string[];
    let left = this.binary(level + 1);
    for (let chain = 1; ; chain++) {
      const t = this.tok;
      if (t.kind !== "op" || !ops.includes(t.text)) return left;
      this.advance();
      // `a + b + c` nests to the left: the right operand sits one level deeper per operator so far.
      const right = this.deeper(chain, () => this.binary(level + 1));
      left = { kind: "BinOp", line: left.line, op: BIN_OP_NAMES[t.text] as string, left, right };
    }
  }

  /**
   * `factor: ('+'|'-'|'~') factor | power` and `power: ['await'] primary ['**' factor]`, read in a loop: unary
   * operators and right-associative `**` may chain thousands deep.
   */
  private factor(): PyNode {
    const t = this.tok;
    if (!(t.kind === "op" && t.text in UNARY_OPS)) {
      // No unary operator: the common case, without the chain's bookkeeping.
      const base = this.awaitPrimary();
      if (!this.isOp("**")) return base;
      return this.powerChain(base, t.line);
    }
    return this.powerChain(null, t.line);
  }

  /**
   * The general `factor`: unary operators and `**` links, read in a loop. `first` is the already-read base of
   * the first link (at `firstLine`) when that link had no unary operator.
   */
  private powerChain(first: PyNode | null, firstLine: number): PyNode {
    const links: Array<{ unary: Array<{ op: "UAdd" | "USub" | "Invert"; line: number }>; base: PyNode; line: number }> = [];
    let levels = 0;
    if (first !== null) {
      links.push({ unary: [], base: first, line: firstLine });
      this.expectOp("**");
      levels++;
    }
    for (;;) {
      const unary: Array<{ op: "UAdd" | "USub" | "Invert"; line: number }> = [];
      for (let t = this.tok; t.kind === "op" && t.text in UNARY_OPS; t = this.tok) {
        unary.push({ op: UNARY_OPS[t.text] as "UAdd" | "USub" | "Invert", line: t.line });
        this.advance();
        // `deeper` below would refuse this chain anyway: refuse it now, before reading a million more operators.
        if (this.depth + levels + unary.length > AST_DEPTH_LIMIT) tooDeep();
      }
      levels += unary.length;
      const line = this.tok.line;
      const base = this.deeper(levels, () => this.awaitPrimary());
      links.push({ unary, base, line });
      if (!this.eatOp("**")) break;
      levels++;
    }
    let node: PyNode | null = null;
    for (let k = links.length - 1; k >= 0; k--) {
      const link = links[k] as (typeof links)[number];
      let built: PyNode = node === null ? link.base : { kind: "BinOp", line: link.line, op: "Pow", left: link.base, right: node };
      for (let u = link.unary.length - 1; u >= 0; u--) {
        const { op, line } = link.unary[u] as { op: "UAdd" | "USub" | "Invert"; line: number };
        built = { kind: "UnaryOp", line, op, operand: built };
      }
      node = built;
    }
    return node as PyNode;
  }

  private awaitPrimary(): PyNode {
    const line = this.tok.line;
    if (!this.eatWord("await")) return this.primary();
    this.primary();
    return otherNode("Await", line);
  }

  private primary(): PyNode {
    let node = this.atom();
    for (let chain = 1; ; chain++) {
      // `x.a[0]()` nests to the left, one level per trailer.
      if (this.depth + chain > AST_DEPTH_LIMIT) tooDeep();
      if (this.eatOp(".")) {
        if (this.tok.kind !== "name" || KEYWORDS.has(this.tok.text)) this.fail();
        this.advance();
        node = otherNode("Attribute", node.line);
      } else if (this.eatOp("(")) {
        node = { kind: "Call", line: node.line, func: node, argCount: this.callArguments() };
      } else if (this.eatOp("[")) {
        this.subscript();
        node = otherNode("Subscript", node.line);
      } else {
        return node;
      }
    }
  }

  /** Arguments after `(` through `)`; returns how many there were. */
  private callArguments(): number {
    let count = 0;
    let sawKeyword = false;
    let sawDoubleStar = false;
    while (!this.isOp(")")) {
      count++;
      if (this.eatOp("*")) {
        if (sawDoubleStar) this.fail("iterable argument unpacking follows keyword argument unpacking");
        this.expression();
      } else if (this.eatOp("**")) {
        this.expression();
        sawDoubleStar = true;
      } else {
        const isName = this.tok.kind === "name" && !KEYWORDS.has(this.tok.text);
        const value = this.namedExpression();
        if (this.eatOp("=")) {
          if (!isName || value.kind !== "Name") this.fail('expression cannot contain assignment, perhaps you meant "=="?');
          this.expression();
          sawKeyword = true;
        } else if (this.isWord("for") || this.isWord("async")) {
          this.comprehension();
          if (count > 1 || !this.isOp(")")) this.fail("Generator expression must be parenthesized");
        } else if (sawKeyword || sawDoubleStar) {
          this.fail(sawDoubleStar ? "positional argument follows keyword argument unpacking" : "positional argument follows keyword argument");
        }
      }
      if (!this.eatOp(",")) break;
    }
    this.expectOp(")");
    return count;
  }

  private subscript(): void {
    if (this.isOp("]")) this.fail();
    for (;;) {
      if (this.eatOp("*")) {
        this.binary(0);
      } else {
        if (!this.isOp(":")) this.namedExpression();
        if (this.eatOp(":")) {
          if (!this.isOp(":") && !this.isOp("]") && !this.isOp(",")) this.expression();
          if (this.eatOp(":") && !this.isOp("]") && !this.isOp(",")) this.expression();
        }
      }
      if (!this.eatOp(",") || this.isOp("]")) break;
    }
    this.expectOp("]");
  }

  /** `for x in y if z` clauses (after an element); at least one. */
  protected comprehension(): void {
    do {
      this.eatWord("async");
      if (!this.eatWord("for")) this.fail();
      this.targets();
      if (!this.eatWord("in")) this.fail();
      this.disjunction();
      while (this.eatWord("if")) this.disjunction();
    } while (this.isWord("for") || this.isWord("async"));
  }

  private targets(): void {
    do {
      this.eatOp("*");
      this.binary(0);
    } while (this.eatOp(",") && !this.isWord("in"));
  }

  protected namedExpression(): PyNode {
    const t = this.tok;
    if (t.kind === "name" && !KEYWORDS.has(t.text) && this.isOp(":=", 1)) {
      this.advance(2);
      this.expression();
      return otherNode("NamedExpr", t.line);
    }
    return this.expression();
  }

  protected starNamedExpression(): PyNode {
    const line = this.tok.line;
    if (this.eatOp("*")) {
      this.binary(0);
      return otherNode("Starred", line);
    }
    return this.namedExpression();
  }
}

/**
 * Parses an `eval`-mode expression into the AST literal_eval inspects, pulling tokens from `tokenizer` only as
 * far as it reads; also says whether a string used a `\N{...}` escape (left unresolved in its value).
 */
export function parsePythonExpression(tokenizer: PythonTokenizer): { node: PyNode; unsupportedEscape: boolean } {
  const parser = new ExpressionParser(tokenizer);
  const node = parser.parseEval();
  return { node, unsupportedEscape: parser.unsupportedEscape };
}
