// When two sources publish the same variable and millésime, the most specific one is used: a census theme file
// (any of them, they publish the same counts) before Filosofi, the comparateur and the populations légales.
export const SOURCE_PRIORITY: { source: string; theme?: true }[] = [
  { source: "insee_rp", theme: true },
  { source: "insee_filosofi" },
  { source: "insee_comparateur" },
  { source: "insee_populations_legales" },
];

export function sourcePriorityCase(column = "source_id"): string {
  const whens = SOURCE_PRIORITY.map(({ source, theme }, index) =>
    `WHEN ${column} = '${source}'${theme ? ` OR starts_with(${column}, '${source}_')` : ""} THEN ${index}`).join(" ");
  return `CASE ${whens} ELSE ${SOURCE_PRIORITY.length} END`;
}
