
/** An element as Python's `xml.etree.ElementTree` builds it (comments and processing instructions dropped). */
export interface XmlElement {
  tag: string;
  /** Attributes by qualified name, in document order (a Map: replies may hold tens of thousands). */
  attrib: ReadonlyMap<string, string>;
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
/** The attributes of every element that has none (one shared empty map, not one per element). */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
/** The children of every element that has none (one frozen array, replaced when a first child comes). */
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];
/** The five predefined entities (a Map, so `&constructor;` and the like are undefined as in expat). */
const ENTITIES: ReadonlyMap<string, string> = new Map([["amp", "&"], ["lt", "<"], ["gt", ">"], ["quot", '"'], ["apos", "'"]]);

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

class Failure {
  constructor(readonly reason: string, readonly at: number) {}
}

/**
 * The attributes of a start tag as read: their names as written (the check: a Set of all, for the duplicate test;
 * the build: a Map of the names other than namespace declarations to their normalised values, in document order),
 * the namespace declarations (prefix, `""` for `xmlns`, and URI), and whether some name has a prefix.
 */
interface StartTagAttributes {
  names: Set<string> | Map<string, string> | null;
  declarations: Array<[prefix: string, uri: string]> | null;
  prefixed: boolean;
}

function isAsciiNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isAsciiNameChar(code: number): boolean {
  return isAsciiNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;
}

/**
 * A well-formedness-checking XML parser for LM replies, matching what `ET.fromstring` (expat) accepts and the
 * error it reports, with its position (1-based line, 0-based column in characters) for the common cases:
 * mismatched tags, invalid tokens (`<`, `&` in text), undefined entities, unclosed tokens, duplicate
 * attributes, unbound namespace prefixes. The text is checked first without building anything, so a reply that
 * is not well-formed costs no tree; a well-formed one is then read again into elements.
 */
