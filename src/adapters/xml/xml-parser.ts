import { setOwnProperty } from "../../python/set-own-property.js";

/** An element as Python's `xml.etree.ElementTree` builds it (comments and processing instructions dropped). */
export interface XmlElement {
  tag: string;
  attrib: Record<string, string>;
  /** Character data before the first child; null when there is none. */
  text: string | null;
  /** Character data after this element's end tag, up to the next sibling or the parent's end; null when none. */
  tail: string | null;
  children: XmlElement[];
}

/** The outcome of `parseXml`: the root element, or expat's error text (`mismatched tag: line 1, column 9`). */
export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; message: string };

/** Name start characters (expat rejects characters beyond the BMP in names). */
const NAME_START =
  /[A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/u;
const NAME_CHAR = /[-.0-9\u00B7\u0300-\u036F\u203F\u2040]/;
/** The five predefined entities (a Map, so `&constructor;` and the like are undefined as in expat). */
const ENTITIES: ReadonlyMap<string, string> = new Map([["amp", "&"], ["lt", "<"], ["gt", ">"], ["quot", '"'], ["apos", "'"]]);

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

class Failure {
  constructor(readonly reason: string, readonly at: number) {}
}

interface Open {
  element: XmlElement;
  name: string;
  /** Namespace prefixes this element declares (`""` for `xmlns`), undone when it closes. */
  declared: string[];
}

/**
 * A well-formedness-checking XML parser for LM replies, matching what `ET.fromstring` (expat) accepts and the
 * error it reports, with its position (1-based line, 0-based column in characters) for the common cases:
 * mismatched tags, invalid tokens (`<`, `&` in text), undefined entities, unclosed tokens, duplicate
 * attributes, unbound namespace prefixes.
 */
export function parseXml(text: string): XmlParseResult {
  try {
    return { ok: true, root: new Parser(text).document() };
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return { ok: false, message: `${error.reason}: ${position(text, error.at)}` };
  }
}

function position(text: string, at: number): string {
  let line = 1;
  let column = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      column = 0;
    } else if (code === 0x0d) {
      continue;
    } else if (!(code >= 0xdc00 && code <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) {
      column++;
    }
  }
  return `line ${line}, column ${column}`;
}

class Parser {
  private i = 0;
  private readonly stack: Open[] = [];
  /** The URIs bound to each namespace prefix, innermost last (one stack per prefix, so nesting costs no copies). */
  private readonly namespaces = new Map<string, string[]>();
  private root: XmlElement | null = null;
  private buffer = "";
  /** Where the pending character data goes: an element's text or tail. */
  private sink: { element: XmlElement; slot: "text" | "tail" } | null = null;

  constructor(private readonly s: string) {}

  private fail(reason: string, at: number): never {
    throw new Failure(reason, at);
  }

  private invalid(at: number): never {
    if (at >= this.s.length) this.fail("unclosed token", at);
    return this.fail("not well-formed (invalid token)", at);
  }

  private codeAt(i: number): number {
    return this.s.codePointAt(i) ?? -1;
  }

  private isNameStart(i: number): boolean {
    const ch = String.fromCodePoint(this.codeAt(i) < 0 ? 0 : this.codeAt(i));
    return i < this.s.length && NAME_START.test(ch);
  }

  private isNameChar(i: number): boolean {
    const ch = this.s[i] ?? "";
    return this.isNameStart(i) || NAME_CHAR.test(ch);
  }

  /** Reads a (possibly prefixed) name at `i`; returns it and the index after it. */
  private name(i: number, tokenStart: number): [string, number] {
    if (!this.isNameStart(i)) this.tokenError(i, tokenStart);
    let j = i;
    for (;;) {
      while (j < this.s.length && this.isNameChar(j)) j += this.codeAt(j) > 0xffff ? 2 : 1;
      if (this.s[j] !== ":") break;
      j++;
      if (!this.isNameStart(j)) this.tokenError(j, tokenStart);
    }
    return [this.s.slice(i, j), j];
  }

  /** An error inside a token: "unclosed token" at its start when the input ended, else an invalid token here. */
  private tokenError(at: number, tokenStart: number): never {
    if (at >= this.s.length) this.fail("unclosed token", tokenStart);
    return this.invalid(at);
  }

  private isSpace(i: number): boolean {
    const c = this.s[i];
    return c === " " || c === "\t" || c === "\n" || c === "\r";
  }

