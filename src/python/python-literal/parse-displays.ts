import { PY_ELLIPSIS } from "../py-ellipsis.js";
import type { Elements, PyNode } from "./ast-node.js";
import { NOT_LITERAL, literalValue } from "./literal-value.js";
import { parseNumberToken } from "./number-literal.js";
import { decodeStringToken } from "./string-literal.js";
import { KEYWORDS, TokenStream, otherNode } from "./token-stream.js";

/**
 * Atoms of the expression grammar: names, numbers, strings (adjacent ones concatenated), and the
 * displays - `( )` groups, tuples and generators, `[ ]` lists and comprehensions, `{ }` dicts,
 * sets and their comprehensions. The expression levels come from the subclass.
 */
export abstract class DisplayParser extends TokenStream {
  protected abstract expression(): PyNode;
  protected abstract namedExpression(): PyNode;
  protected abstract starNamedExpression(): PyNode;
  protected abstract binary(level: number): PyNode;
  protected abstract comprehension(): void;

  protected noStarredComprehension(first: PyNode): void {
    if (first.kind === "Other" && first.pyClass === "Starred") this.fail("iterable unpacking cannot be used in comprehension", first.line);
  }

  /** Adds an element (null: a dict's `**mapping` item) to a display's elements: a literal as its value. */
  protected addElement(elts: Elements, node: PyNode | null): void {
    const value = node === null ? NOT_LITERAL : literalValue(node);
    if (value === NOT_LITERAL) {
      elts.nodeAt.push(elts.items.length);
      elts.items.push(node);
    } else {
      elts.items.push(value);
    }
  }

  /**
   * The elements with their arrays cut to size when short: an array grown by `push` keeps room for 17 items, which
   * for a long display of short tuples (`((1, 2), (3, 4), …)`) would be most of the memory the parse keeps.
   */
  protected compacted(elts: Elements): Elements {
    if (elts.items.length < 16) {
      elts.items = elts.items.slice();
      if (elts.nodeAt.length > 0) elts.nodeAt = elts.nodeAt.slice();
    }
    return elts;
  }

  /** Elements holding `first` only (or none). */
  protected elementsOf(first?: PyNode): Elements {
    const elts: Elements = { items: [], nodeAt: [] };
    if (first !== undefined) this.addElement(elts, first);
    return elts;
  }

  /** Comma-separated elements up to `closer`, after a first one. */
  protected elementsAfter(first: PyNode, closer: string): Elements {
    const elts = this.elementsOf(first);
    while (this.eatOp(",")) {
      if (this.isOp(closer)) break;
      this.addElement(elts, this.starNamedExpression());
    }
    this.expectOp(closer);
    return this.compacted(elts);
  }

  protected atom(): PyNode {
    const t = this.tok;
    const line = t.line;
    if (t.kind === "number") {
      this.advance();
      return { kind: "Constant", line, value: parseNumberToken(t), isNumber: true };
    }
    if (t.kind === "string") return this.strings();
    if (t.kind === "name") {
      if (t.text === "True" || t.text === "False" || t.text === "None") {
        this.advance();
        return { kind: "Constant", line, value: t.text === "None" ? null : t.text === "True", isNumber: false };
      }
      if (KEYWORDS.has(t.text)) this.fail();
      this.advance();
      return { kind: "Name", line, id: t.text };
    }
    if (t.kind !== "op") this.fail();
    if (t.text === "...") {
      this.advance();
      return { kind: "Constant", line, value: PY_ELLIPSIS, isNumber: false };
    }
    if (t.text === "(") return this.parenthesized();
    if (t.text === "[") return this.bracketed();
    if (t.text === "{") return this.braced();
    return this.fail();
  }

  protected strings(): PyNode {
    const line = this.tok.line;
    const texts: string[] = [];
    const bytes: number[] = [];
    let bytePieces = 0;
    let pieces = 0;
    let fstring = false;
    let unsupportedEscape = false;
    for (let t = this.tok; t.kind === "string"; t = this.tok) {
      const piece = decodeStringToken(t, bytes);
      pieces++;
      if (piece.kind === "bytes") bytePieces++;
      else if (piece.kind === "fstring") fstring = true;
      else {
        texts.push(piece.value);
        if (piece.unsupportedEscape) unsupportedEscape = true;
      }
      this.advance();
    }
    if (bytePieces > 0 && bytePieces < pieces) this.fail("cannot mix bytes and nonbytes literals", line);
    if (unsupportedEscape) this.unsupportedEscape = true;
    if (fstring) return otherNode("JoinedStr", line);
    if (bytePieces > 0) return { kind: "Constant", line, value: Uint8Array.from(bytes), isNumber: false };
    return { kind: "Constant", line, value: texts.length === 1 ? texts[0] : texts.join(""), isNumber: false };
  }

