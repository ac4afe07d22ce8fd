import { describe, expect, it } from "vitest";
import { PythonSyntaxError } from "../../errors/python-syntax-error.js";
import { RecursionError } from "../../errors/recursion-error.js";
import { parsePythonExpression } from "./parse-expression.js";
import { PythonTokenizer, type Token } from "./python-tokenizer.js";

/** A tokenizer that counts the tokens the parser pulls and whether it scanned the rest of the text. */
class CountingTokenizer extends PythonTokenizer {
  pulled = 0;
  finished = false;

  override next(): Token {
    this.pulled++;
    return super.next();
  }

  override finish(): Token {
    this.finished = true;
    return super.finish();
  }
}

/** Parses `text`, returning what was thrown and the counting tokenizer. */
function parse(text: string): { thrown: unknown; tokenizer: CountingTokenizer } {
  const tokenizer = new CountingTokenizer(text);
  try {
    parsePythonExpression(tokenizer);
  } catch (error) {
    return { thrown: error, tokenizer };
  }
  return { thrown: undefined, tokenizer };
}

describe("parsePythonExpression reads tokens lazily", () => {
  it("stops a too-deep unary chain after the tokens it refuses, not the whole text", () => {
    const { thrown, tokenizer } = parse(`${"-".repeat(100_000)}1`);
    expect(thrown).toBeInstanceOf(RecursionError);
    expect(tokenizer.pulled).toBeLessThan(3_000);
    expect(tokenizer.finished).toBe(false);
  });

  it("stops at the tokenizer's bracket limit", () => {
    const { thrown, tokenizer } = parse("[".repeat(100_000));
    expect(thrown).toBeInstanceOf(PythonSyntaxError);
    expect((thrown as PythonSyntaxError).msg).toBe("too many nested parentheses");
    expect(tokenizer.pulled).toBeLessThanOrEqual(202);
  });

  it("stops at a specific syntax error without scanning the rest", () => {
    const { thrown, tokenizer } = parse(`{1 2 ${"x ".repeat(10_000)}$`);
    expect((thrown as PythonSyntaxError).msg).toBe("invalid syntax. Perhaps you forgot a comma?");
    expect(tokenizer.pulled).toBeLessThanOrEqual(4);
    expect(tokenizer.finished).toBe(false);
  });

  it("scans the rest without pulling tokens when a generic syntax error may give way to a later tokenizer error", () => {
    const later = parse(`${"<a>".repeat(10_000)}'unterminated`);
    expect((later.thrown as PythonSyntaxError).msg).toBe("unterminated string literal (detected at line 1)");
    expect(later.tokenizer.pulled).toBeLessThanOrEqual(2);
    expect(later.tokenizer.finished).toBe(true);

    const none = parse("<a>".repeat(10_000));
    expect((none.thrown as PythonSyntaxError).msg).toBe("invalid syntax");
    expect(none.tokenizer.pulled).toBeLessThanOrEqual(2);
  });

  it("does not report an unclosed bracket at the end in place of a generic error", () => {
    const { thrown } = parse(`( <a> ${"[".repeat(50)}`);
    expect((thrown as PythonSyntaxError).msg).toBe("invalid syntax");
  });
});
