import { describe, expect, it } from "vitest";
import { findCopiedSpans, mapSpan, restyle } from "./align-spans.js";
import { rankPassages, splitPassages } from "./passages.js";
import { PLAIN_LEXICON } from "./text-tokens.js";

const TIDES = "Tide Tables: high water at the north pier comes 40 minutes after moonrise.";

describe("findCopiedSpans", () => {
  it("splits an output into literal text and spans copied from the inputs (case, hyphens and plurals ignored)", () => {
    const segments = findCopiedSpans("The tide-tables entry says high water comes 40 minutes after moonrise.", { guide: TIDES, question: "When is high water?" });
    expect(segments).toEqual([
      { kind: "literal", text: "The " },
      { kind: "slot", field: "guide", start: 0, end: 11, text: "tide-tables" },
      { kind: "literal", text: " entry says " },
      { kind: "slot", field: "guide", start: 13, end: 23, text: "high water" },
      { kind: "literal", text: " " },
      { kind: "slot", field: "guide", start: 42, end: 73, text: "comes 40 minutes after moonrise" },
      { kind: "literal", text: "." },
    ]);
  });

  it("does not make slots of function words alone, negated auxiliaries included (rule negated-function-words)", () => {
    expect(findCopiedSpans("It is what it is.", { text: "what is it" })).toEqual([{ kind: "literal", text: "It is what it is." }]);
    const inputs = { notes: "Visitors cannot climb the tower." };
    expect(findCopiedSpans("We cannot help.", inputs)).toEqual([{ kind: "literal", text: "We cannot help." }]);
    expect(findCopiedSpans("We cannot help.", inputs, PLAIN_LEXICON).filter((s) => s.kind === "slot")).toEqual([{ kind: "slot", field: "notes", start: 9, end: 15, text: "cannot" }]);
  });
});

describe("mapSpan", () => {
  const relevanceTo = (question: string) => (passages: ReturnType<typeof splitPassages>) => {
    const ranking = rankPassages(passages, question);
    return passages.map((p) => ranking.find((r) => r.passage === p)!.score);
  };
  const query = "Ferry Timetable: the evening boat leaves dock 3 at 19:40.\nBird Log: terns nest on the east rocks and lay 2 eggs.";

  it("carries a span over to the query's most relevant passage: titles to titles, bodies to bodies", () => {
    const body = mapSpan(TIDES, { start: 13, end: 73 }, query, relevanceTo("where do terns nest"))!;
    expect(query.slice(body.start, body.end)).toBe("terns nest on the east rocks and lay 2 eggs");
    const title = mapSpan(TIDES, { start: 0, end: 11 }, query, relevanceTo("where do terns nest"))!;
    expect(query.slice(title.start, title.end)).toBe("Bird Log");
    const boat = mapSpan(TIDES, { start: 0, end: 11 }, query, relevanceTo("when does the evening boat leave"))!;
    expect(query.slice(boat.start, boat.end)).toBe("Ferry Timetable");
  });

  it("interpolates inside unaligned stretches of a passage", () => {
    const text = "Tide Notes: low water at the south pier comes 25 minutes after sunrise.";
    const mapped = mapSpan(TIDES, { start: 42, end: 73 }, text, () => [0])!;
    expect(text.slice(mapped.start, mapped.end)).toBe("comes 25 minutes after sunrise");
  });

  it("carries an identifier over by its shape when the sentences are shaped differently (rule shape-spans)", () => {
    const demo = "Entry AB-1234 was filed by the night crew.";
    const other = "Please look at entry QX-9087 again; it was filed twice.";
    const start = demo.indexOf("AB-1234");
    const mapped = mapSpan(demo, { start, end: start + 7 }, other, (ps) => ps.map(() => 1));
    expect(mapped && other.slice(mapped.start, mapped.end)).toBe("QX-9087");
    const plain = mapSpan(demo, { start, end: start + 7 }, other, (ps) => ps.map(() => 1), false);
    expect(plain && other.slice(plain.start, plain.end)).not.toBe("QX-9087");
  });
});

describe("restyle", () => {
  it("repeats the demo's change of case and joiners on the query's words", () => {
    expect(restyle("tide-tables", "Tide Tables", "Ferry Timetable")).toBe("ferry-timetable");
    expect(restyle("tide-tables entry", "Tide Tables Entry", "Bird Log")).toBe("bird log"); // joiners are matched from the end
    expect(restyle("tide-tables", "Tide Tables", "North Pier Lamp Register")).toBe("north-pier-lamp-register");
    expect(restyle("$5 fee", "$5 fee", "free  entry")).toBe("free  entry");
    expect(restyle("LOW", "low", "high")).toBe("HIGH");
  });
});

describe("splitPassages", () => {
  it("splits numbered «items», lines and titled segments", () => {
    const items = "[1] «alpha one»\n[2] «««\n    beta\n    two\n»»»";
    expect(splitPassages(items).map((p) => p.text)).toEqual(["alpha one", "    beta\n    two"]);
    for (const p of splitPassages(items)) expect(items.slice(p.start, p.end)).toBe(p.text);
    const text = "Tide Tables: high water at 6. Bird Log: terns nest on rocks.\nOther line";
    const passages = splitPassages(text);
    expect(passages.map((p) => p.text)).toEqual(["Tide Tables: high water at 6.", "Bird Log: terns nest on rocks.", "Other line"]);
    for (const p of passages) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});
