import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../context/logger.js";
import { withSettings } from "../../context/settings.js";
import { Image } from "../../adapters/types/image.js";
import { Parallel } from "../../predict/parallel.js";
import { Predict } from "../../predict/predict.js";
import { Example } from "../../primitives/example.js";
import { Module } from "../../primitives/module.js";
import { Prediction } from "../../primitives/prediction.js";
import { SimpleModule } from "../__fixtures__/simple-module.js";
import { ReplayLM, type RecordedCall } from "./__fixtures__/replay-lm.js";
import { GEPA } from "./gepa.js";
import { MultiModalInstructionProposer } from "./multimodal-instruction-proposer.js";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8")) as { lm: RecordedCall[]; reflection_lm: RecordedCall[] };

/** DSPy's `test_basic_workflow` (tests/teleprompt/test_gepa.py) on its recorded LM history. */
describe("GEPA replays DSPy's recorded runs", () => {
  it.each([
    ["default threads", undefined],
    ["one thread, in DSPy's request order", 1],
  ])("test_basic_workflow ends at the instruction DSPy asserts (%s)", async (_label, numThreads) => {
    const data = fixture("gepa_dummy_lm.json");
    const lm = new ReplayLM("lm", data.lm);
    const reflectionLm = new ReplayLM("reflection_lm", data.reflection_lm);
    const metric = (example: Example, prediction: Prediction, _trace?: unknown, _predName?: unknown, _predTrace?: unknown) =>
      new Prediction({ score: example.output === prediction.output, feedback: "Wrong answer." });
    const optimizer = new GEPA({ metric, reflectionLm, maxMetricCalls: 5, numThreads: numThreads ?? null, logger: silentLogger });
    const trainset = [
      new Example({ input: "What is the color of the sky?", output: "blue" }).withInputs("input"),
      new Example({ input: "What does the fox say?", output: "Ring-ding-ding-ding-dingeringeding!" }).withInputs("input"),
    ];
    const optimized = await withSettings({ lm }, () => optimizer.compile(new SimpleModule("input -> output"), { trainset, valset: trainset }));
    expect(optimized.predictor.signature.instructions).toBe(EXPECTED_BASIC);
    expect(reflectionLm.calls).toEqual([0]);
    // The order DSPy 3.3.1 sends them with num_threads=1: seed on the valset, parent minibatch (the two examples
    // padded to three), reflection, child minibatch, child on the valset.
    if (numThreads === 1) expect(lm.calls).toEqual([2, 4, 2, 4, 4, 9, 8, 8, 9, 8]);
    else expect([...lm.calls].sort()).toEqual([2, 2, 4, 4, 4, 8, 8, 8, 9, 9]);
  });
});

const EXPECTED_BASIC =
  'Given the field `input` containing a question or phrase, produce the field `output` containing the exact, direct, and contextually appropriate answer or response that the user expects, without additional explanations, commentary, or general knowledge unless explicitly requested.\n\nKey details and guidelines:\n\n1. The `input` field contains a question or phrase that may be literal, factual, or culturally specific (e.g., references to popular culture or memes).\n\n2. The `output` must be the precise answer or response that directly addresses the `input` as intended by the user, not a general or encyclopedic explanation.\n\n3. If the `input` is a well-known phrase or question from popular culture (e.g., "What does the fox say?"), the `output` should reflect the expected or canonical answer associated with that phrase, rather than a factual or scientific explanation.\n\n4. Avoid providing additional background information, scientific explanations, or alternative interpretations unless explicitly requested.\n\n5. The goal is to produce the answer that the user expects or the "correct" answer in the context of the question, including culturally recognized or meme-based answers.\n\n6. If the `input` is a straightforward factual question (e.g., "What is the color of the sky?"), provide the commonly accepted direct answer (e.g., "Blue") rather than a detailed scientific explanation.\n\n7. The output should be concise, clear, and focused solely on answering the question or phrase in the `input`.\n\nExample:\n\n- Input: "What is the color of the sky?"\n- Output: "Blue."\n\n- Input: "What does the fox say?"\n- Output: "Ring-ding-ding-ding-dingeringeding!"\n\nThis approach ensures that the assistant provides the expected, contextually appropriate answers rather than general or overly detailed responses that may be considered incorrect by the user.';

