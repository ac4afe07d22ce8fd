/**
 * DSPy's `infer_prefix`: a field name as title-cased words, acronyms kept (`isHTTPSSecure123` → `Is HTTPS Secure 123`).
 * Only state files use it (`"prefix": "Question:"`).
 */
export function inferPrefix(name: string): string {
  const s1 = name.replace(/(.)([A-Z][a-z]+)/g, "$1_$2");
  const s2 = s1.replace(/([a-z0-9])([A-Z])/g, "$1_$2");
  const s3 = s2.replace(/([a-zA-Z])(\d)/g, "$1_$2").replace(/(\d)([a-zA-Z])/g, "$1_$2");
  return s3
    .split("_")
    .map((word) => (isUpper(word) ? word : capitalize(word)))
    .join(" ");
}

/** Python's `str.isupper()`: at least one cased character and no lowercase ones. */
function isUpper(word: string): boolean {
  return word.toUpperCase() === word && word.toLowerCase() !== word;
}

/** Python's `str.capitalize()`: first character upper-cased, the rest lower-cased. */
function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
