import { anthropicWire } from "../../providers/anthropic/anthropic-wire.case.js";
import { LM } from "../lm.js";
import { runLMConformance, TEST_API_KEY } from "./lm-conformance.case.js";

runLMConformance({
  ...anthropicWire,
  name: "anthropic (Messages)",
  createLM: (url, options) => new LM("anthropic/claude-sonnet-4-5", { ...options, apiBase: url }),
  checkRequest: (request) => anthropicWire.checkRequest(request, TEST_API_KEY),
});
