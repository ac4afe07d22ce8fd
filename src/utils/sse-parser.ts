/** One server-sent event. `event` is `"message"` when the server named none. */
export interface SSEEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental parser of the `text/event-stream` format (WHATWG HTML §9.2): feed it bytes as they arrive, in chunks
 * split anywhere (inside a line, between `\r` and `\n`, inside a multi-byte character), and it returns whole events.
 */
export class SSEParser {
  private readonly decoder = new TextDecoder("utf-8");
  private buffer = "";
  private data: string[] = [];
  private eventType = "";
  private lastId: string | undefined;
  private pendingCR = false;
  private started = false;

  /** Parses a chunk and returns the events it completed. */
  push(chunk: Uint8Array | string): SSEEvent[] {
    let text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return this.consume(text);
  }

  /** Flushes what is left at the end of the stream (a last event without its blank line is dispatched). */
  end(): SSEEvent[] {
    const events = this.consume(this.decoder.decode());
    if (this.buffer.length > 0) {
      this.processLine(this.buffer, events);
      this.buffer = "";
    }
    this.dispatch(events);
    return events;
  }

  private consume(text: string): SSEEvent[] {
    const events: SSEEvent[] = [];
    let start = 0;
    if (this.pendingCR && text.startsWith("\n")) start = 1;
    this.pendingCR = false;
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      const line = this.buffer + text.slice(start, i);
      this.buffer = "";
      this.processLine(line, events);
      if (code === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else {
          this.pendingCR = true;
        }
      }
      start = i + 1;
    }
    this.buffer += text.slice(start);
    return events;
  }

  private processLine(line: string, events: SSEEvent[]): void {
    if (line === "") {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" comment
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case "data":
        this.data.push(value);
        break;
      case "event":
        this.eventType = value;
        break;
      case "id":
        if (!value.includes("\0")) this.lastId = value;
        break;
    }
  }

  private dispatch(events: SSEEvent[]): void {
    if (this.data.length === 0) {
      this.eventType = "";
      return;
    }
    const event: SSEEvent = { event: this.eventType || "message", data: this.data.join("\n") };
    if (this.lastId !== undefined) event.id = this.lastId;
    events.push(event);
    this.data = [];
    this.eventType = "";
  }
}

/** The events of a byte stream (e.g. a `fetch` response body). */
export async function* parseSSEStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<SSEEvent> {
  const parser = new SSEParser();
  for await (const chunk of body) {
    yield* parser.push(chunk);
  }
  yield* parser.end();
}
