import type { LanguageModel } from "../../lm/language-model.js";
import type { LMCapabilities } from "../../lm/lm-capabilities.js";
import type { LMRequest } from "../../lm/lm-request.js";
import type { LMResponse } from "../../lm/lm-response.js";
import { OpenAIEndpoint, type OpenAIProviderSettings } from "./openai-settings.js";

/** What the OpenAI models share: a model id at an endpoint, with the endpoint's capabilities for that model. */
export abstract class OpenAIEndpointModel implements LanguageModel {
  readonly specificationVersion = "tsdspy-lm-v1" as const;
  readonly provider: string;
  readonly capabilities: LMCapabilities;
  protected readonly endpoint: OpenAIEndpoint;

  constructor(
    readonly modelId: string,
    settings: OpenAIProviderSettings | OpenAIEndpoint = {},
  ) {
    this.endpoint = settings instanceof OpenAIEndpoint ? settings : new OpenAIEndpoint(settings);
    this.provider = this.endpoint.name;
    this.capabilities = this.endpoint.capabilitiesFor(modelId);
  }

  abstract doGenerate(request: LMRequest): Promise<LMResponse>;
}
