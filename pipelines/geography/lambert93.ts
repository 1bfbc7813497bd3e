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

/** Six fixed-point steps bring the latitude below 1e-11 rad everywhere in metropolitan France. */
const STEPS = 6;

/** DuckDB macros l93_longitude(x, y) and l93_latitude(x, y), in degrees. */
export function lambert93Macros(): string {
  let phi = "2 * atan(exp(l93_iso(x, y))) - pi() / 2";
  for (let step = 0; step < STEPS; step += 1) phi = `l93_step(${phi}, l93_iso(x, y))`;
  return `
    CREATE OR REPLACE TEMP MACRO l93_iso(x, y) AS -ln(sqrt(pow(x - ${XS}, 2) + pow(y - ${YS}, 2)) / ${C}) / ${N};
    CREATE OR REPLACE TEMP MACRO l93_step(phi, iso) AS
      2 * atan(pow((1 + ${E} * sin(phi)) / (1 - ${E} * sin(phi)), ${E} / 2) * exp(iso)) - pi() / 2;
    CREATE OR REPLACE TEMP MACRO l93_longitude(x, y) AS degrees(${LAMBDA0} + atan((x - ${XS}) / (${YS} - y)) / ${N});
    CREATE OR REPLACE TEMP MACRO l93_latitude(x, y) AS degrees(${phi});
  `;
}
