import { resolve } from "node:path";
import { ChatAdapter } from "../../adapters/chat-adapter.js";
import type { Signature } from "../../signatures/signature.js";
import { printResult, type CommandContext } from "../cli-context.js";
import { openArtifact } from "./evaluate-command.js";
import { openProject } from "./open-project.js";

/** `tsdspy inspect <artifact>`: each predictor's instructions, demos and the messages it will send (inputs as `{name}`), and the manifest. */
export async function inspectCommand(context: CommandContext, artifact: string): Promise<number> {
  const project = await openProject(context);
  const dir = resolve(context.cwd, artifact);
  const { program, manifest } = await openArtifact(project, dir);
  const adapter = new ChatAdapter();
  const predictors = program.namedPredictors().map(([name, parameter]) => {
    const predictor = parameter as unknown as { signature: Signature; demos: Array<Record<string, unknown>> };
    const signature = predictor.signature;
    const placeholders = Object.fromEntries(Object.keys(signature.inputFields).map((field) => [field, `{${field}}`]));
    const demos = predictor.demos.map((demo) => (typeof (demo as { toDict?: () => object }).toDict === "function" ? (demo as unknown as { toDict(): Record<string, unknown> }).toDict() : demo));
    return { name, instructions: signature.instructions, demos, messages: adapter.format(signature, demos, placeholders) };
  });
  printResult(context, { artifact: dir, manifest, predictors }, () => [
    `Artifact ${dir}: ${manifest.programVersion} for ${manifest.model}, ${manifest.optimizer.name}, created ${manifest.createdAt}`,
    `Release decision: ${manifest.decision.promote ? "promote" : "block"}; splits ${Object.entries(manifest.splits).map(([n, s]) => `${n} ${s.size}`).join(", ")}`,
    ...predictors.flatMap((p) => [
      "",
      `== ${p.name}: ${p.demos.length} demo(s)`,
      `Instructions: ${p.instructions}`,
      ...p.messages.map((m) => `--- ${m.role}\n${typeof m.content === "string" ? m.content : JSON.stringify(m.content)}`),
    ]),
  ]);
  return 0;
}
