import { describe, expect, it } from "vitest";
import { chatSections, chatSectionText } from "./chat-sections.js";

function read(completion: string): Array<[string | null, string]> {
  return chatSections(completion).map((section) => [section.name, chatSectionText(completion, section)]);
}

describe("chatSections", () => {
  it("splits like DSPy over str.splitlines(): every line boundary, the header's rest, the indented-header quirk", () => {
    // Expected: DSPy's loop run by CPython 3.11 on the same text.
    const completion = "pre\r\n  [[ ## a ## ]]  inline \r\nx\x85y\u2028z\r\r\n[[ ## b ## ]]\n\n\n  two\vlines \n[[ ## a ## ]] again\n[[ ## c ## ]]\n";
    expect(read(completion)).toEqual([
      [null, "pre"],
      ["a", "]]  inline\nx\ny\nz"],
      ["b", "two\nlines"],
      ["a", "again"],
      ["c", ""],
    ]);
  });

  it("keeps a section's lines as offsets: a million empty lines are one slice", () => {
    const sections = chatSections(`[[ ## d ## ]]\n${"\n".repeat(1_000_000)}x\n`);
    expect(sections).toHaveLength(2);
    expect(sections[1]).toMatchObject({ name: "d", rest: "", bodyStart: 14, bodyEnd: 14 + 1_000_001 });
    expect(chatSectionText(`[[ ## d ## ]]\n${"\n".repeat(1_000_000)}x\n`, sections[1]!)).toBe("x");
  });

  it("has no lines for an empty reply and no trailing empty line", () => {
    expect(read("")).toEqual([[null, ""]]);
    expect(chatSections("[[ ## a ## ]]\n")).toEqual([
      { name: null, rest: "", bodyStart: -1, bodyEnd: -1 },
      { name: "a", rest: "", bodyStart: -1, bodyEnd: -1 },
    ]);
  });
});
