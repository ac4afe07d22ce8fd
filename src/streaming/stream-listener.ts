import type { Adapter } from "../adapters/adapter.js";
import { getSettings } from "../context/settings.js";
import { ValueError } from "../errors/value-error.js";
import type { LMStreamPart } from "../lm/lm-stream-part.js";
import { pyLstrip, pyRstrip, pyStrip } from "../python/py-str.js";
import { JsonFieldEnd } from "./json-field-end.js";
import { StartMarkerQueue } from "./start-marker-queue.js";
import { StreamResponse } from "./stream-response.js";

export interface StreamListenerOptions {
  /** The output field to stream. */
  signatureFieldName: string;
  /** The predictor to listen to; found by `streamify` from the field name when omitted. */
  predict?: object | null;
  /** Its name in the program (`namedPredictors()`); found by `streamify` when omitted. */
  predictName?: string | null;
  /** Listen again after the field ended, e.g. when the predictor runs in a loop (default false). */
  allowReuse?: boolean;
}

type AdapterKind = "ChatAdapter" | "JSONAdapter" | "XMLAdapter";

/** How each adapter marks where a field starts and ends in the reply. */
interface Markers {
  start: string;
  end: RegExp;
  startIndicator: string;
  endPrefixes: readonly string[];
  endContains: string;
}

/** Tokens a listener holds back while they may still turn out to be the next field's marker. */
const MAX_HELD_TOKENS = 10;
const SUPPORTED: readonly AdapterKind[] = ["ChatAdapter", "XMLAdapter", "JSONAdapter"];

