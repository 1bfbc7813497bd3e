// Real geography of the demo: communes, EPCIs, département(s) and région(s)
// from @etalab/decoupage-administratif, so the demo joins with real maps
// and real commune lists.
import { readFileSync } from "node:fs";
import { UsageError } from "../core/errors.ts";
import { decoupageFile } from "../geography/decoupage.ts";

export interface Commune {
  code: string;
  nom: string;
  departement: string;
  region: string;
  arrondissement?: string;
  zone: string;
  /** Population municipale (PMUN) of the legal populations. */
  population: number;
}

export interface Epci {
  /** SIREN, 9 digits: the CODGEO of INSEE's EPCI files. */
  code: string;
  nom: string;
  membres: string[];
}

export interface Departement {
  code: string;
  nom: string;
  region: string;
  chefLieu: string;
  zone: string;
}

export interface Region {
  code: string;
  nom: string;
}

export interface Territory {
  departements: Departement[];
  regions: Region[];
  /** Communes written to commune-level files, sorted by code. */
  communes: Commune[];
  /** EPCIs with at least one commune in the territory, sorted by SIREN. */
  epcis: Epci[];
  /** Every commune the generator must model: the territory plus the other members of its EPCIs. */
  communesByCode: Map<string, Commune>;
  /** Population municipale per région, for synthetic but sized région rows. */
  populationRegion: Map<string, number>;
  populationFrance: number;
}

interface RawCommune extends Commune {
  type: string;
}

interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}

interface Decoupage {
  communes: RawCommune[];
  epcis: RawEpci[];
  departements: Departement[];
  regions: Region[];
}

let cache: Decoupage | undefined;

function loadDecoupage(): Decoupage {
  if (cache) return cache;
  const read = <T>(name: Parameters<typeof decoupageFile>[0]): T => JSON.parse(readFileSync(decoupageFile(name), "utf8")) as T;
  cache = {
    communes: read<RawCommune[]>("communes"),
    epcis: read<RawEpci[]>("epci"),
    departements: read<Departement[]>("departements"),
    regions: read<Region[]>("regions"),
  };
  return cache;
}

// INSEE publishes these base-cc files for the 101 départements only (not the other overseas collectivities).
const CODE_ATTENDU = /^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/;

/** Every département INSEE publishes base-cc files for: the whole of France. */
export function allDepartementCodes(): string[] {
  return loadDecoupage().departements.filter((d) => d.zone !== "com" && CODE_ATTENDU.test(d.code)).map((d) => d.code);
}

export function loadTerritory(codes: readonly string[]): Territory {
  const data = loadDecoupage();
  const departements = codes.map((raw) => {
    const code = raw.trim().toUpperCase();
    const dep = CODE_ATTENDU.test(code) ? data.departements.find((d) => d.code === code) : undefined;
    if (!dep) throw new UsageError(`Département inconnu : ${raw}. Codes attendus : 01 à 95, 2A, 2B, 971 à 976.`);
    return dep;
  });
  const wanted = new Set(departements.map((d) => d.code));

  const actuelles: Commune[] = data.communes
    .filter((c) => c.type === "commune-actuelle")
    .map((c) => ({
      code: c.code,
      nom: c.nom,
      departement: c.departement,
      region: c.region,
      arrondissement: c.arrondissement,
      zone: c.zone,
      // A few "morts pour la France" villages have no inhabitants; keep them at 0, never undefined.
      population: Number(c.population) || 0,
    }));
  const allByCode = new Map<string, Commune>();
  const populationRegion = new Map<string, number>();
  let populationFrance = 0;
  for (const c of actuelles) {
    allByCode.set(c.code, c);
    populationRegion.set(c.region, (populationRegion.get(c.region) ?? 0) + c.population);
    if (CODE_ATTENDU.test(c.departement)) populationFrance += c.population;
  }

  const communes = actuelles.filter((c) => wanted.has(c.departement)).sort(byCode);
  const communesByCode = new Map<string, Commune>(communes.map((c) => [c.code, c]));
  const epcis: Epci[] = [];
  for (const e of data.epcis) {
    const membres = e.membres.map((m) => m.code).filter((code) => allByCode.has(code));
    if (!membres.some((code) => communesByCode.has(code))) continue;
    epcis.push({ code: e.code, nom: e.nom, membres });
  }
  for (const e of epcis) for (const code of e.membres) communesByCode.set(code, allByCode.get(code)!);
  epcis.sort(byCode);

  const regionCodes = new Set(departements.map((d) => d.region));
  const regions = data.regions.filter((r) => regionCodes.has(r.code)).sort(byCode);
  return { departements, regions, communes, epcis, communesByCode, populationRegion, populationFrance };
}

function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
