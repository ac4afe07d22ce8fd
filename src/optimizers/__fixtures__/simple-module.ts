import { Predict } from "../../predict/predict.js";
import { Module } from "../../primitives/module.js";

/** DSPy's test module: one predictor, forwarding its inputs. */
export class SimpleModule extends Module {
  predictor: Predict;
  constructor(signature: string) {
    super();
    this.predictor = new Predict(signature);
  }
  async forward(inputs: Record<string, any>) {
    return this.predictor.call(inputs);
  }
}
