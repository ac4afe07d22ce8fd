import { ValueError } from "../errors/value-error.js";
import { PyFloat } from "./py-float.js";

/**
 * Strict JSON parsing with Python's number model: integers stay integers (beyond 2^53 as `bigint`), integral
 * floats (`1.0`, `1e16`) become `PyFloat` so they render back as Python floats. Used for state files and fixtures.
 */
export function parsePyJson(text: string): unknown {
  let i = 0;
  const fail = (why: string): never => {
    throw new ValueError(`Invalid JSON at position ${i}: ${why}.`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i++;
  };
  const value = (): unknown => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a string key");
        const key = string();
        ws();
        if (text[i++] !== ":") fail("expected ':'");
        const v = value();
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return obj;
        }
        fail("expected ',' or '}'");
      }
    }
    if (ch === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (ch === '"') return string();
    if (text.startsWith("true", i)) return (i += 4), true;
    if (text.startsWith("false", i)) return (i += 5), false;
    if (text.startsWith("null", i)) return (i += 4), null;
    if (text.startsWith("NaN", i)) return (i += 3), NaN;
    if (text.startsWith("Infinity", i)) return (i += 8), Infinity;
    if (text.startsWith("-Infinity", i)) return (i += 9), -Infinity;
    return number();
  };
  const string = (): string => {
    i++; // opening quote
    let out = "";
    let start = i;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) fail("unterminated string");
      if (ch === '"') {
        out += text.slice(start, i++);
        return out;
      }
      if (ch === "\\") {
        out += text.slice(start, i);
        const esc = text[i + 1];
        i += 2;
        switch (esc) {
          case '"': out += '"'; break;
          case "\\": out += "\\"; break;
          case "/": out += "/"; break;
          case "b": out += "\b"; break;
          case "f": out += "\f"; break;
          case "n": out += "\n"; break;
          case "r": out += "\r"; break;
          case "t": out += "\t"; break;
          case "u": {
            const hex = text.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("bad \\u escape");
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail("bad escape");
        }
        start = i;
        continue;
      }
      i++;
    }
  };
  const number = (): unknown => {
    // Python reads integers of up to 4300 digits.
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 4400));
    if (!m) return fail("unexpected character");
    i += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    const f = Number(m[0]);
    return Number.isInteger(f) || Object.is(f, -0) ? new PyFloat(f) : f;
  };
  const result = value();
  ws();
  if (i !== text.length) fail("trailing characters");
  return result;
}
