import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PythonRandom } from "../../python/python-random.js";
import { elementToString, groupChildren } from "./elements-to-value.js";
import { parseXml, type XmlElement } from "./xml-parser.js";

const here = dirname(fileURLToPath(import.meta.url));
// CPython 3.11's ET.fromstring on each input (see make-expat-cases.py).
const cases = JSON.parse(readFileSync(join(here, "../__fixtures__/expat-cases.json"), "utf8")) as Array<{ xml: string; tree?: unknown; error?: string }>;

function dump(e: XmlElement): unknown {
  return { tag: e.tag, attrib: Object.fromEntries(e.attrib), text: e.text, tail: e.tail, children: e.children.map(dump) };
}

describe("parseXml (expat's acceptance and error messages)", () => {
  it(`matches ElementTree on ${cases.length} inputs`, () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      const r = parseXml(c.xml);
      const got = r.ok ? { tree: dump(r.root) } : { error: r.message };
      const expected = c.error !== undefined ? { error: c.error } : { tree: c.tree };
      if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${JSON.stringify(c.xml)}\n  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(got)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("serializes elements like ET.tostring", () => {
    const r = parseXml('<r><s>pre<i k="v&amp;w">it</i>post<e/>end</s></r>');
    if (!r.ok) throw new Error(r.message);
    expect(r.root.children[0]!.children.map(elementToString).join("")).toBe('<i k="v&amp;w">it</i>post<e />end');
  });

  it("keeps tags and namespace bindings straight through deep nesting", () => {
    const depth = 70_000;
    const deep = `<r xmlns:p="urn:p">${"<b>".repeat(depth)}<p:c k="v"/>${"</b>".repeat(depth)}<p:d/></r>`;
    const r = parseXml(deep);
    if (!r.ok) throw new Error(r.message);
    let element = r.root;
    for (let level = 0; level < depth; level++) element = element.children[0]!;
    expect(element.children.map((c) => [c.tag, Object.fromEntries(c.attrib)])).toEqual([["{urn:p}c", { k: "v" }]]);
    expect(r.root.children.map((c) => c.tag)).toEqual(["b", "{urn:p}d"]);

    const unbound = parseXml(`<r>${'<b xmlns:p="urn:p">'.repeat(3)}${"</b>".repeat(3)}<p:d/></r>`);
    // (Positions as CPython 3.11's ElementTree reports them.)
    expect(unbound).toEqual({ ok: false, message: "unbound prefix: line 1, column 72" });
    const mismatched = parseXml(`<r>${"<bb>".repeat(depth)}</bc></r>`);
    expect(mismatched).toEqual({ ok: false, message: "mismatched tag: line 1, column 280005" });
  });
});

describe("parseXml attributes", () => {
  it("qualifies prefixed attributes by the tag's declarations wherever they stand in it, in document order", () => {
    // A reading of the namespace rules for one tag inside `<r xmlns:p="urn:outer">`: declarations of the tag apply to
    // all its attributes; unprefixed attributes stay as written; `xmlns` ones are not attributes.
    const rng = new PythonRandom(5);
    const pool = ["a", "b", "c", "p:a", "p:b", "q:a", "q:c", "xmlns:q", "xmlns:p", "xmlns"];
    const mismatches: string[] = [];
    for (let n = 0; n < 500; n++) {
      const names = pool.filter(() => rng.random() < 0.4);
      for (let k = names.length - 1; k > 0; k--) {
        const other = Number(rng.randbelow(k + 1));
        [names[k], names[other]] = [names[other]!, names[k]!];
      }
      const uri = (name: string) => `urn:${name.replace(":", "-")}`;
      const xml = `<r xmlns:p="urn:outer"><e${names.map((name) => ` ${name}="${uri(name)}"`).join("")}/></r>`;
      const bound = new Map([["p", "urn:outer"]]);
      for (const name of names) if (name.startsWith("xmlns:")) bound.set(name.slice(6), uri(name));
      const unbound = names.some((name) => name.includes(":") && !name.startsWith("xmlns:") && !bound.has(name.split(":")[0]!));
      const expected = unbound
        ? "unbound prefix: line 1, column 23"
        : names.filter((name) => name !== "xmlns" && !name.startsWith("xmlns:")).map((name) => {
            const [prefix, local] = name.includes(":") ? name.split(":") : [null, name];
            return [prefix === null ? name : `{${bound.get(prefix!)}}${local}`, uri(name)];
          });
      const r = parseXml(xml);
      const got = r.ok ? [...r.root.children[0]!.attrib] : r.message;
      if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${xml}: ${JSON.stringify(got)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("refuses a duplicate attribute, a declaration among them included, at its second occurrence", () => {
    expect(parseXml('<r a="1" b="2" a="3"/>')).toEqual({ ok: false, message: "duplicate attribute: line 1, column 15" });
    expect(parseXml('<r xmlns:p="u" b="2" xmlns:p="u"/>')).toEqual({ ok: false, message: "duplicate attribute: line 1, column 21" });
  });
});

describe("groupChildren", () => {
  it("groups children by tag (an entry by its key) in first-seen order, one shared name as the children themselves", () => {
    const mixed = parseXml('<r><a>1</a><entry key="k">2</entry><b/><a>3</a><entry>4</entry></r>');
    if (!mixed.ok) throw new Error(mixed.message);
    const groups = groupChildren(mixed.root);
    expect([...groups].map(([name, list]) => [name, list.map((e) => e.text)])).toEqual([["a", ["1", "3"]], ["k", ["2"]], ["b", [null]], ["entry", ["4"]]]);

    const items = parseXml(`<r>${"<item>x</item>".repeat(5)}</r>`);
    if (!items.ok) throw new Error(items.message);
    expect([...groupChildren(items.root)]).toEqual([["item", items.root.children]]);
    const keyed = parseXml('<r><entry key="k">1</entry><entry key="k">2</entry></r>');
    if (!keyed.ok) throw new Error(keyed.message);
    expect([...groupChildren(keyed.root).keys()]).toEqual(["k"]);
  });
});
