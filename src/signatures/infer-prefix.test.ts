import { expect, it } from "vitest";
import { inferPrefix } from "./infer-prefix.js";

// Expected values from DSPy 3.3.1's infer_prefix.
it("infers prefixes exactly as DSPy does", () => {
  const cases: Array<[string, string]> = [
    ["isHTTPSSecure123", "Is HTTPS Secure 123"], ["camelCaseText", "Camel Case Text"], ["snake_case_text", "Snake Case Text"],
    ["text2number", "Text 2 Number"], ["HTMLParser", "HTML Parser"], ["question", "Question"], ["userQuery", "User Query"],
    ["HTMLSnippet", "HTML Snippet"], ["step_by_step", "Step By Step"], ["doc_id", "Doc Id"], ["APIResponse", "API Response"],
    ["a", "A"], ["x1y2", "X 1 Y 2"], ["__private", "  Private"], ["already Title", "Already  Title"],
    ["ÉcoleName", "École Name"], ["getHTTPResponseCode", "Get HTTP Response Code"], ["_leading", " Leading"],
    ["trailing_", "Trailing "], ["ABC", "ABC"],
  ];
  for (const [name, expected] of cases) expect(inferPrefix(name)).toBe(expected);
});
