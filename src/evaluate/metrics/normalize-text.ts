export { normalizeText, normalizedTokens } from "../../python/normalize-text.js";
