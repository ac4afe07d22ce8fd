import { openAIWire } from "../../providers/openai/openai-wire.case.js";
import { LM } from "../lm.js";
import { runLMConformance, TEST_API_KEY } from "./lm-conformance.case.js";

runLMConformance({
  ...openAIWire,
  name: "openai (Chat Completions)",
  createLM: (url, options) => new LM("openai/gpt-4o-mini", { ...options, apiBase: `${url}/v1` }),
  checkRequest: (request) => openAIWire.checkRequest(request, TEST_API_KEY),
});

runLMConformance({
  ...openAIWire,
  name: "ollama (OpenAI-compatible shortcut)",
  faultExamples: 50,
  createLM: (url, options) => new LM("ollama/llama3.2", { ...options, apiBase: url }),
  checkRequest: (request) => openAIWire.checkRequest(request, TEST_API_KEY, "llama3.2"),
});
