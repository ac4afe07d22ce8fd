import { describe, expect, it } from "vitest";
import type { ContentPart, Message } from "../lm/message.js";
import { parsePyJson } from "../python/py-json.js";
import { pyStr } from "../python/pyfmt.js";
import { pyStrip } from "../python/py-str.js";
import { PythonRandom } from "../python/python-random.js";
import { expandCustomTypeMarkers } from "./expand-custom-type-markers.js";
import { CUSTOM_TYPE_END, CUSTOM_TYPE_START } from "./types/custom-type.js";

/** DSPy's split with its regex (`START(.*?)END`, DOTALL); the payload rules as in the module. */
function reference(text: string): ContentPart[] | string {
  if (!text.includes(CUSTOM_TYPE_START)) return text;
  const payload = (raw: string): ContentPart[] => {
    let parsed: unknown;
    try {
      parsed = parsePyJson(raw);
    } catch {
      try {
        parsed = parsePyJson(parsePyJson(`"${raw}"`) as string);
      } catch {
        parsed = undefined;
      }
    }
    if (!Array.isArray(parsed)) return [{ type: "text", text: raw }];
    return parsed.map((b) => (typeof b === "object" && b !== null && !Array.isArray(b) ? (b as ContentPart) : { type: "text", text: pyStr(b) }));
  };
  const parts: ContentPart[] = [];
  let last = 0;
  for (const m of text.matchAll(new RegExp(`${CUSTOM_TYPE_START}([\\s\\S]*?)${CUSTOM_TYPE_END}`, "g"))) {
    if (m.index > last) parts.push({ type: "text", text: text.slice(last, m.index) });
    parts.push(...payload(pyStrip(m[1]!)));
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ type: "text", text: text.slice(last) });
  return parts;
}

const user = (content: string): Message => ({ role: "user", content });

describe("expandCustomTypeMarkers", () => {
  it("splits like DSPy's regex on random texts of markers and payloads", () => {
    const rng = new PythonRandom(8);
    const units = [CUSTOM_TYPE_START, CUSTOM_TYPE_END, "x", " ", "\n", "[1, 2]", '[{"type": "image_url", "image_url": {"url": "u"}}]', "<<", ">>"];
    const mismatches: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Number(rng.randbelow(9)) }, () => units[Number(rng.randbelow(units.length))]).join("");
      const got = expandCustomTypeMarkers(user(text)).content;
      if (JSON.stringify(got) !== JSON.stringify(reference(text))) mismatches.push(JSON.stringify(text));
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("handles a reply full of start markers and a payload of many items in one pass", () => {
    const starts = `${CUSTOM_TYPE_START}x`.repeat(30_000);
    expect(expandCustomTypeMarkers(user(starts)).content).toEqual([{ type: "text", text: starts }]);
    const many = `${CUSTOM_TYPE_START}[${Array.from({ length: 300_000 }, () => "1").join(",")}]${CUSTOM_TYPE_END}`;
    expect((expandCustomTypeMarkers(user(many)).content as ContentPart[]).length).toBe(300_000);
  });
});
