import { describe, expect, it } from "vitest";
import { parseSSEStream, SSEParser } from "./sse-parser.js";

const STREAM =
  "\uFEFF: comment\r\n" +
  "event: message_start\r\ndata: {\"a\":\"héllo 😀\"}\r\n\r\n" +
  "data: line1\ndata: line2\n\n" +
  "id: 7\rdata:no-space\r\r" +
  "event: ping\ndata\n\n" +
  "data: [DONE]\n\n";

const EXPECTED = [
  { event: "message_start", data: '{"a":"héllo 😀"}' },
  { event: "message", data: "line1\nline2" },
  { event: "message", data: "no-space", id: "7" },
  { event: "ping", data: "", id: "7" },
  { event: "message", data: "[DONE]", id: "7" },
];

function parseInPieces(bytes: Uint8Array, cuts: number[]) {
  const parser = new SSEParser();
  const events = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...parser.push(bytes.subarray(from, cut)));
    from = cut;
  }
  events.push(...parser.end());
  return events;
}

describe("SSEParser", () => {
  const bytes = new TextEncoder().encode(STREAM);

  it("parses a whole stream (BOM, comments, CR/LF/CRLF line ends, multi-line data, ids)", () => {
    expect(parseInPieces(bytes, [])).toEqual(EXPECTED);
  });

  it("gives the same events however the bytes are split, one cut anywhere", () => {
    for (let cut = 1; cut < bytes.length; cut++) expect(parseInPieces(bytes, [cut])).toEqual(EXPECTED);
  });

  it("gives the same events when fed one byte at a time (splits inside UTF-8 characters and CRLF)", () => {
    expect(parseInPieces(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1))).toEqual(EXPECTED);
  });

  it("dispatches a last event that lacks its blank line, and drops an empty one", () => {
    const parser = new SSEParser();
    expect(parser.push("data: tail")).toEqual([]);
    expect(parser.end()).toEqual([{ event: "message", data: "tail" }]);
    const other = new SSEParser();
    expect([...other.push("event: x\n\n"), ...other.end()]).toEqual([]);
  });

  it("parseSSEStream reads an async byte stream", async () => {
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 5) yield bytes.subarray(i, i + 5);
    }
    const events = [];
    for await (const event of parseSSEStream(chunks())) events.push(event);
    expect(events).toEqual(EXPECTED);
  });
});
