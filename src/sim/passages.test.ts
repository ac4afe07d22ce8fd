import { describe, expect, it } from "vitest";
import { relevanceWithLessons, sourcePassage, splitPassages } from "./passages.js";

describe("passage relevance learned from demos", () => {
  const context = "Address Change Policy: addresses can be changed until the order ships.\nLate Delivery Policy: orders delayed more than 24 hours qualify for a $5 credit.";
  const passages = splitPassages(context);
  const ticket = "Order #35504 still shows in transit even though it was due last week.";

  it("finds the passage a demo's answer was drawn from", () => {
    expect(sourcePassage(context, "Per the Late Delivery Policy, order #1 qualifies for a $5 credit.")).toBe(passages[1]!.text);
    expect(sourcePassage("One passage only.", "anything")).toBeNull();
  });

  it("prefers the passage that answered similar demos when word overlap cannot tell", () => {
    const lexical = relevanceWithLessons(passages, ticket, []);
    expect(lexical[0]).toBeGreaterThanOrEqual(lexical[1]!); // "order" matches the address passage as well
    const lessons = [{ source: "Late Delivery Policy: orders delayed more than 72 hours qualify for a $20 credit.", weight: 0.6 }];
    const informed = relevanceWithLessons(passages, ticket, lessons);
    expect(informed[1]).toBeGreaterThan(informed[0]!);
  });
});
