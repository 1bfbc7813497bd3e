// How a published text cell becomes a number or a year, in DuckDB SQL: one reading for every loader.

/**
 * A number written with a dot or a comma (both are published, sometimes in one file); NULL when the cell is empty or
 * not a number. The cast ignores surrounding spaces; replace() copies the string, so only cells holding a comma pay it.
 */
export const sqlNumber = (column: string) =>
  `CASE WHEN contains(${column}, ',') THEN TRY_CAST(replace(${column}, ',', '.') AS DOUBLE) ELSE TRY_CAST(${column} AS DOUBLE) END`;

/** The first year 19xx/20xx in the text; a bare four-digit year, the usual cell, skips the regular expression. */
export const sqlYear = (column: string) =>
  `CASE WHEN ${column} GLOB '19[0-9][0-9]' OR ${column} GLOB '20[0-9][0-9]' THEN ${column}::INTEGER
        ELSE TRY_CAST(regexp_extract(coalesce(${column}, ''), '(19|20)[0-9]{2}') AS INTEGER) END`;
