import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { elementToString } from "./elements-to-value.js";
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
