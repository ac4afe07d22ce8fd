import type { PyNode } from "./ast-node.js";
import { DisplayParser } from "./parse-displays.js";
import { KEYWORDS, otherNode } from "./token-stream.js";
import type { Token } from "./tokenize.js";

/**
 * A recursive-descent parser for Python's expression grammar in `eval` mode
 * (`expressions NEWLINE* ENDMARKER`). It accepts what CPython 3.11 accepts - operators, calls,
 * subscripts, lambdas, comprehensions, conditional and walrus expressions - so that valid but
 * non-literal text gives literal_eval's `ValueError` and invalid text a `SyntaxError`.
 */

const COMPARE_OPS = new Set(["==", "!=", "<", "<=", ">", ">="]);
const BINARY_LEVELS: string[][] = [["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "//", "%", "@"]];
const BIN_OP_NAMES: Record<string, string> = {
  "|": "BitOr", "^": "BitXor", "&": "BitAnd", "<<": "LShift", ">>": "RShift", "+": "Add", "-": "Sub",
  "*": "Mult", "/": "Div", "//": "FloorDiv", "%": "Mod", "@": "MatMult", "**": "Pow",
};

class ExpressionParser extends DisplayParser {
  parseEval(): PyNode {
    const node = this.expressions();
    while (this.tok.kind === "newline") this.i++;
    if (this.tok.kind !== "end") this.fail();
    return node;
  }

  protected expressions(): PyNode {
    const line = this.tok.line;
    const first = this.expression();
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.eatOp(",")) {
      if (!this.startsExpression()) break;
      elts.push(this.expression());
    }
    return { kind: "Tuple", line, elts };
  }

  protected expression(): PyNode {
    if (this.isWord("lambda")) return this.lambda();
    const line = this.tok.line;
    const body = this.disjunction();
    if (!this.eatWord("if")) return body;
    this.disjunction();
    if (!this.eatWord("else")) this.fail("expected 'else' after 'if' expression");
    this.expression();
    return otherNode("IfExp", line);
  }

  private lambda(): PyNode {
    const line = this.tok.line;
    this.i++;
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
        if (this.tok.kind === "name" && !KEYWORDS.has(this.tok.text)) this.i++;
        else bareStar = true;
      } else if (this.eatOp("**")) {
        if (this.tok.kind !== "name" || KEYWORDS.has(this.tok.text)) this.fail();
        this.i++;
        if (bareStar) this.fail("named arguments must follow bare *");
        sawDoubleStar = true;
      } else if (this.tok.kind === "name" && !KEYWORDS.has(this.tok.text)) {
        this.i++;
        bareStar = false;
        if (this.eatOp("=")) {
          this.expression();
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
    this.expression();
    return otherNode("Lambda", line);
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

  private inversion(): PyNode {
    const line = this.tok.line;
    if (this.eatWord("not")) return { kind: "UnaryOp", line, op: "Not", operand: this.inversion() };
    return this.comparison();
  }

  private compareOperator(): boolean {
    const t = this.tok;
    if (t.kind === "op" && COMPARE_OPS.has(t.text)) return this.eatOp(t.text);
    if (this.eatWord("in")) return true;
    if (this.isWord("not") && this.isWord("in", 1)) {
      this.i += 2;
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
    for (;;) {
      const t = this.tok;
      if (t.kind !== "op" || !ops.includes(t.text)) return left;
      this.i++;
      const right = this.binary(level + 1);
      left = { kind: "BinOp", line: left.line, op: BIN_OP_NAMES[t.text] as string, left, right };
    }
  }

  private factor(): PyNode {
    const t = this.tok;
    if (t.kind === "op" && (t.text === "+" || t.text === "-" || t.text === "~")) {
      this.i++;
      const op = t.text === "+" ? "UAdd" : t.text === "-" ? "USub" : "Invert";
      return { kind: "UnaryOp", line: t.line, op, operand: this.factor() };
    }
    return this.power();
  }

  private power(): PyNode {
    const line = this.tok.line;
    let base: PyNode;
    if (this.eatWord("await")) {
      this.primary();
      base = otherNode("Await", line);
    } else {
      base = this.primary();
    }
    if (!this.eatOp("**")) return base;
    return { kind: "BinOp", line, op: "Pow", left: base, right: this.factor() };
  }

  private primary(): PyNode {
    let node = this.atom();
    for (;;) {
      if (this.eatOp(".")) {
        if (this.tok.kind !== "name" || KEYWORDS.has(this.tok.text)) this.fail();
        this.i++;
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
      this.i += 2;
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
 * Parses the tokens of an `eval`-mode expression into the AST literal_eval inspects; also says
 * whether a string used a `\N{...}` escape (left unresolved in its value).
 */
export function parsePythonExpression(tokens: Token[]): { node: PyNode; unsupportedEscape: boolean } {
  const parser = new ExpressionParser(tokens);
  const node = parser.parseEval();
  return { node, unsupportedEscape: parser.unsupportedEscape };
}
