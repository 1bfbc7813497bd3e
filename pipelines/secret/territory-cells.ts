// The territory as an additive table for the small-count suppression: the département is the sum of its whole
// EPCIs and of a remainder (its communes in EPCIs straddling the border), each whole EPCI the sum of its communes.
// The indicators (pipelines/secret/suppress-indicators.ts) and the activity report use the same table, so a count
// published in both is masked in both.
import { WHOLE_EPCIS } from "../geography/build-geography.ts";
import type { Warehouse } from "../core/warehouse.ts";
import { masquerPetitsEffectifs, type Cellule, type Equation, type Masque } from "./suppression.ts";

export interface Arbre {
  departement: string;
  /** The territory's communes and their EPCI. */
  communes: { code: string; epci: string | null }[];
  /** EPCIs whose communes all lie in the territory. */
  epciEntiers: string[];
}

export const cle = (niveau: string, code: string) => `${niveau}:${code}`;

export interface ValeurPubliable {
  valeur: number | null;
  /** Shown in some output (an indicator row with status ok, a report table). */
  publiee: boolean;
}

export async function lireArbre(warehouse: Warehouse): Promise<Arbre> {
  const territoire = await warehouse.one<{ code_departement: string }>("SELECT code_departement FROM geo_territoire");
  const communes = await warehouse.all<{ code: string; epci: string | null }>(
    "SELECT code_commune AS code, code_epci AS epci FROM geo_commune WHERE dans_territoire ORDER BY code_commune",
  );
  const entiers = await warehouse.all<{ code_epci: string }>(WHOLE_EPCIS);
  return { departement: territoire!.code_departement, communes, epciEntiers: entiers.map((row) => row.code_epci) };
}

/**
 * Masks for the values of one count at every level (keys `niveau:code`). Values outside the tree (a straddling
 * EPCI, the région, France) only get the primary rule: nothing published subtracts them from a published total.
 */
export function masquesTerritoriaux(arbre: Arbre, valeurs: ReadonlyMap<string, ValeurPubliable>): Map<string, Masque> {
  const cells = new Map<string, Cellule>();
  const cell = (id: string) => {
    if (!cells.has(id)) {
      const value = valeurs.get(id);
      cells.set(id, { id, valeur: value?.valeur ?? null, publiee: value?.publiee ?? false });
    }
    return id;
  };
  const equations: Equation[] = [];
  const entiers = new Set(arbre.epciEntiers);
  for (const epci of arbre.epciEntiers) {
    equations.push({ total: cell(cle("epci", epci)), parties: arbre.communes.filter((c) => c.epci === epci).map((c) => cell(cle("commune", c.code))) });
  }
  const reste = arbre.communes.filter((c) => !c.epci || !entiers.has(c.epci)).map((c) => cell(cle("commune", c.code)));
  const parties = arbre.epciEntiers.map((epci) => cle("epci", epci));
  if (reste.length) {
    // The communes outside the whole EPCIs are never published together, yet a reader may know their count: the
    // camping-car's stops and the places of the offer map are public, and zero stops there means zero people. The
    // remainder is therefore taken as known, so that the département minus its EPCIs never gives a masked EPCI back.
    const id = `reste:${arbre.departement}`;
    cells.set(id, { id, valeur: null, publiee: true, fixe: true });
    equations.push({ total: id, parties: reste });
    parties.push(id);
  }
  if (parties.length) equations.push({ total: cell(cle("departement", arbre.departement)), parties });
  for (const id of valeurs.keys()) cell(id);
  return masquerPetitsEffectifs([...cells.values()], equations);
}
