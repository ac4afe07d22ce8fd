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
  return { tag: e.tag, attrib: e.attrib, text: e.text, tail: e.tail, children: e.children.map(dump) };
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
});