export function parseXml(text: string): XmlParseResult {
  try {
    new Parser(text, false).document();
    return { ok: true, root: new Parser(text, true).document() as XmlElement };
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

/** One reading of the text: a check (`build` false: nothing kept but the open tags) or a build of the tree. */
class Parser {
  private i = 0;
  /** How many elements are open. */
  private depth = 0;
  /**
   * Where each open element's name starts and ends in the text (at `2 * level` and `2 * level + 1`), outermost
   * first: numbers in one typed array, since a hostile reply may open hundreds of thousands of elements.
   */
  private openNames = new Int32Array(64);
  /** The namespace prefixes an open element declares (`""` for `xmlns`), by its level; undone when it closes. */
  private readonly declaredAt = new Map<number, string[]>();
  /** The open elements, outermost first (when building). */
  private readonly openElements: XmlElement[] = [];
  /** The URIs bound to each namespace prefix, innermost last (one stack per prefix, so nesting costs no copies). */
  private readonly namespaces = new Map<string, string[]>();
  private rootSeen = false;
  private root: XmlElement | null = null;
  /** Pieces of character data not yet stored (when building). */
  private pending: string[] = [];
  /** Where the pending character data goes: an element's text or tail (none before the root or after it). */
  private sinkElement: XmlElement | null = null;
  private sinkSlot: "text" | "tail" = "text";

  constructor(
    private readonly s: string,
    private readonly build: boolean,
  ) {}

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
    const code = this.s.charCodeAt(i);
    if (code < 128) return isAsciiNameStart(code);
    return i < this.s.length && NAME_START.test(String.fromCodePoint(this.codeAt(i)));
  }

  private isNameChar(i: number): boolean {
    const code = this.s.charCodeAt(i);
    if (code < 128) return isAsciiNameChar(code);
    return this.isNameStart(i) || NAME_CHAR.test(this.s[i] ?? "");
  }

  /** Reads a (possibly prefixed) name at `i`; returns the index after it. */
  private nameEnd(i: number, tokenStart: number): number {
    if (!this.isNameStart(i)) this.tokenError(i, tokenStart);
    let j = i;
    for (;;) {
      while (j < this.s.length && this.isNameChar(j)) j += this.codeAt(j) > 0xffff ? 2 : 1;
      if (this.s[j] !== ":") break;
      j++;
      if (!this.isNameStart(j)) this.tokenError(j, tokenStart);
    }
    return j;
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

  /** Character data for the current sink (when building). */
  private append(data: string): void {
    if (this.build && data !== "") this.pending.push(data);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const data = this.pending.length === 1 ? (this.pending[0] as string) : this.pending.join("");
    this.pending = [];
    if (this.sinkElement) this.sinkElement[this.sinkSlot] = (this.sinkElement[this.sinkSlot] ?? "") + data;
  }

  /** Reads the whole text; returns the root element when building (null when only checking). */
  document(): XmlElement | null {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x3c) this.markup();
      else if (c === 0x26) {
        const [value, end] = this.reference(this.i, this.i);
        this.append(value);
        this.i = end;
      }
      else this.charData();
    }
    if (this.depth > 0 || !this.rootSeen) this.fail("no element found", s.length);
    this.flush();
    return this.root;
  }

  private charData(): void {
    const s = this.s;
    const start = this.i;
    for (;;) {
      const unit = s.charCodeAt(this.i);
      if (this.i >= s.length || unit === 0x3c || unit === 0x26) break;
      const code = unit >= 0xd800 && unit <= 0xdbff ? this.codeAt(this.i) : unit;
      if (!isXmlChar(code)) this.invalid(this.i);
      if (code === 0x3e && s.startsWith("]]", this.i - 2) && this.i - 2 >= start) this.invalid(this.i);
      this.i += code > 0xffff ? 2 : 1;
    }
    if (this.depth === 0) {
      const data = s.slice(start, this.i).replace(/\r\n?/g, "\n");
      if (/[^ \t\n]/.test(data)) this.fail(this.rootSeen ? "junk after document element" : "syntax error", start + data.search(/[^ \t\n]/));
      return;
    }
    if (this.build) this.append(s.slice(start, this.i).replace(/\r\n?/g, "\n"));
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
      const end = this.nameEnd(j, tokenStart);
      const name = s.slice(j, end);
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
    let j = this.nameEnd(start + 1, start);
    const tagEnd = j;
    const attributes: StartTagAttributes = { names: null, declarations: null, prefixed: false };
    for (;;) {
      const hadSpace = this.isSpace(j);
      while (this.isSpace(j)) j++;
      if (j >= s.length) this.fail("unclosed token", start);
      if (s[j] === ">" || s[j] === "/") break;
      if (!hadSpace || !this.isNameStart(j)) this.invalid(j);
      const attrStart = j;
      j = this.nameEnd(j, start);
      const attr = s.slice(attrStart, j);
      const declares = attr === "xmlns" || attr.startsWith("xmlns:");
      while (this.isSpace(j)) j++;
      if (s[j] !== "=") this.tokenError(j, start);
      j++;
      while (this.isSpace(j)) j++;
      const quote = s[j];
      if (quote !== '"' && quote !== "'") this.tokenError(j, start);
      j++;
      const quoteCode = quote.charCodeAt(0);
      // (The check keeps only the values of namespace declarations.)
      const keepValue = this.build || declares;
      let value = "";
      let run = j;
      for (;;) {
        if (j >= s.length) this.fail("unclosed token", start);
        const code = s.charCodeAt(j);
        if (code === quoteCode) break;
        if (code === 0x3c) this.invalid(j);
        if (code === 0x26) {
          const [text, end] = this.reference(j, start);
          if (keepValue) value += s.slice(run, j) + text;
          j = run = end;
          continue;
        }
        if (code === 0x0d || code === 0x0a || code === 0x09) {
          // Attribute-value normalisation: each white-space character (a CR LF pair once) becomes a space.
          if (keepValue) value += s.slice(run, j) + (code === 0x0d && s.charCodeAt(j + 1) === 0x0a ? "" : " ");
          j = run = j + 1;
          continue;
        }
        if (!isXmlChar(this.codeAt(j))) this.invalid(j);
        j += code >= 0xd800 && code <= 0xdbff && j + 1 < s.length ? 1 : 0;
        j++;
      }
      if (keepValue) value += s.slice(run, j);
      j++;
      if (declares) {
        (attributes.declarations ??= []).push([attr === "xmlns" ? "" : attr.slice(6), value]);
      } else if (attr.includes(":")) {
        attributes.prefixed = true;
      }
      if (this.build) {
        // (The check already refused duplicates: the build does not look again.)
        if (!declares) ((attributes.names ??= new Map()) as Map<string, string>).set(attr, value);
      } else {
        attributes.names ??= new Set();
        if (attributes.names.has(attr)) this.fail("duplicate attribute", attrStart);
        (attributes.names as Set<string>).add(attr);
      }
    }
    const selfClosing = s[j] === "/";
    if (selfClosing && s[j + 1] !== ">") this.tokenError(j + 1, start);
    this.i = j + (selfClosing ? 2 : 1);
    this.open(tagEnd, attributes, start);
    if (selfClosing) this.close();
  }

  /** Opens the element whose start tag is at `start` (its name ends at `tagEnd`). */
  private open(tagEnd: number, attributes: StartTagAttributes, start: number): void {
    if (this.depth === 0 && this.rootSeen) this.fail("junk after document element", start);
    let declared: string[] | null = null;
    for (const [prefix, value] of attributes.declarations ?? []) {
      if (prefix !== "" && value === "") this.fail("must not undeclare prefix", start);
      (declared ??= []).push(prefix);
      const bound = this.namespaces.get(prefix);
      if (bound) bound.push(value);
      else this.namespaces.set(prefix, [value]);
    }
    let attrib = attributes.names instanceof Map ? attributes.names : NO_ATTRIBUTES;
    if (attributes.prefixed) {
      // Prefixed names are qualified once the tag's declarations, wherever they stand in it, are in force.
      const qualified = this.build ? new Map<string, string>() : null;
      for (const entry of attributes.names as Iterable<string | [string, string]>) {
        const [name, value] = typeof entry === "string" ? [entry, ""] : entry;
        if (name === "xmlns" || name.startsWith("xmlns:")) continue;
        const key = this.qualify(name, true, start);
        qualified?.set(key, value);
      }
      if (qualified) attrib = qualified;
    }
    const tag = this.qualify(this.s.slice(start + 1, tagEnd), false, start);
    this.rootSeen = true;
    if (2 * this.depth + 2 > this.openNames.length) {
      const grown = new Int32Array(2 * this.openNames.length);
      grown.set(this.openNames);
      this.openNames = grown;
    }
    this.openNames[2 * this.depth] = start + 1;
    this.openNames[2 * this.depth + 1] = tagEnd;
    if (declared !== null) this.declaredAt.set(this.depth, declared);
    this.depth++;
    if (!this.build) return;
    const element: XmlElement = { tag, attrib, text: null, tail: null, children: NO_CHILDREN };
    this.flush();
    const parent = this.openElements[this.openElements.length - 1];
    // (An array literal of one holds one slot; `push` onto an empty array would reserve seventeen.)
    if (parent === undefined) this.root = element;
    else if (parent.children === NO_CHILDREN) parent.children = [element];
    else parent.children.push(element);
    this.openElements.push(element);
    this.sinkElement = element;
    this.sinkSlot = "text";
  }

  /** The URI bound to `prefix` (`""`: the default namespace) where the parser is. */
  private lookup(prefix: string): string | undefined {
    return this.namespaces.get(prefix)?.at(-1);
  }

  /** ElementTree's `{uri}local` form of an element's or attribute's name (of the start tag at `start`). */
  private qualify(name: string, isAttribute: boolean, start: number): string {
    const colon = name.indexOf(":");
    if (colon < 0) {
      const uri = isAttribute || this.namespaces.size === 0 ? undefined : this.lookup("");
      return uri ? `{${uri}}${name}` : name;
    }
    const uri = this.lookup(name.slice(0, colon));
    if (uri === undefined) this.fail("unbound prefix", start);
    return `{${uri}}${name.slice(colon + 1)}`;
  }

  private close(): void {
    this.depth--;
    const declared = this.declaredAt.get(this.depth);
    if (declared !== undefined) {
      for (const prefix of declared) this.namespaces.get(prefix)?.pop();
      this.declaredAt.delete(this.depth);
    }
    if (!this.build) return;
    this.flush();
    const closed = this.openElements.pop() as XmlElement;
    this.sinkElement = this.openElements.length > 0 ? closed : null;
    this.sinkSlot = "tail";
  }

  /** Whether the text from `at` to `end` spells the name of the innermost open element. */
  private closesInnermost(at: number, end: number): boolean {
    const nameStart = this.openNames[2 * this.depth - 2] as number;
    const length = (this.openNames[2 * this.depth - 1] as number) - nameStart;
    if (end - at !== length) return false;
    for (let k = 0; k < length; k++) if (this.s.charCodeAt(at + k) !== this.s.charCodeAt(nameStart + k)) return false;
    return true;
  }

  private endTag(start: number): void {
    const s = this.s;
    const afterName = this.nameEnd(start + 2, start);
    let j = afterName;
    while (this.isSpace(j)) j++;
    if (s[j] !== ">") this.tokenError(j, start);
    // After the root element has closed, expat rejects an end tag as an invalid token.
    if (this.depth === 0) this.invalid(start + 1);
    if (!this.closesInnermost(start + 2, afterName)) this.fail("mismatched tag", start + 2);
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
    if (s[start + 2] === "[" && this.depth > 0) {
      const keyword = "CDATA[";
      for (let k = 0; k < keyword.length; k++) if (s[start + 3 + k] !== keyword[k]) this.tokenError(start + 3 + k, start);
      const end = s.indexOf("]]>", start + 9);
      if (end < 0) this.fail("unclosed CDATA section", s.length);
      if (this.build) this.append(s.slice(start + 9, end).replace(/\r\n?/g, "\n"));
      this.i = end + 3;
      return;
    }
    this.tokenError(start + 2, start);
  }

  private instruction(start: number): void {
    const s = this.s;
    const afterName = this.nameEnd(start + 2, start);
    const target = s.slice(start + 2, afterName);
    if (target === "xml") this.fail("XML or text declaration not at start of entity", start);
    if (target.toLowerCase() === "xml") this.invalid(afterName);
    if (!s.startsWith("?>", afterName) && !this.isSpace(afterName)) this.tokenError(afterName, start);
    const end = s.indexOf("?>", afterName);
    if (end < 0) this.fail("unclosed token", start);
    this.i = end + 2;
  }
}
