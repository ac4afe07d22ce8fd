import { pythonLiteralEval } from "../../python/python-literal.js";
import { readSections } from "../read-sections.js";
import { cosine, TfIdf } from "../similarity.js";
import { quotedPieces } from "../read-stated-rule.js";
import { FULL_LEXICON, wordTokens, type Lexicon } from "../text-tokens.js";

/** A tool as DSPy's ReAct instructions list it: `(n) name, whose description is <desc>…</desc>. It takes arguments {…}.` */
export interface ListedTool {
  name: string;
  description: string;
  args: Record<string, { type?: string }>;
}

/** One finished step of the trajectory. */
export interface ToolStep {
  tool: string;
  args: string;
  observation: string;
}

/** The tools an instruction lists (DSPy's ReAct format), or an empty list. */
export function readTools(instructions: string): ListedTool[] {
  const tools: ListedTool[] = [];
  for (const m of instructions.matchAll(/^\s*\(\d+\) (\w+)(?:, whose description is <desc>(.*?)<\/desc>)?\. It takes arguments (.*)\.$/gm)) {
    let args: Record<string, { type?: string }> = {};
    try {
      const value = pythonLiteralEval(m[3] as string);
      if (value && typeof value === "object" && !(value instanceof Map)) args = value as Record<string, { type?: string }>;
    } catch {
      args = {};
    }
    tools.push({ name: m[1] as string, description: m[2] ?? "", args });
  }
  return tools;
}

/** The steps of a trajectory formatted as DSPy's ReAct formats it (`[[ ## tool_name_0 ## ]]` … sections). */
export function readTrajectory(text: string): ToolStep[] {
  const sections = readSections(text);
  const steps: ToolStep[] = [];
  for (let i = 0; sections.has(`tool_name_${i}`); i++) {
    steps.push({ tool: sections.get(`tool_name_${i}`)!, args: sections.get(`tool_args_${i}`) ?? "{}", observation: sections.get(`observation_${i}`) ?? "" });
  }
  return steps;
}

/** A name-like phrase: a run of capitalised words not at the start of the text, or a quoted piece. */
function namedPhrases(text: string): string[] {
  const quoted = quotedPieces(text);
  const capitalised = [...text.matchAll(/(?<![.!?]\s|^)\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*/g)].map((m) => m[0]);
  return [...quoted, ...capitalised];
}

function firstNumber(text: string): number | undefined {
  const m = /-?\d+(?:\.\d+)?/.exec(text);
  return m ? Number(m[0]) : undefined;
}

/** The decision for the next step: a tool and its arguments, or `finish`, and the thought that says why. */
export interface ToolDecision {
  tool: string;
  args: Record<string, unknown>;
  thought: string;
}

/**
 * The tool-use role (ReAct's `next_thought`, `next_tool_name`, `next_tool_args`): each listed tool is called at most
 * once, the one whose name and description are most similar to the question and the last observation first; a
 * string argument is the new name-like phrase of the last observation (a short observation, up to four words, is
 * itself the argument), else a name-like phrase of the question, else its content words; a number argument is the
 * first number there; when every tool has been called, or the last call failed, the step is `finish`.
 */
export function decideToolStep(question: string, tools: readonly ListedTool[], steps: readonly ToolStep[], lexicon: Lexicon = FULL_LEXICON): ToolDecision {
  const usable = tools.filter((t) => t.name !== "finish");
  const called = new Set(steps.map((s) => s.tool));
  const last = steps[steps.length - 1];
  const remaining = usable.filter((t) => !called.has(t.name));
  if (remaining.length === 0 || (last && /^Execution error/.test(last.observation))) {
    return { tool: "finish", args: {}, thought: "I have gathered what the tools can give; I will finish and answer from the observations." };
  }
  const focus = `${question}\n${last?.observation ?? ""}`;
  const texts = remaining.map((t) => `${t.name.replace(/_/g, " ")} ${t.description} ${Object.keys(t.args).join(" ")}`);
  const tfidf = new TfIdf([...texts, focus], lexicon);
  const fv = tfidf.vector(focus);
  const scored = remaining.map((tool, i) => ({ tool, score: cosine(tfidf.vector(texts[i]!), fv), i })).sort((a, b) => b.score - a.score || a.i - b.i);
  const tool = scored[0]!.tool;
  const source = last?.observation ?? question;
  const fresh = namedPhrases(source).filter((p) => !question.includes(p));
  const short = last && wordTokens(last.observation).length <= 4 && !question.includes(last.observation.trim()) ? last.observation.trim().replace(/[.!?]$/, "") : undefined;
  const phrase =
    fresh[0] ??
    short ??
    namedPhrases(question)[0] ??
    wordTokens(question)
      .filter((t) => !lexicon.isStopword(t.norm))
      .slice(0, 5)
      .map((t) => t.text)
      .join(" ");
  const args: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(tool.args)) {
    const type = schema?.type;
    if (type === "integer" || type === "number") args[name] = firstNumber(source) ?? firstNumber(question) ?? 0;
    else if (type === "boolean") args[name] = true;
    else args[name] = phrase;
  }
  return { tool: tool.name, args, thought: `To answer, I will call \`${tool.name}\` with ${JSON.stringify(args)}.` };
}
