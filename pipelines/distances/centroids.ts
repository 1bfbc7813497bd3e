// Commune centroids from the loaded contours, on the current COG: the polygons of older communes are merged into
// the commune that absorbed them. Since the parts of a commune never overlap, the centroid of their union is the
// area-weighted mean of their centroids: no polygon needs dissolving.
import type { Geometry } from "geojson";
import { CONTOURS_TABLE } from "../ingest/load-contours.ts";
import type { Warehouse } from "../core/warehouse.ts";
import { centroidOf } from "../geography/centroid.ts";

export const CENTROIDS_TABLE = "offre_centroides";

/**
 * Builds `offre_centroides` (one row per current commune with a contour). When several contour files cover a
 * commune, only the latest loaded is used, so a commune is never drawn twice from two vintages.
 */
export async function buildCentroids(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`
    CREATE OR REPLACE TABLE ${CENTROIDS_TABLE} (
      code_commune VARCHAR NOT NULL, longitude DOUBLE NOT NULL, latitude DOUBLE NOT NULL, codes_sources VARCHAR NOT NULL,
      fichier_id INTEGER NOT NULL, geo_annee INTEGER)`);
  if (!(await warehouse.tableExists(CONTOURS_TABLE))) return;
  const rows = await warehouse.all<{ code_actuel: string; code: string; fichier_id: number; geo_annee: number | null; geometrie: string }>(`
    SELECT p.code_actuel, c.code_commune AS code, c.fichier_id, j.geo_annee, c.geometrie
    FROM ${CONTOURS_TABLE} c
    JOIN journal_import j ON j.fichier_id = c.fichier_id AND j.remplace_par IS NULL
    JOIN cog_passage p ON p.code_ancien = c.code_commune
    WHERE p.code_actuel IN (SELECT code_commune FROM geo_commune)
    QUALIFY c.fichier_id = max(c.fichier_id) OVER (PARTITION BY p.code_actuel)
    ORDER BY code_actuel, code`);
  const groups = new Map<string, typeof rows>();
  for (const row of rows) groups.set(row.code_actuel, [...(groups.get(row.code_actuel) ?? []), row]);
  const appender = await warehouse.connection.createAppender(CENTROIDS_TABLE);
  for (const [code, parts] of groups) {
    const point = centroidOf(parts.map((part) => JSON.parse(part.geometrie) as Geometry));
    if (!point) continue;
    appender.appendVarchar(code);
    appender.appendDouble(point.longitude);
    appender.appendDouble(point.latitude);
    appender.appendVarchar([...new Set(parts.map((part) => part.code))].join(","));
    appender.appendInteger(parts[0]!.fichier_id);
    if (parts[0]!.geo_annee === null) appender.appendNull();
    else appender.appendInteger(parts[0]!.geo_annee);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}
