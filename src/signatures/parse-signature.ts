import { SignatureError } from "../errors/signature-error.js";
import { makeField, type Field } from "./field.js";
import type { TypeRegistry } from "./parse-type.js";

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === "\\") {
        current += ch + (text[++i] ?? "");
        continue;
      }
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "[" || ch === "(") depth++;
    else if (ch === "]" || ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

const IDENTIFIER = /^[A-Za-z_\p{L}][\w\p{L}\p{N}]*$/u;

function parseSide(text: string, io: "input" | "output", types: TypeRegistry | undefined, signature: string): Field[] {
  const parts = splitTopLevel(text);
  if (parts.length === 1 && parts[0]!.trim() === "") return [];
  if (parts.length > 1 && parts[parts.length - 1]!.trim() === "") parts.pop(); // Python allows a trailing comma
  return parts.map((part) => {
    const colon = part.indexOf(":");
    const name = (colon === -1 ? part : part.slice(0, colon)).trim();
    if (!IDENTIFIER.test(name)) throw new SignatureError(`Invalid field name ${JSON.stringify(name)} in signature '${signature}'.`);
    const annotation = colon === -1 ? undefined : part.slice(colon + 1).trim();
    return makeField(name, io, annotation, {
      ...(types ? { types } : {}),
      pipeUnion: "typing",
      // DSPy marks every input of a string signature, typed or not; outputs get no marker.
      ...(io === "input" ? { typeUndefined: annotation === undefined } : {}),
    });
  });
}

/**
 * Parses DSPy's string signature grammar: `"question, context: list[str] -> answer: str, score: float"`.
 * Exactly one `->`; untyped fields are `str`; a name on both sides is an error (DSPy's message).
 */
export function parseSignature(signature: string, types?: TypeRegistry): { inputs: Field[]; outputs: Field[] } {
  if (signature.split("->").length !== 2) {
    throw new SignatureError(`Invalid signature format: '${signature}', must contain exactly one '->'.`);
  }
  const [left, right] = signature.split("->") as [string, string];
  const inputs = parseSide(left, "input", types, signature);
  const outputs = parseSide(right, "output", types, signature);
  const inputNames = new Set(inputs.map((f) => f.name));
  const duplicates = [...new Set(outputs.map((f) => f.name).filter((n) => inputNames.has(n)))].sort();
  if (duplicates.length) {
    throw new SignatureError(
      `Input and output fields must have distinct names, but found duplicates: '${duplicates.join(", ")}'.`,
    );
  }
  for (const side of [inputs, outputs]) {
    const seen = new Set<string>();
    for (const field of side) {
      if (seen.has(field.name)) throw new SignatureError(`Duplicate argument '${field.name}' in signature '${signature}'.`);
      seen.add(field.name);
    }
  }
  return { inputs, outputs };
}
