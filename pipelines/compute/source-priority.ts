// When two sources publish the same variable and millésime, the most specific one is used.
export const SOURCE_PRIORITY = [
  "insee_rp_evol_struct_pop",
  "insee_rp_coupl_fam_men",
  "insee_rp_logement",
  "insee_rp_diplomes_formation",
  "insee_rp_emploi_pop_active",
  "insee_filosofi",
  "insee_comparateur",
  "insee_populations_legales",
];

export function sourcePriorityCase(column = "source_id"): string {
  const whens = SOURCE_PRIORITY.map((source, index) => `WHEN '${source}' THEN ${index}`).join(" ");
  return `CASE ${column} ${whens} ELSE ${SOURCE_PRIORITY.length} END`;
}
