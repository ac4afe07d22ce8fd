import type { AnswerContext, FieldAnswer } from "../answer-context.js";
import type { SimField } from "../sim-prompt.js";
import { describeExamples, summarizeObservations } from "./describe-data.js";
import { describeModule, describeProgram } from "./describe-program.js";
import { offerAdvice, readAdviceInputs } from "./offer-advice.js";
import { proposeFromAttempts, proposeFromBasic, proposeGrounded, proposePrefix, type ProposerInputs } from "./propose-instruction.js";
import { rewriteInstruction } from "./reflect-instruction.js";
import { decideToolStep, readTools, readTrajectory } from "./use-tools.js";

function text(ctx: AnswerContext, name: string): string | undefined {
  return ctx.prompt.query[name]?.text;
}

function has(ctx: AnswerContext, name: string): boolean {
  return ctx.prompt.inputs.some((f) => f.name === name);
}

function proposerInputs(ctx: AnswerContext): ProposerInputs {
  const optional = (key: keyof ProposerInputs, name: string) => (text(ctx, name) !== undefined ? { [key]: text(ctx, name)! } : {});
  return {
    basicInstruction: text(ctx, "basic_instruction") ?? "",
    ...optional("datasetDescription", "dataset_description"),
    ...optional("taskDemos", "task_demos"),
    ...optional("module", "module"),
    ...optional("previousInstructions", "previous_instructions"),
    ...optional("tip", "tip"),
    ...optional("attemptedInstructions", "attempted_instructions"),
  };
}

function role(field: SimField, value: unknown, detail: string): FieldAnswer {
  return { value, note: { field: field.name, strategy: "role", detail } };
}

/**
 * Answers a field in one of the roles optimizers give an LM, recognised by the prompt's field names (docs/sim.md,
 * "Roles"); `null` for an ordinary task field. Every role composes its answer only from what its prompt shows.
 */
export function answerByRole(ctx: AnswerContext, field: SimField): FieldAnswer | null {
  const sampled = ctx.temperature > 0;
  const rng = ctx.rng.fork(`role:${field.name}`);
  if (field.name === "observations" && has(ctx, "examples")) {
    return role(field, describeExamples(text(ctx, "examples") ?? "", text(ctx, "prior_observations") ?? "", ctx.lexicon), "I describe the trends the examples show.");
  }
  if (field.name === "summary" && has(ctx, "observations")) {
    return role(field, summarizeObservations(text(ctx, "observations") ?? ""), "I keep the observations' rules and patterns.");
  }
  if (field.name === "program_description" && has(ctx, "program_code")) {
    return role(field, describeProgram(text(ctx, "program_code") ?? "", text(ctx, "program_example") ?? ""), "I describe the program from its code.");
  }
  if (field.name === "module_description" && has(ctx, "module")) {
    return role(field, describeModule(text(ctx, "module") ?? "", text(ctx, "program_code") ?? ""), "I describe the module's inputs and outputs.");
  }
  if (field.kind === "str" && /instruction/i.test(field.name)) {
    const records = ctx.prompt.inputs.find((f) => /^# Example \d+\s*$/m.test(text(ctx, f.name) ?? "") && /^## Feedback\s*$/m.test(text(ctx, f.name) ?? ""));
    if (records) {
      const current = ctx.prompt.inputs.find((f) => f !== records && /instruction/i.test(f.name));
      const rewrite = rewriteInstruction(current ? (text(ctx, current.name) ?? "") : "", text(ctx, records.name) ?? "", rng, ctx.lexicon);
      return role(field, rewrite, "I rewrite the instruction from the examples and their feedback.");
    }
    const inputs = proposerInputs(ctx);
    if (inputs.attemptedInstructions !== undefined) return role(field, proposeFromAttempts(inputs.attemptedInstructions, rng), "I build on the best-scoring attempts.");
    if (has(ctx, "dataset_description") || has(ctx, "task_demos") || has(ctx, "tip") || has(ctx, "previous_instructions")) {
      return role(field, proposeGrounded(inputs, rng, sampled, ctx.lexicon), "I add the rules the data and demos show, and what the tip asks for.");
    }
    return role(field, proposeFromBasic(inputs.basicInstruction, rng), "I keep the basic instruction and add a general suggestion.");
  }
  if (field.kind === "str" && /prefix/i.test(field.name) && ctx.prompt.outputs.some((f) => /instruction/i.test(f.name))) {
    return role(field, proposePrefix(proposerInputs(ctx)), "I name the output field as the prefix.");
  }
  const adviceField = ctx.prompt.outputs.find((f) => f.kind === "json" && /advice/i.test(f.name));
  if (adviceField && (field === adviceField || field.name === "discussion")) {
    const { discussion, advice } = offerAdvice(readAdviceInputs(ctx.prompt.query), ctx.lexicon);
    return role(field, field === adviceField ? advice : discussion, "I compare the trajectories and advise each module.");
  }
  if (/^next_(thought|tool_name|tool_args)$/.test(field.name)) {
    const tools = readTools(ctx.prompt.instructions);
    if (tools.length === 0) return null;
    const question = ctx.prompt.inputs
      .filter((f) => f.name !== "trajectory" && ctx.prompt.query[f.name] !== undefined)
      .map((f) => ctx.prompt.query[f.name]!.text)
      .join("\n");
    const decision = decideToolStep(question, tools, readTrajectory(text(ctx, "trajectory") ?? ""), ctx.lexicon);
    const value = field.name === "next_thought" ? decision.thought : field.name === "next_tool_name" ? decision.tool : decision.args;
    return role(field, value, decision.thought);
  }
  return null;
}