class TimeReader extends Module {
  hour_predictor = new Predict("clock_photo: dspy.Image -> reasoning: str, hour: int");
  minute_predictor = new Predict("clock_photo: dspy.Image -> reasoning: str, minute: int");
  parallel = new Parallel({ numThreads: 2, disableProgressBar: true });
  async forward(inputs: { clock_photo: Image }) {
    const [hour, minute] = (await this.parallel.call([
      [this.hour_predictor, { clock_photo: inputs.clock_photo }],
      [this.minute_predictor, { clock_photo: inputs.clock_photo }],
    ])) as Array<Prediction<{ hour: number; minute: number }>>;
    return new Prediction({ hour: hour?.hour, minute: minute?.minute });
  }
}

describe("GEPA replays DSPy's recorded two-predictor image run", () => {
  it("test_workflow_with_custom_instruction_proposer_and_component_selector ends at DSPy's two instructions", async () => {
    const data = fixture("gepa_dummy_lm_custom_component_selector_custom_instruction_proposer.json");
    const expected = JSON.parse(readFileSync(new URL("./__fixtures__/time-reader.expected.json", import.meta.url), "utf8")) as Record<string, string>;
    const lm = new ReplayLM("lm", data.lm);
    const reflectionLm = new ReplayLM("reflection_lm", data.reflection_lm);
    const metric = (example: Example, prediction: Prediction, _trace?: unknown, _predName?: unknown, _predTrace?: unknown) => {
      const score = -Math.abs(example.hour * 60 + example.minute - (prediction.hour * 60 + prediction.minute));
      return new Prediction({ score, feedback: `Target: ${example.hour}:${example.minute}, Predicted: ${prediction.hour}:${prediction.minute}` });
    };
    const optimizer = new GEPA({
      metric,
      reflectionLm,
      maxMetricCalls: 5,
      instructionProposer: new MultiModalInstructionProposer(),
      componentSelector: (_state, _trajectories, _scores, _idx, candidate) => Object.keys(candidate),
      numThreads: 16,
      trackStats: true,
      logger: silentLogger,
    });
    const trainset = [
      new Example({
        clock_photo: new Image(
          "https://upload.wikimedia.org/wikipedia/commons/thumb/c/cf/Pendulum_clock_by_Jacob_Kock%2C_antique_furniture_photography%2C_IMG_0931_edit.jpg/500px-Pendulum_clock_by_Jacob_Kock%2C_antique_furniture_photography%2C_IMG_0931_edit.jpg",
        ),
        hour: 8,
        minute: 18,
      }).withInputs("clock_photo"),
      new Example({
        clock_photo: new Image("https://upload.wikimedia.org/wikipedia/commons/thumb/a/a5/Telechron_clock_2H07-Br_Administrator.JPG/960px-Telechron_clock_2H07-Br_Administrator.JPG"),
        hour: 4,
        minute: 16,
      }).withInputs("clock_photo"),
    ];
    const o = await withSettings({ lm }, () => optimizer.compile(new TimeReader(), { trainset, valset: trainset }));
    expect(o.hour_predictor.signature.instructions).toBe(expected.hour_predictor);
    expect(o.minute_predictor.signature.instructions).toBe(expected.minute_predictor);
    // DSPy with num_threads=1 (dspy.Parallel still runs the two predictors at once, so pairs may swap):
    // seed on the valset (4 calls), parent minibatch (6), the two reflections, child minibatch (6), child valset (4).
    expect(reflectionLm.calls).toEqual([0, 1]);
    expect([...lm.calls.slice(0, 10)].sort()).toEqual([6, 6, 6, 7, 7, 7, 8, 8, 9, 9]);
    expect([...lm.calls.slice(10)].sort()).toEqual([16, 16, 16, 17, 17, 18, 18, 19, 19, 19]);
    const details = o.detailedResults?.toDict();
    expect(details).toMatchObject({
      parents: [[null], [0]],
      val_aggregate_scores: [-146.5, -73.5],
      val_subscores: [{ 0: -112, 1: -181 }, { 0: -27, 1: -120 }],
      per_val_instance_best_candidates: { 0: [1], 1: [1] },
      discovery_eval_counts: [0, 8],
      total_metric_calls: 10,
      num_full_val_evals: 2,
      seed: 0,
      best_idx: 1,
    });
  });
});