function markersFor(field: string, kind: AdapterKind): Markers {
  if (kind === "JSONAdapter") {
    return { start: `"${field}":`, end: /[\p{L}\p{N}_]*"(,|\s*\})/u, startIndicator: '"', endPrefixes: ['"', '",', '" ', '"}'], endContains: "}" };
  }
  if (kind === "XMLAdapter") {
    return { start: `<${field}>`, end: new RegExp(`</${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}>`), startIndicator: "<", endPrefixes: ["<", "</"], endContains: "</" };
  }
  return {
    start: `[[ ## ${field} ## ]]`,
    end: /\[\[ ## ([\p{L}\p{N}_]+) ## \]\]/u,
    startIndicator: "[",
    endPrefixes: ["[", "[[", "[[ ", "[[ #", "[[ ##"],
    endContains: "[[ ##",
  };
}

/** The adapter's kind, by class name as DSPy checks it; any other adapter cannot be streamed. */
function adapterKind(adapter: Adapter | null): AdapterKind {
  const name = adapter ? adapter.constructor.name : "ChatAdapter";
  if ((SUPPORTED as readonly string[]).includes(name)) return name as AdapterKind;
  throw new ValueError(`Unsupported adapter for streaming: ${name}, please use one of the following adapters: ${SUPPORTED.join(", ")}`);
}

/**
 * Picks one output field's text out of a predictor's LM stream (DSPy's `dspy.streaming.StreamListener`): it waits for
 * the field's start marker (`[[ ## answer ## ]]`, `"answer":` or `<answer>`, also when split across chunks), then
 * passes the field's tokens on, holding back the few that may be the next field's marker. Give listeners to
 * `streamify`; `receive` and `finalize` are what it calls for each streamed part and at the end.
 *
 * @example
 * const stream = streamify(new ChainOfThought("question -> answer"), {
 *   streamListeners: [new StreamListener({ signatureFieldName: "answer" })],
 * });
 */
export class StreamListener {
  readonly signatureFieldName: string;
  predict: object | null;
  predictName: string | null;
  readonly allowReuse: boolean;
  /** The field's start marker was seen. */
  streamStart = false;
  /** The field ended (its end marker, or the reply's end). */
  streamEnd = false;
  /** The whole field arrived in one chunk (a cached reply): nothing is streamed, the final prediction has it. */
  cacheHit = false;
  /** Chunks held while the start marker may be arriving split across them. */
  private startQueue: StartMarkerQueue | null = null;
  private endQueue: string[] = [];
  /** JSON adapter: whether the field has ended, read from the text so far (`{"field":` and what followed). */
  private jsonEnd: JsonFieldEnd | null = null;
  private lastKind: AdapterKind = "ChatAdapter";

  constructor(options: StreamListenerOptions) {
    this.signatureFieldName = options.signatureFieldName;
    this.predict = options.predict ?? null;
    this.predictName = options.predictName ?? null;
    this.allowReuse = options.allowReuse ?? false;
  }

  /**
   * Takes one part of the LM stream (only text deltas of the first completion count) and returns the field's next
   * piece, if one is ready. `adapter` is the adapter that formatted the call (default: the settings' adapter).
   */
  receive(part: LMStreamPart, adapter: Adapter | null = getSettings().adapter): StreamResponse | undefined {
    const kind = adapterKind(adapter);
    this.lastKind = kind;
    const markers = markersFor(this.signatureFieldName, kind);
    if (this.streamEnd) {
      if (!this.allowReuse) return undefined;
      this.streamEnd = false;
      this.cacheHit = false;
      this.startQueue = null;
      this.endQueue = [];
      this.jsonEnd = null;
      this.streamStart = false;
    }
    if (part.type !== "text-delta" || part.index !== 0) return undefined;
    let text = part.delta;

    if (text && kind !== "JSONAdapter" && text.includes(markers.start)) {
      // The whole field in one chunk (a cache hit, or a model that sends large chunks): nothing to stream.
      const after = text.slice(text.indexOf(markers.start) + markers.start.length);
      if (markers.end.test(after)) {
        this.cacheHit = true;
        this.streamStart = true;
        this.streamEnd = true;
        return undefined;
      }
    }

    if (this.startQueue === null && !this.streamStart && text.includes(markers.startIndicator)) {
      this.startQueue = new StartMarkerQueue(markers.start, text);
      return undefined;
    }

    if (this.startQueue !== null && !this.streamStart) {
      const step = this.startQueue.add(text);
      if (step === "wait") return undefined;
      this.startQueue = null;
      if (step === "drop") return undefined;
      this.streamStart = true;
      text = pyLstrip(step.found);
      if (kind === "JSONAdapter") this.jsonEnd = new JsonFieldEnd(this.signatureFieldName, `{${markers.start}`);
    }

    if (!this.streamStart || !text) return undefined;
    this.endQueue.push(text);
    let token: string | undefined;
    const held = pyStrip(this.endQueue.join(""));
    if (!couldFormEnd(held, markers)) token = this.flush(kind);
    else if (this.endQueue.length > MAX_HELD_TOKENS) token = this.endQueue.shift();
    return kind === "JSONAdapter" ? this.nextJsonPiece(token, text) : this.nextMarkedPiece(token, markers);
  }

  /** At the end of the stream: the held-back tail of a field that never saw its end marker, if any. */
  finalize(): StreamResponse | undefined {
    if (this.streamEnd || !this.streamStart) return undefined;
    this.streamEnd = true;
    if (this.endQueue.length === 0) return undefined;
    const token = this.flush(this.lastKind);
    return token ? this.response(token) : undefined;
  }

  private response(chunk: string): StreamResponse {
    return new StreamResponse(this.predictName ?? "", this.signatureFieldName, chunk, this.streamEnd);
  }

  /** Chat and XML: the field ends where the next marker starts. */
  private nextMarkedPiece(token: string | undefined, markers: Markers): StreamResponse | undefined {
    if (markers.end.test(pyStrip(this.endQueue.join("")))) {
      this.streamEnd = true;
      const last = this.flush(this.lastKind);
      token = pyRstrip(token ? token + last : last);
    }
    return token || this.streamEnd ? this.response(token ?? "") : undefined;
  }

  /** JSON: the field ends when the object closes or a second key has begun. */
  private nextJsonPiece(token: string | undefined, text: string): StreamResponse | undefined {
    const verdict = this.jsonEnd!.feed(text); // set where the start marker was seen
    if (verdict) {
      this.streamEnd = true;
      const last = this.flush("JSONAdapter");
      const cut = verdict.end === "object" ? last.slice(0, last.lastIndexOf("}")) : last.slice(0, last.indexOf(verdict.next));
      token = token ? token + cut : cut;
      if (verdict.end === "object") return this.response(token);
    }
    return token || this.streamEnd ? this.response(token ?? "") : undefined;
  }

  /** Empties the held-back tokens, cut at the next field's marker. */
  private flush(kind: AdapterKind): string {
    const held = this.endQueue.join("");
    this.endQueue = [];
    if (kind === "JSONAdapter") return held;
    const boundary = held.indexOf(kind === "XMLAdapter" ? `</${this.signatureFieldName}>` : "[[");
    return boundary === -1 ? held : held.slice(0, boundary);
  }
}

/** Whether the held text may still become the next field's marker. */
function couldFormEnd(text: string, markers: Markers): boolean {
  return markers.endPrefixes.some((prefix) => text.endsWith(prefix)) || text.includes(markers.endContains);
}
