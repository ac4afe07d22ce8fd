import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";

/**
 * A span exporter for the terminal: it keeps the spans it is given and, on `shutdown`, writes them as an indented
 * tree (children in start order, errors marked, token usage of LM spans) to `write` (standard error by default).
 */
export class SpanTreeExporter implements SpanExporter {
  readonly #spans: ReadableSpan[] = [];

  constructor(private readonly write: (text: string) => void = (text) => void process.stderr.write(text)) {}

  export(spans: ReadableSpan[], done: (result: { code: number }) => void): void {
    this.#spans.push(...spans);
    done({ code: 0 });
  }

  async shutdown(): Promise<void> {
    this.write(`${renderSpanTree(this.#spans)}\n`);
  }

  async forceFlush(): Promise<void> {}
}

/** The spans as an indented tree. */
export function renderSpanTree(spans: readonly ReadableSpan[]): string {
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  const children = new Map<string | undefined, ReadableSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent !== undefined && ids.has(parent) ? parent : undefined;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    const ordered = [...(children.get(parent) ?? [])].sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    for (const span of ordered) {
      lines.push(`${"  ".repeat(depth)}${span.name}${details(span)}`);
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join("\n");
}

function details(span: ReadableSpan): string {
  const a = span.attributes;
  const parts: string[] = [];
  if (a["gen_ai.request.model"] !== undefined) parts.push(`${a["gen_ai.system"]}`);
  if (Number(a["gen_ai.usage.input_tokens"] ?? 0) + Number(a["gen_ai.usage.output_tokens"] ?? 0) > 0) parts.push(`${a["gen_ai.usage.input_tokens"]} in / ${a["gen_ai.usage.output_tokens"]} out tokens`);
  if (a["tsdspy.evaluate.score"] !== undefined) parts.push(`score ${a["tsdspy.evaluate.score"]}`);
  if (span.status.code === 2) parts.push(`ERROR: ${span.status.message}`);
  return parts.length ? `  [${parts.join(", ")}]` : "";
}
