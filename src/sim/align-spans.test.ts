import { describe, expect, it } from "vitest";
import { findCopiedSpans, mapSpan, restyle } from "./align-spans.js";
import { rankPassages, splitPassages } from "./passages.js";

const LATE = "Late Delivery Policy: orders delayed more than 24 hours qualify for a $5 credit.";

describe("findCopiedSpans", () => {
  it("splits an output into literal text and spans copied from the inputs (case, hyphens and plurals ignored)", () => {
    const segments = findCopiedSpans("Per the late-delivery policy, you qualify for a $5 credit.", { policy_context: LATE, ticket_text: "My package is late." });
    expect(segments).toEqual([
      { kind: "literal", text: "Per the " },
      { kind: "slot", field: "policy_context", start: 0, end: 20, text: "late-delivery policy" },
      { kind: "literal", text: ", you " },
      { kind: "slot", field: "policy_context", start: 56, end: 79, text: "qualify for a $5 credit" },
      { kind: "literal", text: "." },
    ]);
  });

  it("does not make slots of stopwords alone", () => {
    expect(findCopiedSpans("It is what it is.", { text: "what is it" })).toEqual([{ kind: "literal", text: "It is what it is." }]);
  });
});

describe("mapSpan", () => {
  const relevanceTo = (question: string) => (passages: ReturnType<typeof splitPassages>) => {
    const ranking = rankPassages(passages, question);
    return passages.map((p) => ranking.find((r) => r.passage === p)!.score);
  };

  it("carries a span over to the aligned words of the query's most relevant passage", () => {
    const query = "Refund Policy: approved returns are refunded within 7 days.\nDamaged Item Policy: damaged items qualify for a free replacement.";
    const mapped = mapSpan(LATE, { start: 56, end: 79 }, query, relevanceTo("My lamp arrived damaged"))!;
    expect(query.slice(mapped.start, mapped.end)).toBe("qualify for a free replacement");
    const title = mapSpan(LATE, { start: 0, end: 20 }, query, relevanceTo("My lamp arrived damaged"))!;
    expect(query.slice(title.start, title.end)).toBe("Damaged Item Policy");
    const refund = mapSpan(LATE, { start: 0, end: 20 }, query, relevanceTo("where is my refund for the returned shoes"))!;
    expect(query.slice(refund.start, refund.end)).toBe("Refund Policy");
  });

  it("interpolates inside unaligned stretches", () => {
    const mapped = mapSpan(LATE, { start: 56, end: 79 }, "Damage Policy: damaged items get a free replacement.", () => [0])!;
    expect("Damage Policy: damaged items get a free replacement.".slice(mapped.start, mapped.end)).toBe("get a free replacement");
  });
});

describe("restyle", () => {
  it("repeats the demo's change of case and joiners on the query's words", () => {
    expect(restyle("late-delivery policy", "Late Delivery Policy", "Damaged Item Policy")).toBe("damaged-item policy");
    expect(restyle("late-delivery policy", "Late Delivery Policy", "Refund Policy")).toBe("refund policy");
    expect(restyle("late-delivery policy", "Late Delivery Policy", "Lost Package Claim Policy")).toBe("lost-package-claim policy");
    expect(restyle("$5 credit", "$5 credit", "free  replacement")).toBe("free  replacement");
    expect(restyle("LATE", "late", "damaged")).toBe("DAMAGED");
  });
});

describe("splitPassages", () => {
  it("splits numbered «items», lines and titled segments", () => {
    const items = "[1] «alpha one»\n[2] «««\n    beta\n    two\n»»»";
    expect(splitPassages(items).map((p) => p.text)).toEqual(["alpha one", "    beta\n    two"]);
    for (const p of splitPassages(items)) expect(items.slice(p.start, p.end)).toBe(p.text);
    const text = "Refund Policy: refunds in 7 days. Damage Policy: replacements are free.\nOther line";
    const passages = splitPassages(text);
    expect(passages.map((p) => p.text)).toEqual(["Refund Policy: refunds in 7 days.", "Damage Policy: replacements are free.", "Other line"]);
    for (const p of passages) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});

describe("mapSpan by shape", () => {
  it("carries an identifier over by its shape when the sentences are shaped differently", () => {
    const demo = "Order #75865 was the wrong size and I want a refund.";
    const query = "Can I get my money back for order #34282? I never opened it.";
    const start = demo.indexOf("#75865");
    const mapped = mapSpan(demo, { start, end: start + 6 }, query, (ps) => ps.map(() => 1));
    expect(mapped && query.slice(mapped.start, mapped.end)).toBe("#34282");
  });
});
