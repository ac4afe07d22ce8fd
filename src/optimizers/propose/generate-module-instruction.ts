import { withSettings } from "../../context/settings.js";
import type { LMLike } from "../../lm/lm-like.js";
import type { Module } from "../../primitives/module.js";
import { Predict } from "../../predict/predict.js";
import type { Signature } from "../../signatures/signature.js";
import { findBudgetError } from "../run/find-budget-error.js";
import { exampleString } from "./example-string.js";
import { moduleClassName } from "./program-code.js";
import { DescribeModule, DescribeProgram, generateInstructionSignature, type InstructionSignatureFlags } from "./proposer-signatures.js";
import { stripPrefix } from "./strip-prefix.js";
import { rethrowIfCancelled } from "../../context/with-signal.js";

/** Demo candidates per predictor index: a list of demo sets, each a list of demos. */
export type DemoCandidates = ReadonlyArray<ReadonlyArray<ReadonlyArray<unknown>>>;

/** What one instruction proposal needs (DSPy's `GenerateModuleInstruction` and its `forward` arguments). */
export interface ModuleInstructionRequest {
  flags: InstructionSignatureFlags & { useTaskDemos: boolean };
  programCode: string | null;
  program: Module;
  predictorIndex: number;
  demoCandidates: DemoCandidates | null;
  demoSetIndex: number;
  previousInstructions: string;
  dataSummary: string | null;
  numDemosInContext: number;
  tip: string | null;
  /** The rollout copy of the prompt model every call of this proposal uses. */
  lm: LMLike;
}

function signatureOf(program: Module, index: number): Signature {
  return (program.predictors()[index] as unknown as { signature: Signature }).signature;
}

function keysOf(demo: unknown): string[] {
  if (demo && typeof (demo as { keys?: unknown }).keys === "function") return (demo as { keys(): string[] }).keys();
  return demo && typeof demo === "object" ? Object.keys(demo) : [];
}

function getter(demo: unknown): { get(key: string): unknown } {
  if (demo && typeof (demo as { get?: unknown }).get === "function") return demo as { get(key: string): unknown };
  return { get: (key) => (demo as Record<string, unknown>)[key] };
}

/** Up to `max` augmented demos, from the chosen set first and then the following sets, wrapping around. */
function taskDemos(request: ModuleInstructionRequest): string {
  const sets = request.demoCandidates?.[request.predictorIndex] ?? [];
  const i = request.demoSetIndex;
  const ordered = [sets[i] ?? [], ...sets.slice(i + 1), ...sets.slice(0, i)];
  const fields = signatureOf(request.program, request.predictorIndex).fields;
  const strings: string[] = [];
  outer: for (const set of ordered) {
    for (const demo of set) {
      if (!keysOf(demo).includes("augmented")) continue;
      strings.push(exampleString(fields, getter(demo)));
      if (strings.length >= request.numDemosInContext) break outer;
    }
  }
  return `${strings.join("\n\n")}\n\n`;
}

/**
 * One proposed instruction for one predictor (DSPy's `GenerateModuleInstruction.forward`): the task demos around the
 * chosen demo set, with `programAware` a description of the program and of the module (a failure there drops them,
 * as DSPy), then `GenerateSingleModuleInstruction`, prefix-stripped.
 */
export async function generateModuleInstruction(request: ModuleInstructionRequest): Promise<string> {
  return withSettings({ lm: request.lm }, async () => {
    const signature = signatureOf(request.program, request.predictorIndex);
    let demos = request.flags.useTaskDemos ? taskDemos(request) : "";
    if (!demos.trim() || request.demoSetIndex === 0) demos = "No task demos provided.";

    let programDescription = "Not available";
    let moduleCode = "Not provided";
    let moduleDescription = "Not provided";
    if (request.flags.programAware) {
      try {
        const described = await new Predict(DescribeProgram).call({ program_code: request.programCode, program_example: demos });
        programDescription = stripPrefix(String(described.program_description));
        const inputs = Object.keys(signature.inputFields);
        const outputs = Object.keys(signature.outputFields);
        const predictor = request.program.predictors()[request.predictorIndex] as object;
        moduleCode = `${moduleClassName(predictor)}(${inputs.join(", ")}) -> ${outputs.join(", ")}`;
        const module = await new Predict(DescribeModule).call({
          program_code: request.programCode,
          program_description: programDescription,
          program_example: demos,
          module: moduleCode,
        });
        moduleDescription = String(module.module_description);
      } catch (error) {
        rethrowIfCancelled(error);
        if (findBudgetError(error)) throw error;
      }
    }
    const instruct = await new Predict(generateInstructionSignature(request.flags)).call({
      dataset_description: request.dataSummary,
      program_code: request.programCode,
      module: moduleCode,
      program_description: programDescription,
      module_description: moduleDescription,
      task_demos: demos,
      tip: request.tip,
      basic_instruction: signature.instructions,
      previous_instructions: request.previousInstructions,
    });
    return stripPrefix(String(instruct.proposed_instruction));
  });
}
