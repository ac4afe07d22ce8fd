export { normalizeText, normalizedTokens } from "../../utils/normalize-text.js";
