// Aligns rows of text into columns for the terminal; numeric columns are right-aligned.
export function alignColumns(rows: string[][], rightAligned: number[] = []): string[] {
  const widths = rows[0]!.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? "").length)));
  return rows.map(
    (row) => `  ${row.map((cell, index) => (rightAligned.includes(index) ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!))).join("  ").trimEnd()}`,
  );
}
