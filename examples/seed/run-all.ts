import { lmFromEnv } from "../../src/clients/lm-from-env.js";

// The article's examples are being ported. Until then, the demo checks that the configured LM answers.
if (!process.env.TSDSPY_LM) {
  console.log("tsdspy: set TSDSPY_LM=provider/model (see docs/providers.md) to run the demo against your model.");
} else {
  const lm = lmFromEnv({ cache: false });
  const [output] = await lm.call([{ role: "user", content: "Reply with one short sentence: what is DSPy?" }]);
  console.log(`${lm.model}: ${output?.text}`);
  console.log("usage:", JSON.stringify(lm.history.at(-1)?.usage), "cost:", lm.history.at(-1)?.cost);
}
