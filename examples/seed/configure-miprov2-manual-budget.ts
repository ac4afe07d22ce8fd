// Port of `configure-miprov2-manual-budget.py`: MIPROv2's manual-control guard, without any optimization.
import { Example, LM, MIPROv2, Predict, ValueError } from "tsdspy";
import { runIfMain, type Print } from "./run-example.js";

function metric(_example: Example, _prediction: unknown): number {
  return 1.0;
}

export async function main(print: Print): Promise<void> {
  // Construction does not send a request; compile would use these configured LMs.
  const lm = new LM("openai/not-called-in-this-example", { apiKey: "unused" });

  const optimizer = new MIPROv2({
    metric,
    promptModel: lm,
    taskModel: lm,
    auto: null,
    numCandidates: 4,
  });
  const student = new Predict("ticket_text -> resolution");
  const trainset = [new Example({ ticket_text: "My refund is late.", resolution: "Check refund status." }).withInputs("ticket_text")];

  try {
    await optimizer.compile(student, { trainset });
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    print(`missing_num_trials_rejected: ${error.message.includes("num_trials") ? "True" : "False"}`);
  }
  print(`manual_candidate_count: ${optimizer.numCandidates}`);
}

runIfMain(import.meta, main);
