import { geminiWire } from "../../providers/gemini/gemini-wire.case.js";
import { LM } from "../lm.js";
import { runLMConformance, TEST_API_KEY } from "./lm-conformance.case.js";

runLMConformance({
  ...geminiWire,
  name: "gemini (generateContent)",
  createLM: (url, options) => new LM("gemini/gemini-2.5-flash", { ...options, apiBase: `${url}/v1beta` }),
  checkRequest: (request) => geminiWire.checkRequest(request, TEST_API_KEY),
  checkStreamRequest: (request) => geminiWire.checkStreamRequest(request),
});
