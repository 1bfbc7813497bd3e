// Where the demo's activity happens: communes drawn in proportion to their population, tilted by what each log
// serves (calls come more from rural communes, courtesy calls reach old isolated villages, parcels poorer places).
import type { CommuneModel } from "../model.ts";
import type { Rng } from "../random.ts";
import type { Territory } from "../territory.ts";
import { cumulate, drawIndex } from "./calendar.ts";

export type Penchant = "appels" | "isolement" | "precarite" | "population" | "uniforme" | "rural";

const POIDS: Record<Penchant, (model: CommuneModel) => number> = {
  appels: ({ commune, profile }) => commune.population * (1.5 - 0.8 * profile.urbanite),
  isolement: ({ commune, profile }) => commune.population * (0.6 + profile.age) * (1.6 - profile.urbanite),
  precarite: ({ commune, profile }) => commune.population * (0.5 + profile.precarite),
  population: ({ commune }) => commune.population,
  uniforme: () => 1,
  rural: ({ commune }) => (commune.population > 0 && commune.population < 1_500 ? 1 : 0),
};

export interface Lieux {
  /** A commune of the territory drawn with the tilt. */
  tirer(rng: Rng, penchant: Penchant): string;
  /** The EPCI of a commune when all of that EPCI's communes are in the territory. */
  epciEntier(code: string): string | undefined;
  /** Communes of the territory's EPCIs lying outside it: callers from across the border. */
  horsTerritoire: string[];
}

export function lieux(territory: Territory, models: ReadonlyMap<string, CommuneModel>): Lieux {
  const communes = territory.communes.map((commune) => models.get(commune.code)!);
  const cumulatives = new Map<Penchant, number[]>();
  const cumulative = (penchant: Penchant) => {
    if (!cumulatives.has(penchant)) cumulatives.set(penchant, cumulate(communes.map(POIDS[penchant])));
    return cumulatives.get(penchant)!;
  };
  const inside = new Set(territory.communes.map((commune) => commune.code));
  const epci = new Map<string, string>();
  for (const item of territory.epcis) {
    if (item.membres.every((code) => inside.has(code))) for (const code of item.membres) epci.set(code, item.code);
  }
  return {
    tirer: (rng, penchant) => communes[drawIndex(rng, cumulative(penchant))]!.commune.code,
    epciEntier: (code) => epci.get(code),
    horsTerritoire: [...territory.communesByCode.keys()].filter((code) => !inside.has(code)).sort(),
  };
}
