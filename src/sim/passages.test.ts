import { describe, expect, it } from "vitest";
import { passageTitle, relevanceWithLessons, sourcePassage, splitPassages } from "./passages.js";

describe("passage relevance learned from demos (rule passage-lessons)", () => {
  const context = "Vornek Ledger: the kalim of tessa is kept under QX-4821.\nBrastin Roll: the dovel of mura is kept under KT-1193.";
  const passages = splitPassages(context);
  const request = "Case #4471: please find the glimmer item.";

  it("finds the passage a demo's answer was drawn from", () => {
    expect(sourcePassage(context, "Case #1: code KT-1193 (Brastin Roll).")).toBe(passages[1]!.text);
    expect(sourcePassage("One passage only.", "anything")).toBeNull();
  });

  it("prefers the passage that answered similar demos when word overlap cannot tell", () => {
    const lexical = relevanceWithLessons(passages, request, []);
    expect(lexical[0]).toBe(lexical[1]); // no shared word with either record
    const lessons = [{ source: "Brastin Roll: the vorp of sela is kept under ZZ-5510.", weight: 0.6 }];
    const informed = relevanceWithLessons(passages, request, lessons);
    expect(informed[1]).toBeGreaterThan(informed[0]!);
  });

  it("reads `Title: body` passages", () => {
    expect(passageTitle("Bird Log: terns nest on rocks.")).toEqual({ title: "Bird Log", body: "terns nest on rocks." });
    expect(passageTitle("no title here")).toBeNull();
  });
});
