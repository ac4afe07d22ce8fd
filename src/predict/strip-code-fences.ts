import { PythonSyntaxError } from "../errors/python-syntax-error.js";

const PYTHON_LANGS = new Set(["python", "py", "python3", "py3", ""]);

/**
 * RLM's reading of the LM's `code` (DSPy's `_strip_code_fences`): outer bare fence pairs dropped, then the first
 * fenced block (python or untagged); text without fences as it is. A fence tagged with another language throws.
 */
export function stripCodeFences(text: string): string {
  let code = text.trim();
  if (!code.includes("```")) return code;
  const lines = code.split(/\r\n|\r|\n/);
  while (lines.length >= 2 && lines[0]!.trim() === "```" && lines[lines.length - 1]!.trim() === "```") {
    lines.shift();
    lines.pop();
  }
  code = lines.join("\n").trim();
  if (!code.includes("```")) return code;
  const after = code.slice(code.indexOf("```") + 3);
  const newline = after.indexOf("\n");
  if (newline === -1) return code;
  const langLine = after.slice(0, newline).trim();
  const lang = (langLine ? langLine.split(/\s+/)[0]! : "").toLowerCase();
  if (!PYTHON_LANGS.has(lang)) throw new PythonSyntaxError(`Expected Python code but got \`\`\`${lang} fence. Write Python code, not ${lang}.`);
  const rest = after.slice(newline + 1);
  const end = rest.indexOf("```");
  return (end === -1 ? rest : rest.slice(0, end)).trim();
}
