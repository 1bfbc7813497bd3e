// Lambert-93 (EPSG:2154, RGF93 on GRS80) ↔ WGS84 longitude/latitude, with IGN's closed formulas (notes NTG-71).
// Written out rather than taken from proj4: only this one projection is needed, the inverse runs inside DuckDB
// (whose spatial extension cannot be installed here) and RGF93 and WGS84 differ by less than a metre.
const N = 0.725607765053267;
const C = 11754255.426096;
const XS = 700000;
const YS = 12655612.049876;
const E = 0.0818191910428158;
const LAMBDA0 = (3 * Math.PI) / 180;

/** Longitude and latitude (degrees) → Lambert-93 metres; used by the demo to publish both, as the BPE does. */
export function toLambert93(longitude: number, latitude: number): [x: number, y: number] {
  const phi = (latitude * Math.PI) / 180;
  const sin = Math.sin(phi);
  const iso = Math.log(Math.tan(Math.PI / 4 + phi / 2) * Math.pow((1 - E * sin) / (1 + E * sin), E / 2));
  const r = C * Math.exp(-N * iso);
  const gamma = N * ((longitude * Math.PI) / 180 - LAMBDA0);
  return [XS + r * Math.sin(gamma), YS - r * Math.cos(gamma)];
}

/**
 * Geodetic latitude from the conformal latitude χ by its series in e² (Snyder, Map Projections, eq. 3-5):
 * closed, unlike IGN's fixed-point iteration, whose nested macro grew exponentially in DuckDB. The truncation
 * error is below 1e-10 degree (a hundredth of a millimetre) over metropolitan France.
 */
const E2 = E * E;
const SERIES = [
  E2 / 2 + (5 * E2 ** 2) / 24 + E2 ** 3 / 12 + (13 * E2 ** 4) / 360,
  (7 * E2 ** 2) / 48 + (29 * E2 ** 3) / 240 + (811 * E2 ** 4) / 11520,
  (7 * E2 ** 3) / 120 + (81 * E2 ** 4) / 1120,
  (4279 * E2 ** 4) / 161280,
];

/** DuckDB macros l93_longitude(x, y) and l93_latitude(x, y), in degrees. */
export function lambert93Macros(): string {
  const terms = SERIES.map((coefficient, index) => ` + ${coefficient} * sin(${2 * (index + 1)} * chi)`).join("");
  return `
    CREATE OR REPLACE TEMP MACRO l93_conformal(x, y) AS
      2 * atan(exp(-ln(sqrt(pow(x - ${XS}, 2) + pow(y - ${YS}, 2)) / ${C}) / ${N})) - pi() / 2;
    CREATE OR REPLACE TEMP MACRO l93_from_conformal(chi) AS degrees(chi${terms});
    CREATE OR REPLACE TEMP MACRO l93_longitude(x, y) AS degrees(${LAMBDA0} + atan((x - ${XS}) / (${YS} - y)) / ${N});
    CREATE OR REPLACE TEMP MACRO l93_latitude(x, y) AS l93_from_conformal(l93_conformal(x, y));
  `;
}
