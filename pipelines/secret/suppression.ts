// Small-count suppression of the GIP's published counts (class G): a count from 1 to 4 is masked (primary), and
// more cells are masked (secondary) until no masked count can be recomputed by subtraction from published totals.
//
// A table is a set of cells bound by additive equations (total = Σ parts: a département and its EPCIs, an EPCI and
// its communes, a year and its months). A cell is known when published, or when it is the only unknown cell of an
// equation whose other cells are known. While a small count would become known that way, one more published cell is
// masked: the cheapest one that keeps it unknown, looked for in that equation first, then in the equations that gave
// away its other cells (an EPCI recomputed from its communes), parts before totals.
//
// Zero is published: it reveals nobody. Cells that are not published at all (commune counts of violence fiches) take
// part in the equations as unknowns; a cell a reader can work out from elsewhere (the remainder of a département
// outside its whole EPCIs, see territory-cells.ts) is declared published and fixed instead.

export const SEUIL_SECRET = 5;

export type Masque = "primaire" | "secondaire";

export interface Cellule {
  id: string;
  /** The count; null when not known here either (it may be derived from an equation). */
  valeur: number | null;
  /** Candidate for publication; a hidden cell is never published but can still be derived. */
  publiee: boolean;
  /** Status settled by another table (a total the indicators publish or mask): this table cannot change it. */
  fixe?: boolean;
}

export interface Equation {
  total: string;
  parties: string[];
}

export const estPetitEffectif = (valeur: number | null, seuil = SEUIL_SECRET): boolean => valeur !== null && valeur > 0 && valeur < seuil;

export function masquerPetitsEffectifs(cellules: readonly Cellule[], equations: readonly Equation[], seuil = SEUIL_SECRET): Map<string, Masque> {
  const byId = new Map(cellules.map((cellule) => [cellule.id, { ...cellule }]));
  for (const equation of equations) {
    for (const id of [equation.total, ...equation.parties]) {
      if (!byId.has(id)) throw new Error(`Secret statistique : cellule « ${id} » absente de la table.`);
    }
  }
  completeValues(byId, equations);
  const masques = new Map<string, Masque>();
  for (const cellule of byId.values()) if (cellule.publiee && !cellule.fixe && estPetitEffectif(cellule.valeur, seuil)) masques.set(cellule.id, "primaire");
  const small = (id: string) => estPetitEffectif(byId.get(id)!.valeur, seuil);
  const shown = (id: string, masks: Map<string, Masque>) => byId.get(id)!.publiee && !masks.has(id);

  for (;;) {
    const { known, derivations } = propagate(byId, equations, masques);
    const disclosed = [...derivations.keys()].find((id) => known.has(id) && small(id) && !shown(id, masques));
    if (disclosed === undefined) return masques;
    const candidates = candidatesFor(derivations.get(disclosed)!, derivations, byId, masques);
    if (!candidates.length) throw new Error(`Secret statistique : impossible de protéger « ${disclosed} ».`);
    // The cheapest part whose masking keeps the small count unknown; if none alone does, the cheapest part, and the
    // next round masks below it (an EPCI and one of its communes); a total only when no part can be masked.
    const works = (id: string) => !propagate(byId, equations, new Map(masques).set(id, "secondaire")).known.has(disclosed);
    const parts = candidates.filter((candidate) => !candidate.total).map((candidate) => candidate.id);
    const all = candidates.map((candidate) => candidate.id);
    const choice = parts.find(works) ?? parts[0] ?? all.find(works) ?? all[0]!;
    masques.set(choice, "secondaire");
  }
}

/** What a reader computes from the published cells: every cell that is the only unknown of an equation, repeatedly. */
function propagate(byId: Map<string, Cellule>, equations: readonly Equation[], masques: Map<string, Masque>): { known: Set<string>; derivations: Map<string, Equation> } {
  const known = new Set([...byId.values()].filter((cell) => cell.publiee && !masques.has(cell.id)).map((cell) => cell.id));
  const derivations = new Map<string, Equation>();
  for (let changed = true; changed;) {
    changed = false;
    for (const equation of equations) {
      const unknown = [equation.total, ...equation.parties].filter((id) => !known.has(id));
      if (unknown.length !== 1) continue;
      derivations.set(unknown[0]!, equation);
      known.add(unknown[0]!);
      changed = true;
    }
  }
  return { known, derivations };
}

/**
 * Published cells whose masking may stop the derivation: the cells of the equation that gave the small count away,
 * then those of the equations that gave away its other cells (an EPCI recomputed from its communes). Parts before
 * totals (a total is what readers look for first), non-zero before zero (a masked zero protects little), nearest first,
 * smallest first, then by id so that tables are reproducible.
 */
function candidatesFor(equation: Equation, derivations: Map<string, Equation>, byId: Map<string, Cellule>, masques: Map<string, Masque>): { id: string; total: boolean }[] {
  const found = new Map<string, { total: boolean; depth: number }>();
  const seen = new Set<Equation>();
  const visit = (current: Equation, depth: number) => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const id of [current.total, ...current.parties]) {
      const cell = byId.get(id)!;
      if (cell.publiee && !cell.fixe && !masques.has(id) && !found.has(id)) found.set(id, { total: id === current.total, depth });
      const origin = derivations.get(id);
      if (origin && origin !== current) visit(origin, depth + 1);
    }
  };
  visit(equation, 0);
  const value = (id: string) => byId.get(id)!.valeur ?? 0;
  return [...found].sort(([a, x], [b, y]) =>
    Number(x.total) - Number(y.total) || Number(value(a) === 0) - Number(value(b) === 0) || x.depth - y.depth || value(a) - value(b) || a.localeCompare(b),
  ).map(([id, { total }]) => ({ id, total }));
}

/** Values of hidden cells that an equation determines (a département minus its EPCIs). */
function completeValues(byId: Map<string, Cellule>, equations: readonly Equation[]): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const equation of equations) {
      const cells = [equation.total, ...equation.parties].map((id) => byId.get(id)!);
      const missing = cells.filter((cell) => cell.valeur === null);
      if (missing.length !== 1) continue;
      const sumParts = equation.parties.reduce((total, id) => total + (byId.get(id)!.valeur ?? 0), 0);
      const cell = missing[0]!;
      cell.valeur = cell.id === equation.total ? sumParts : byId.get(equation.total)!.valeur! - sumParts;
      changed = true;
    }
  }
}