  protected parenthesized(): PyNode {
    const line = this.tok.line;
    this.advance();
    if (this.eatOp(")")) return { kind: "Tuple", line, elts: this.elementsOf() };
    if (this.eatWord("yield")) {
      let pyClass = "Yield";
      if (this.eatWord("from")) {
        this.expression();
        pyClass = "YieldFrom";
      } else {
        while (!this.isOp(")")) {
          if (this.eatOp("*")) this.binary(0);
          else this.expression();
          if (!this.eatOp(",")) break;
        }
      }
      this.expectOp(")");
      return otherNode(pyClass, line);
    }
    const first = this.starNamedExpression();
    if (this.isWord("for") || this.isWord("async")) {
      this.noStarredComprehension(first);
      this.comprehension();
      this.expectOp(")");
      return otherNode("GeneratorExp", line);
    }
    if (this.eatOp(")")) {
      if (first.kind === "Other" && first.pyClass === "Starred") this.fail("cannot use starred expression here");
      return first;
    }
    if (!this.isOp(",")) this.fail();
    return { kind: "Tuple", line, elts: this.elementsAfter(first, ")") };
  }

  protected bracketed(): PyNode {
    const line = this.tok.line;
    this.advance();
    if (this.eatOp("]")) return { kind: "List", line, elts: this.elementsOf() };
    const first = this.starNamedExpression();
    if (this.isWord("for") || this.isWord("async")) {
      this.noStarredComprehension(first);
      this.comprehension();
      this.expectOp("]");
      return otherNode("ListComp", line);
    }
    if (!this.isOp(",") && !this.isOp("]")) this.fail("invalid syntax. Perhaps you forgot a comma?");
    return { kind: "List", line, elts: this.elementsAfter(first, "]") };
  }

  protected braced(): PyNode {
    const line = this.tok.line;
    this.advance();
    if (this.eatOp("}")) return { kind: "Dict", line, keys: this.elementsOf(), values: this.elementsOf() };
    if (this.isOp("**")) return this.dictAfter(line, this.elementsOf(), this.elementsOf());
    const bareWalrus = this.tok.kind === "name" && this.isOp(":=", 1);
    const first = this.starNamedExpression();
    if (this.eatOp(":")) {
      if (bareWalrus || (first.kind === "Other" && first.pyClass === "Starred")) this.fail();
      if (!this.startsExpression()) this.fail("expression expected after dictionary key and ':'");
      const value = this.expression();
      if (this.isWord("for") || this.isWord("async")) {
        this.comprehension();
        this.expectOp("}");
        return otherNode("DictComp", line);
      }
      return this.dictAfter(line, this.elementsOf(first), this.elementsOf(value));
    }
    if (this.isWord("for") || this.isWord("async")) {
      this.noStarredComprehension(first);
      this.comprehension();
      this.expectOp("}");
      return otherNode("SetComp", line);
    }
    if (!this.isOp(",") && !this.isOp("}")) this.fail("invalid syntax. Perhaps you forgot a comma?");
    return { kind: "Set", line, elts: this.elementsAfter(first, "}") };
  }

  /** The rest of a dict display: `, key: value` or `, **mapping` items, then `}`. */
  protected dictAfter(line: number, keys: Elements, values: Elements): PyNode {
    let needComma = keys.items.length > 0;
    for (;;) {
      if (needComma) {
        if (this.eatOp("}")) break;
        if (!this.eatOp(",")) this.fail("invalid syntax. Perhaps you forgot a comma?");
      }
      if (this.eatOp("}")) break;
      needComma = true;
      if (this.eatOp("**")) {
        this.addElement(keys, null);
        this.addElement(values, this.binary(0));
        continue;
      }
      this.addElement(keys, this.expression());
      this.expectOp(":");
      if (!this.startsExpression()) this.fail("expression expected after dictionary key and ':'");
      this.addElement(values, this.expression());
    }
    return { kind: "Dict", line, keys: this.compacted(keys), values: this.compacted(values) };
  }
}
