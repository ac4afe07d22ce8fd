import { ValueError } from "../../errors/value-error.js";
import { isPySpace, pyLstrip } from "./py-chars.js";
import { emptyObjectBodyVerdict, UNDECIDED } from "./empty-object-scan.js";
import { mergeListContinuation } from "./list-continuation.js";
import { isQuote, type RepairCursor } from "./repair-cursor.js";
import { type PyDict, isPyDict, updateDict } from "./repair-values.js";

/** Reads a key; returns it with the position where its reading started (to roll back to). */
function readKey(p: RepairCursor, obj: PyDict, lastKey: string | undefined): [string, number] {
  let key = "";
  let keyStart = p.pos;
  p.within("key", () => {
    while (p.at() !== undefined) {
      keyStart = p.pos;
      if (p.at() === "[" && key === "" && mergeListContinuation(p, obj, lastKey)) continue;
      const raw = p.readString();
      if (typeof raw !== "string") {
        // json_repair fails an assertion here (a ```json fence where a key should be).
        throw new ValueError("Cannot repair this JSON: a code fence stands where an object key should be.");
      }
      key = raw;
      if (key === "") p.skipSpaces();
      if (key !== "" || p.at() === ":" || p.at() === "}") break;
    }
  });
  return [key, keyStart];
}

/** A repeated key inside an array starts a new object (`[{"a": 1, "a": 2}]` → two objects) unless it was properly comma-separated. */
function duplicateStartsNewObject(p: RepairCursor, keyStart: number): boolean {
  let back = keyStart - p.pos - 1;
  let before = p.at(back);
  while (isPySpace(before)) before = p.at(--back);
  const keyOpener = p.at(keyStart - p.pos);
  const after = p.at(p.spacesEnd());
  return !(isQuote(keyOpener) && before === "," && after === ":");
}

function readMemberValue(p: RepairCursor): unknown {
  return p.within("value", () => {
    p.skipSpaces();
    const ch = p.at();
    if (ch === "," || ch === "}") return "";
    return p.readValue();
  });
}

