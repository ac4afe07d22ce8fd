// The simulator's optimizer-facing roles, closed loop on a synthetic task: what the proposer and reflection roles
// write from what their prompts show must make the task role score better — with no answer key anywhere.
import { afterAll, describe, expect, it } from "vitest";
import { configure, Evaluate, Predict, signature, type Example, type Module } from "tsdspy";
import { SimLM } from "tsdspy/sim";
import { resetSettings } from "tsdspy/testing";
import { makeRoutingTask } from "./routing.js";
import type { SimTask } from "./sim-task.js";

afterAll(() => resetSettings());

// DSPy 3.3.1's proposer signatures (dspy/propose/dataset_summary_generator.py, grounded_proposer.py), as text.
const DatasetDescriptor = signature({
  name: "DatasetDescriptor",
  instructions:
    "Given several examples from a dataset please write observations about trends that hold for most or all of the samples. Some areas you may consider in your observations: topics, content, syntax, conciseness, etc. It will be useful to make an educated guess as to the nature of the task this dataset will enable. Don't be afraid to be creative",
  inputs: { examples: { type: "str", desc: "Sample data points from the dataset" } },
  outputs: { observations: { type: "str", desc: "Somethings that holds true for most or all of the data you observed" } },
});
const DatasetDescriptorWithPriorObservations = signature({
  name: "DatasetDescriptorWithPriorObservations",
  instructions:
    "Given several examples from a dataset please write observations about trends that hold for most or all of the samples. I will also provide you with a few observations I have already made.  Please add your own observations or if you feel the observations are comprehensive say 'COMPLETE' Some areas you may consider in your observations: topics, content, syntax, conciceness, etc. It will be useful to make an educated guess as to the nature of the task this dataset will enable. Don't be afraid to be creative",
  inputs: { examples: { type: "str", desc: "Sample data points from the dataset" }, prior_observations: { type: "str", desc: "Some prior observations I made about the data" } },
  outputs: { observations: { type: "str", desc: "Somethings that holds true for most or all of the data you observed or COMPLETE if you have nothing to add" } },
});
const ObservationSummarizer = signature({
  name: "ObservationSummarizer",
  instructions: "Given a series of observations I have made about my dataset, please summarize them into a brief 2-3 sentence summary which highlights only the most important details.",
  inputs: { observations: { type: "str", desc: "Observations I have made about my dataset" } },
  outputs: { summary: { type: "str", desc: "Two to Three sentence summary of only the most significant highlights of my observations" } },
});
const GenerateSingleModuleInstruction = signature({
  name: "GenerateSingleModuleInstruction",
  instructions:
    "Use the information below to learn about a task that we are trying to solve using calls to an LM, then generate a new instruction that will be used to prompt a Language Model to better solve the task.",
  inputs: {
    dataset_description: { type: "str", desc: "A description of the dataset that we are using." },
    task_demos: { type: "str", desc: "Example inputs/outputs of our module." },
    basic_instruction: { type: "str", desc: "Basic instruction." },
    tip: { type: "str", desc: "A suggestion for how to go about generating the new instruction." },
  },
  outputs: { proposed_instruction: { type: "str", desc: "Propose an instruction that will be used to prompt a Language Model to perform this task." } },
});

const reprOf = (examples: Example[]) => `[${examples.map((e) => e.toPyRepr()).join(", ")}]`;

async function score(task: SimTask, instruction: string | null): Promise<number> {
  const program = task.makeProgram();
  if (instruction !== null) {
    for (const [, predictor] of program.namedPredictors()) {
      const p = predictor as unknown as { signature: { withInstructions(text: string): unknown } };
      p.signature = p.signature.withInstructions(instruction) as typeof p.signature;
    }
  }
  const evaluate = new Evaluate({ devset: task.test, metric: task.metric as never, displayProgress: false, numThreads: 4 });
  return (await evaluate.call(program as Module as never)).score;
}