  private flush(): void {
    if (this.buffer && this.sink) this.sink.element[this.sink.slot] = (this.sink.element[this.sink.slot] ?? "") + this.buffer;
    this.buffer = "";
  }

  document(): XmlElement {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === "<") this.markup();
      else if (c === "&") {
        const [value, end] = this.reference(this.i, this.i);
        this.buffer += value;
        this.i = end;
      }
      else this.charData();
    }
    if (this.stack.length || !this.root) this.fail("no element found", s.length);
    this.flush();
    return this.root;
  }

  private charData(): void {
    const s = this.s;
    const start = this.i;
    while (this.i < s.length && s[this.i] !== "<" && s[this.i] !== "&") {
      const code = this.codeAt(this.i);
      if (!isXmlChar(code)) this.invalid(this.i);
      if (code === 0x3e && s.startsWith("]]", this.i - 2) && this.i - 2 >= start) this.invalid(this.i);
      this.i += code > 0xffff ? 2 : 1;
    }
    const data = s.slice(start, this.i).replace(/\r\n?/g, "\n");
    if (this.stack.length === 0) {
      if (/[^ \t\n]/.test(data)) this.fail(this.root ? "junk after document element" : "syntax error", start + data.search(/[^ \t\n]/));
      return;
    }
    this.buffer += data;
  }

  /** `&…;` at `at`: its replacement text and the index after it (errors relative to the token at `tokenStart`). */
  private reference(at: number, tokenStart: number): [string, number] {
    const s = this.s;
    let j = at + 1;
    let value: string;
    if (s[j] === "#") {
      j++;
      const hex = s[j] === "x";
      if (hex) j++;
      const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
      const startDigits = j;
      while (j < s.length && digits.test(s[j] as string)) j++;
      if (j === startDigits || s[j] !== ";") this.tokenError(j, tokenStart);
      const code = parseInt(s.slice(startDigits, j), hex ? 16 : 10);
      if (!isXmlChar(code)) this.fail("reference to invalid character number", at);
      value = String.fromCodePoint(code);
    } else {
      const [name, end] = this.name(j, tokenStart);
      j = end;
      if (s[j] !== ";") this.tokenError(j, tokenStart);
      const entity = ENTITIES.get(name);
      if (entity === undefined) this.fail("undefined entity", at);
      value = entity;
    }
    return [value, j + 1];
  }

  private markup(): void {
    const s = this.s;
    const start = this.i;
    const next = s[start + 1];
    if (next === "/") return this.endTag(start);
    if (next === "!") return this.declaration(start);
    if (next === "?") return this.instruction(start);
    if (start + 1 >= s.length) this.fail("unclosed token", start);
    return this.startTag(start);
  }

  private startTag(start: number): void {
    const s = this.s;
    const [tag, afterName] = this.name(start + 1, start);
    let j = afterName;
    const attributes: Array<[string, string, number]> = [];
    const attributeNames = new Set<string>();
    for (;;) {
      const hadSpace = this.isSpace(j);
      while (this.isSpace(j)) j++;
      if (j >= s.length) this.fail("unclosed token", start);
      if (s[j] === ">" || s[j] === "/") break;
      if (!hadSpace || !this.isNameStart(j)) this.invalid(j);
      const attrStart = j;
      const [attr, afterAttr] = this.name(j, start);
      j = afterAttr;
      while (this.isSpace(j)) j++;
      if (s[j] !== "=") this.tokenError(j, start);
      j++;
      while (this.isSpace(j)) j++;
      const quote = s[j];
      if (quote !== '"' && quote !== "'") this.tokenError(j, start);
      j++;
      let value = "";
      while (s[j] !== quote) {
        if (j >= s.length) this.fail("unclosed token", start);
        const c = s[j] as string;
        if (c === "<") this.invalid(j);
        if (c === "&") {
          const [text, end] = this.reference(j, start);
          value += text;
          j = end;
          continue;
        }
        if (!isXmlChar(this.codeAt(j))) this.invalid(j);
        value += c === "\r" ? (s[j + 1] === "\n" ? "" : " ") : c === "\n" || c === "\t" ? " " : c;
        j++;
      }
      j++;
      if (attributeNames.has(attr)) this.fail("duplicate attribute", attrStart);
      attributeNames.add(attr);
      attributes.push([attr, value, attrStart]);
    }
    const selfClosing = s[j] === "/";
    if (selfClosing && s[j + 1] !== ">") this.tokenError(j + 1, start);
    this.i = j + (selfClosing ? 2 : 1);
    this.open(tag, attributes, start);
    if (selfClosing) this.close();
  }

  private open(tag: string, attributes: Array<[string, string, number]>, start: number): void {
    if (this.stack.length === 0 && this.root) this.fail("junk after document element", start);
    const parent = this.stack[this.stack.length - 1];
    const declared: string[] = [];
    for (const [name, value] of attributes) {
      const prefix = name === "xmlns" ? "" : name.startsWith("xmlns:") ? name.slice(6) : null;
      if (prefix === null) continue;
      if (prefix !== "" && value === "") this.fail("must not undeclare prefix", start);
      declared.push(prefix);
      const bound = this.namespaces.get(prefix);
      if (bound) bound.push(value);
      else this.namespaces.set(prefix, [value]);
    }
    const lookup = (prefix: string): string | undefined => this.namespaces.get(prefix)?.at(-1);
    const qualify = (name: string, isAttribute: boolean): string => {
      const colon = name.indexOf(":");
      if (colon < 0) {
        const uri = isAttribute ? undefined : lookup("");
        return uri ? `{${uri}}${name}` : name;
      }
      const uri = lookup(name.slice(0, colon));
      if (uri === undefined) this.fail("unbound prefix", start);
      return `{${uri}}${name.slice(colon + 1)}`;
    };
    const attrib: Record<string, string> = {};
    for (const [name, value] of attributes) {
      if (name !== "xmlns" && !name.startsWith("xmlns:")) setOwnProperty(attrib, qualify(name, true), value);
    }
    const element: XmlElement = { tag: qualify(tag, false), attrib, text: null, tail: null, children: [] };
    this.flush();
    if (parent) parent.element.children.push(element);
    else this.root = element;
    this.stack.push({ element, name: tag, declared });
    this.sink = { element, slot: "text" };
  }

  private close(): void {
    this.flush();
    const closed = this.stack.pop() as Open;
    for (const prefix of closed.declared) this.namespaces.get(prefix)?.pop();
    this.sink = this.stack.length ? { element: closed.element, slot: "tail" } : null;
  }

  private endTag(start: number): void {
    const s = this.s;
    const [name, afterName] = this.name(start + 2, start);
    let j = afterName;
    while (this.isSpace(j)) j++;
    if (s[j] !== ">") this.tokenError(j, start);
    const top = this.stack[this.stack.length - 1];
    // After the root element has closed, expat rejects an end tag as an invalid token.
    if (!top) this.invalid(start + 1);
    if (top.name !== name) this.fail("mismatched tag", start + 2);
    this.i = j + 1;
    this.close();
  }

  private declaration(start: number): void {
    const s = this.s;
    if (s.startsWith("--", start + 2)) {
      let j = start + 4;
      for (;;) {
        const dash = s.indexOf("--", j);
        if (dash < 0) this.fail("unclosed token", start);
        if (s[dash + 2] === ">") {
          this.i = dash + 3;
          return;
        }
        this.tokenError(dash + 2, start);
        j = dash + 2;
      }
    }
    if (s[start + 2] === "-") this.tokenError(start + 3, start);
    if (s[start + 2] === "[" && this.stack.length) {
      const keyword = "CDATA[";
      for (let k = 0; k < keyword.length; k++) if (s[start + 3 + k] !== keyword[k]) this.tokenError(start + 3 + k, start);
      const end = s.indexOf("]]>", start + 9);
      if (end < 0) this.fail("unclosed CDATA section", s.length);
      this.buffer += s.slice(start + 9, end).replace(/\r\n?/g, "\n");
      this.i = end + 3;
      return;
    }
    this.tokenError(start + 2, start);
  }

  private instruction(start: number): void {
    const s = this.s;
    const [target, afterName] = this.name(start + 2, start);
    if (target === "xml") this.fail("XML or text declaration not at start of entity", start);
    if (target.toLowerCase() === "xml") this.invalid(afterName);
    if (!s.startsWith("?>", afterName) && !this.isSpace(afterName)) this.tokenError(afterName, start);
    const end = s.indexOf("?>", afterName);
    if (end < 0) this.fail("unclosed token", start);
    this.i = end + 2;
  }
}
