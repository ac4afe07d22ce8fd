/** Python's `Ellipsis` (`...`), as `ast.literal_eval("...")` returns it; renders as `Ellipsis`. */
export const PY_ELLIPSIS: { readonly toPyRepr: () => string; readonly toPyStr: () => string } = Object.freeze({
  toPyRepr: () => "Ellipsis",
  toPyStr: () => "Ellipsis",
});
