// Great-circle distance (haversine on the mean Earth radius), once in TypeScript and once as a DuckDB macro
// written from the same constants, so the tests check the SQL against the TS and both against known distances.

/** IUGG mean Earth radius, in km: the haversine's error against the ellipsoid stays below 0.5 %. */
export const RAYON_TERRE_KM = 6371.0088;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

export function distanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = radians(lat2 - lat1);
  const dLon = radians(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(dLon / 2) ** 2;
  // Rounding can push h a hair above 1 for antipodal points: asin would return NaN.
  return 2 * RAYON_TERRE_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** `distance_km(lon1, lat1, lon2, lat2)` in DuckDB, the same formula. */
export function distanceMacroSql(): string {
  return `
    CREATE OR REPLACE TEMP MACRO distance_km(lon1, lat1, lon2, lat2) AS
      2 * ${RAYON_TERRE_KM} * asin(sqrt(least(1.0,
        pow(sin(radians(lat2 - lat1) / 2), 2) + cos(radians(lat1)) * cos(radians(lat2)) * pow(sin(radians(lon2 - lon1) / 2), 2))));`;
}