/** Removes `#`, `//` and `/* *\/` comments outside quotes (to classify what an empty object held). */
function stripComments(body: string): string {
  let out = "";
  let quote: string | undefined;
  let slashes = 0;
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    const next = body[i + 1] ?? "";
    if (ch === "\\") {
      slashes++;
      out += ch;
      i++;
      continue;
    }
    if (quote !== undefined) {
      out += ch;
      if (ch === quote && slashes % 2 === 0) quote = undefined;
      slashes = 0;
      i++;
      continue;
    }
    if (isQuote(ch) && slashes % 2 === 0) {
      quote = ch;
      out += ch;
      slashes = 0;
      i++;
      continue;
    }
    slashes = 0;
    if (ch === "#" || (ch === "/" && next === "/")) {
      i += ch === "/" ? 2 : 1;
      while (i < body.length && body[i] !== "\n" && body[i] !== "\r") i++;
      continue;
    }
    if (ch === "/" && next === "*") {
      i += 2;
      while (i < body.length - 1 && body.slice(i, i + 2) !== "*/") i++;
      i = Math.min(i + 2, body.length);
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

type EmptyObjectReading = { kind: "keep" } | { kind: "array" } | { kind: "object"; text: string };

/**
 * An object read as `{}` although it held text: keep it, re-read it as an array, or unescape `\"key\":` and re-read
 * it. The body runs from `start` to one character past where reading stopped, less a final `}`.
 */
function classifyEmptyObject(p: RepairCursor, start: number): EmptyObjectReading {
  let end = Math.min(p.pos + 1, p.length);
  if (end > start && p.chars[end - 1] === "}") end--;
  const first = p.nextWhere("non-space", isNotSpace, start);
  if (first >= end) return { kind: "keep" };
  const quote = p.chars[first + 1];
  if (p.chars[first] === "\\" && (quote === '"' || quote === "'") && first + 1 < end) {
    const escapedKey = p.nextIndexWhere(`escaped-key-${quote}`, (c, i) => c[i] === "\\" && c[i + 1] === quote && c[i + 2] === ":", first);
    if (escapedKey + 3 <= end) {
      const attempted = p.slice(start - 1, p.pos + 1);
      return { kind: "object", text: attempted.replaceAll('\\"', '"').replaceAll("\\'", "'") };
    }
  }
  const verdict = emptyObjectBodyVerdict(p, start, end);
  return verdict === UNDECIDED ? classifyEmptyObjectByScan(p, start) : { kind: verdict };
}

function isNotSpace(ch: string): boolean {
  return !isPySpace(ch);
}

/** json_repair's own reading of the body (slices and scans it); the memoised automaton defers to it at one edge. */
function classifyEmptyObjectByScan(p: RepairCursor, start: number): EmptyObjectReading {
  const attempted = p.slice(start - 1, p.pos + 1);
  let body = attempted.slice(1);
  if (body.endsWith("}")) body = body.slice(0, -1);
  body = pyLstrip(body);
  if (body === "") return { kind: "keep" };
  if ((body.startsWith('\\"') && body.includes('\\":')) || (body.startsWith("\\'") && body.includes("\\':"))) {
    return { kind: "object", text: attempted.replaceAll('\\"', '"').replaceAll("\\'", "'") };
  }
  body = pyLstrip(stripComments(body));
  if (body === "") return { kind: "keep" };
  let quote: string | undefined;
  let slashes = 0;
  for (const ch of body) {
    if (ch === "\\") {
      slashes++;
      continue;
    }
    if (quote !== undefined) {
      if (ch === quote && slashes % 2 === 0) quote = undefined;
    } else if (isQuote(ch) && slashes % 2 === 0) {
      quote = ch;
    } else if (ch === ":" && slashes % 2 === 0) {
      return { kind: "keep" };
    }
    slashes = 0;
  }
  return { kind: "array" };
}

/** Re-reads an object that came out empty; `undefined` when `{}` stands. */
function rereadEmptyObject(p: RepairCursor, start: number): { value: unknown } | undefined {
  const reading = classifyEmptyObject(p, start);
  if (reading.kind === "keep") return undefined;
  if (reading.kind === "object") {
    p.splice(start - 1, p.pos + 1 - (start - 1), reading.text);
    p.pos = start;
    const value = p.within("key", () => p.readObject());
    p.deferredContexts.push("key");
    return { value };
  }
  p.pos = start;
  const value = p.within("key", () => p.readArray());
  p.deferredContexts.push("key");
  return { value };
}

/**
 * Reads an object's members after its `{`. Keys may be unquoted or single-quoted, `:` and `,` may
 * be missing, a value may be missing; the object closes at `}`, at the end of the text, or where a
 * `]` closes an enclosing array.
 */
export function readObject(p: RepairCursor): unknown {
  const obj: PyDict = new Map();
  const start = p.pos;
  const isValue = p.current === "value";
  let lastKey: string | undefined; // the key added last (a Map keeps its keys in the order they were added)
  while ((p.at() ?? "}") !== "}") {
    p.skipSpaces();
    if (p.at() === ":") p.pos++;
    const [key, keyStart] = readKey(p, obj, lastKey);
    if (p.inContext("array") && obj.has(key) && !isValue && duplicateStartsNewObject(p, keyStart)) {
      p.pos = keyStart - 1;
      p.splice(keyStart, 0, "{");
      break;
    }
    p.skipSpaces();
    if ((p.at() ?? "}") === "}") continue;
    p.pos++; // the ':' (or whatever stands in for it)
    if (!obj.has(key)) lastKey = key;
    obj.set(key, readMemberValue(p));
    const after = p.at();
    if (after === "," || after === "'" || after === '"') p.pos++;
    if (p.at() === "]" && p.inContext("array")) {
      p.pos--;
      break;
    }
    p.skipSpaces();
  }
  p.pos++;

  if (obj.size === 0 && p.pos - start > 2) {
    const reread = rereadEmptyObject(p, start);
    if (reread !== undefined) return reread.value;
  }
  if (p.contexts.length > 0) {
    if (p.at() === "}" && p.current !== "key" && p.current !== "value") p.pos++;
    return obj;
  }
  // At top level, `{...}, "more": ...` continues the same object.
  p.skipSpaces();
  if (p.at() === ",") {
    p.pos++;
    p.skipSpaces();
    if (isQuote(p.at())) {
      const more = p.readObject();
      if (isPyDict(more)) updateDict(obj, more);
    }
  }
  return obj;
}
