import type { HistoryEntry } from "../lm/history-entry.js";
import type { ContentPart, Message } from "../lm/message.js";
import { pyJsonDumps } from "../python/pyfmt.js";

const paint = (code: number, colors: boolean) => (text: string) => (colors ? `\x1b[${code}m${text}\x1b[0m` : text);

function partText(part: ContentPart): string | null {
  switch (part.type) {
    case "text":
      return part.text.trim();
    case "image_url": {
      const url = part.image_url.url;
      if (url.includes("base64")) {
        const [head, data = ""] = url.split("base64,");
        return `<${head}base64,<IMAGE BASE 64 ENCODED(${data.length})>`;
      }
      return `<image_url: ${url}>`;
    }
    case "input_audio":
      return `<audio format='${part.input_audio.format}' base64-encoded, length=${part.input_audio.data.length}>`;
    case "file":
      return `<file: name:${part.file.filename ?? ""}, id:${part.file.file_id ?? ""}, data_length:${(part.file.file_data ?? "").length}>`;
  }
}

function toolCallLines(calls: unknown, red: (s: string) => string, green: (s: string) => string): string[] {
  if (!Array.isArray(calls) || calls.length === 0) return [];
  const lines = [red("Tool calls:")];
  for (const call of calls as Array<Record<string, unknown>>) {
    const fn = (call.function ?? {}) as Record<string, unknown>;
    let args: unknown = fn.arguments ?? call.args ?? call.arguments ?? {};
    if (typeof args === "string") {
      try {
        args = JSON.parse(args);
      } catch {
        // keep the raw text, as DSPy does
      }
    }
    const name = (fn.name as string | undefined) ?? (call.name as string | undefined) ?? "<unknown>";
    const rendered = typeof args === "object" && args !== null ? pyJsonDumps(args, { ensureAscii: false }) : String(args);
    lines.push(green(`${name}: ${rendered}`));
  }
  return lines;
}

/** The last `n` history entries exactly as DSPy's `inspect_history` prints them (ANSI colours optional). */
export function formatHistory(history: readonly HistoryEntry[], n = 1, options: { colors?: boolean } = {}): string {
  const colors = options.colors ?? false;
  // DSPy's colour helpers end each text with a newline and then `print` adds another one.
  const red = (s: string, end = "\n") => paint(31, colors)(s) + end;
  const green = (s: string) => paint(32, colors)(s.trimStart()) + "\n";
  const blue = (s: string) => paint(34, colors)(s) + "\n";
  let out = "";
  const print = (text: string) => {
    out += text + "\n";
  };
  for (const entry of history.slice(-n)) {
    const messages: Message[] = entry.messages ?? [{ role: "user", content: entry.prompt }];
    print("\n\n\n");
    print(blue(`[${entry.timestamp}]`));
    for (const message of messages) {
      print(red(`${message.role.charAt(0).toUpperCase()}${message.role.slice(1)} message:`));
      if (typeof message.content === "string") print(message.content.trim());
      else if (Array.isArray(message.content)) {
        for (const part of message.content) {
          const text = partText(part);
          if (text !== null) print(part.type === "text" ? text : blue(text));
        }
      }
      for (const line of toolCallLines(message.tool_calls, red, green)) print(line);
      print("\n");
    }
    const first = entry.outputs[0];
    if (typeof first === "string") {
      print(red("Response:"));
      print(green(first.trim()));
    } else if (first) {
      if (typeof first.text === "string" && first.text) {
        print(red("Response:"));
        print(green(first.text.trim()));
      }
      for (const line of toolCallLines(first.tool_calls, red, green)) print(line);
    }
    if (entry.outputs.length > 1) print(red(` \t (and ${entry.outputs.length - 1} other completions)`, ""));
  }
  print("\n\n\n");
  return out;
}
