// Shared dating rules: INSEE publishes a census or Filosofi vintage on the geography of three years later.
import type { FileContext } from "./definition.ts";
import { yearIn } from "./variable-names.ts";

export const latest = (years: number[]): number | undefined => (years.length ? Math.max(...years) : undefined);

export const latestColumnVintage = (context: FileContext): number | undefined => latest(context.millesimesColonnes);

export const threeYearsLater = (millesime: number | undefined): number | undefined =>
  millesime === undefined ? undefined : millesime + 3;

/** "geo2024" in an archive or file name states the geography outright. */
export const statedGeographyOr =
  (fallback: (millesime: number | undefined) => number | undefined) =>
  (millesime: number | undefined, context: FileContext): number | undefined =>
    yearIn(context.chemin, /geo(?:19|20)\d{2}/gi) ?? fallback(millesime);