describe("the proposer roles, closed loop (MIPROv2's dataset summary and grounded proposer)", () => {
  it("induce the keyword rule from batches of the trainset, and the proposed instructions score far above the basic one", async () => {
    const task = makeRoutingTask({ seed: 5 });
    configure({ lm: new SimLM({ temperature: 1 }) });
    const batches = [0, 10, 20, 30, 40].map((at) => task.train.slice(at, at + 10));
    let observations = String((await new Predict(DatasetDescriptor).call({ examples: reprOf(batches[0]!) })).observations);
    for (const batch of batches.slice(1)) {
      const more = String((await new Predict(DatasetDescriptorWithPriorObservations).call({ examples: reprOf(batch), prior_observations: observations })).observations);
      if (!more.toUpperCase().startsWith("COMPLETE")) observations += more;
    }
    const summary = String((await new Predict(ObservationSummarizer).call({ observations })).summary);
    expect(summary).toMatch(/^The examples map `message` to `route`\. If the `message` mentions /);

    const basic = task.makeProgram().namedPredictors()[0]![1] as unknown as { signature: { instructions: string } };
    const tips = ["", "Keep the instruction clear and concise.", "Make sure your instruction is very informative and descriptive.", "Don't be afraid to be creative when creating the new instruction!"];
    const candidates: string[] = [];
    for (const [i, tip] of tips.entries()) {
      const lm = new SimLM().copy({ rollout_id: i, temperature: 1 });
      const out = await new Predict(GenerateSingleModuleInstruction).call(
        { dataset_description: summary, task_demos: "No task demos provided.", basic_instruction: basic.signature.instructions, tip },
        { lm } as never,
      );
      candidates.push(String(out.proposed_instruction));
    }
    // Honesty: every keyword a candidate states was shown in the batches the descriptor saw.
    const shown = new Set(task.train.flatMap((e) => String(e.message).split(" ")));
    for (const candidate of candidates) for (const m of candidate.matchAll(/"([^"]+)"/g)) expect(shown.has(m[1]!) || task.queues.includes(m[1]!)).toBe(true);

    configure({ lm: new SimLM() });
    const baseline = await score(task, null);
    const scores = await Promise.all(candidates.map((c) => score(task, c)));
    expect(Math.max(...scores)).toBeGreaterThan(baseline + 40);
    expect(new Set(scores).size).toBeGreaterThan(1); // the tip and the rollout make candidates differ in quality
  }, 30_000);
});

describe("the reflection role, closed loop (GEPA's instruction proposal)", () => {
  it("rewrites the instruction from feedback that names the deciding words, and the rewrite scores better", async () => {
    const task = makeRoutingTask({ seed: 6 });
    configure({ lm: new SimLM() });
    const signalOf = (message: string) => task.queues.flatMap((q) => task.signals[q]!.filter((w) => message.split(" ").includes(w)))[0]!;
    let instruction = (task.makeProgram().namedPredictors()[0]![1] as unknown as { signature: { instructions: string } }).signature.instructions;
    const before = await score(task, instruction);
    for (let round = 0; round < 6; round++) {
      const program = new Predict(signature(`message -> route: Literal[${task.queues.map((q) => `'${q}'`).join(", ")}]`).withInstructions(instruction));
      const minibatch = task.train.slice(round * 3, round * 3 + 3);
      const records: string[] = [];
      for (const [i, example] of minibatch.entries()) {
        const route = String((await program.call({ message: String(example.message) })).route);
        const feedback = route === example.route ? "Correct." : `Wrong: expected "${String(example.route)}", because the message mentions "${signalOf(String(example.message))}".`;
        records.push(`# Example ${i + 1}\n## Inputs\n### message\n${String(example.message)}\n\n## Generated Outputs\n### route\n${route}\n\n## Feedback\n${feedback}\n\n`);
      }
      const prompt =
        `I provided an assistant with the following instructions to perform a task for me:\n\`\`\`\n${instruction}\n\`\`\`\n\n` +
        "The following are examples of different task inputs provided to the assistant along with the assistant's response for each of them, and some feedback on how the assistant's response could be better:\n```\n" +
        records.join("\n\n") +
        "\n```\n\nYour task is to write a new instruction for the assistant.\n\nRead the inputs carefully and identify the input format and infer detailed task description about the task I wish to solve with the assistant.\n\nRead all the assistant responses and the corresponding feedback. Identify all niche and domain specific factual information about the task and include it in the instruction, as a lot of it may not be available to the assistant in the future. The assistant may have utilized a generalizable strategy to solve the task, if so, include that in the instruction as well.\n\nProvide the new instructions within ``` blocks.";
      const [output] = await new SimLM().call([{ role: "user", content: prompt }]);
      const reply = String(output!.text);
      instruction = reply.slice(reply.indexOf("```") + 3, reply.lastIndexOf("```")).trim();
    }
    expect(instruction).toMatch(/If the `message` mentions/);
    expect(await score(task, instruction)).toBeGreaterThan(before + 20);
  }, 30_000);
});

describe("the tool-use role, closed loop (tsdspy's ReAct)", () => {
  it("answers the agents example's question with two tool calls and finishes", async () => {
    const { agent } = await import("../agents/react.js");
    configure({ lm: new SimLM() });
    const pred = await agent.call({ question: "What is the capital of France and how many people live there?" });
    const trajectory = pred.trajectory as Record<string, unknown>;
    expect([trajectory.tool_name_0, trajectory.tool_args_0, trajectory.observation_0]).toEqual(["capital", { country: "France" }, "Paris"]);
    expect([trajectory.tool_name_1, trajectory.tool_args_1, trajectory.observation_1]).toEqual(["population", { city: "Paris" }, 2_102_650]);
    expect(trajectory.tool_name_2).toBe("finish");
    expect(String(pred.answer)).toContain("2102650");
  });
});
