/**
 * A raw cell as a value: the spaces around it removed, empty as NULL. DuckDB's trim removes
 * Unicode space separators (' ', no-break space, ideographic space, …), never tabs or line
 * breaks, and builds a new string. A cell of ASCII characters only that neither starts nor ends
 * with ' ' is its own trimmed value, so trim runs only on the other cells: detection and the
 * typed pass read every cell this way (1 M rows × 5 columns, native: 0.42 → 0.30 s).
 */
export function cellValueSql(cell: string): string {
  const mayHaveSpaceAround = `starts_with(${cell}, ' ') OR ends_with(${cell}, ' ') OR strlen(${cell}) <> length(${cell})`;
  return `(CASE WHEN ${mayHaveSpaceAround} THEN nullif(trim(${cell}), '') ELSE nullif(${cell}, '') END)`;
}
