/** DPR's SimpleTokenizer: runs of letters/digits/marks, or any single character that is not a separator or control. */
const DPR_TOKEN = /[\p{L}\p{N}\p{M}]+|[^\p{Z}\p{C}]/gu;

/**
 * The lowercased tokens of DPR's simple tokenizer over the NFD form of `text` (DSPy's `DPR_normalize`).
 *
 * @example
 * dprNormalize("Grew 3.5%") // ["grew", "3", ".", "5", "%"]
 */
export function dprNormalize(text: string): string[] {
  return [...text.normalize("NFD").matchAll(DPR_TOKEN)].map((match) => match[0].toLowerCase());
}
