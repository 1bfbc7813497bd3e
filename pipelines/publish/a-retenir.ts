// « À retenir »: the few sentences that open a portrait or a commune sheet, written from the data by explicit rules
// (docs/a-retenir.md), never by hand. Each sentence names its figures, exactly as indicateurs.csv holds them; none
// rests on a secret, missing or fragile value.
import { formatNombre, formatSigne, formatValeur } from "../core/format-fr.ts";

/** What a rule needs to know of an indicator. */
export interface IndicateurRegle {
  id: string;
  libelle: string;
  theme: string;
  unite: string;
  decimales: number;
  classe: string;
}

/** A value as the site files hold it (site-files.ts `Valeur`). */
export interface ValeurRegle {
  valeur?: number;
  statut: string;
  fiabilite?: "fragile";
  millesime?: string;
  millesime_precedent?: number;
  valeur_precedente?: number;
  evolution?: number;
}

export interface TerritoireRegle {
  niveau: string;
  code: string;
  valeurs: Record<string, ValeurRegle | undefined>;
}

/** A reference the territory is compared with, and how a sentence names it. */
export interface ReferenceRegle extends TerritoireRegle {
  /** « dans le Gers », « en France », « dans l'EPCI ». */
  dans: string;
  /** « du Gers », « de la France », « de l'EPCI ». */
  de: string;
}

export interface ContexteRegle {
  indicateurs: IndicateurRegle[];
  sujet: TerritoireRegle;
  /** The first reference sets the gap (the département); the second is cited beside it (France, or for a commune its EPCI). */
  references: [ReferenceRegle, ReferenceRegle];
  /** Reliable values of the peers (the territory's EPCIs, or the département's communes) per indicator: their spread. */
  pairs: Record<string, number[]>;
  /** The same for the evolutions. */
  pairsEvolution: Record<string, number[]>;
  /** Whether the previous census value of an indicator is fragile for the subject (from its time series). */
  precedentFragile?: (id: string) => boolean;
  /** The number of peers, as a sentence says it: « les 15 EPCI du Gers ». */
}

/** One figure of a sentence: where it is in indicateurs.csv, its value there, and how the sentence writes it. */
export interface Figure {
  id_indicateur: string;
  niveau: string;
  code_geo: string;
  champ: "valeur" | "valeur_precedente" | "evolution";
  valeur: number;
  texte: string;
}

export interface Phrase {
  regle: "ecart" | "evolution";
  id_indicateur: string;
  /** The gap in standard deviations of the peers that ranked the sentence. */
  ecart_type: number;
  texte: string;
  figures: Figure[];
}

/** The thresholds of the rules, in standard deviations of the peers. */
export const REGLES = {
  /** A gap or an evolution is notable from one standard deviation… */
  seuil: 1,
  /** …and, to reach the minimum number of sentences, from half of one. */
  seuilComplement: 0.5,
  minimum: 4,
  maximum: 6,
  /** At most this many sentences of each rule in the first pass, and one per theme. */
  ecartsMax: 3,
  evolutionsMax: 2,
  /** A spread needs this many reliable peers. */
  pairsMin: 5,
} as const;

const EXCLUS_UNITES = new Set(["habitants"]);

interface Candidat {
  regle: Phrase["regle"];
  indicateur: IndicateurRegle;
  z: number;
  build: () => Phrase;
}

const fiable = (valeur: ValeurRegle | undefined): valeur is ValeurRegle & { valeur: number } =>
  valeur !== undefined && valeur.statut === "ok" && valeur.valeur !== undefined && valeur.fiabilite !== "fragile";

function ecartType(values: number[]): number | null {
  if (values.length < REGLES.pairsMin) return null;
  const mean = values.reduce((total, value) => total + value, 0) / values.length;
  const variance = values.reduce((total, value) => total + (value - mean) ** 2, 0) / values.length;
  return variance > 0 ? Math.sqrt(variance) : null;
}

/** Values compared as the reader sees them: rounded to the indicator's decimals. */
const rounded = (value: number, decimales: number) => Number(value.toFixed(decimales));

export function aRetenir(contexte: ContexteRegle): Phrase[] {
  const candidats = [...ecarts(contexte), ...evolutions(contexte)].sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
  const chosen: Candidat[] = [];
  const themes = new Set<string>();
  const count = (regle: Phrase["regle"]) => chosen.filter((candidat) => candidat.regle === regle).length;
  // First pass: the strongest gaps and evolutions, one per theme, so that the summary covers the territory.
  for (const candidat of candidats) {
    if (chosen.length >= REGLES.maximum || Math.abs(candidat.z) < REGLES.seuil) break;
    if (themes.has(candidat.indicateur.theme)) continue;
    if (count(candidat.regle) >= (candidat.regle === "ecart" ? REGLES.ecartsMax : REGLES.evolutionsMax)) continue;
    chosen.push(candidat);
    themes.add(candidat.indicateur.theme);
  }
  // Then, up to the minimum, the next strongest from half a standard deviation, an indicator once only.
  for (const candidat of candidats) {
    if (chosen.length >= REGLES.minimum || Math.abs(candidat.z) < REGLES.seuilComplement) break;
    if (chosen.some((other) => other.indicateur.id === candidat.indicateur.id)) continue;
    chosen.push(candidat);
  }
  return chosen.sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).map((candidat) => candidat.build());
}

function figure(territoire: TerritoireRegle, indicateur: IndicateurRegle, champ: Figure["champ"], valeur: number): Figure {
  const texte = champ === "evolution" ? formatSigne(valeur, indicateur.decimales) : formatNombre(indicateur.decimales)(valeur);
  return { id_indicateur: indicateur.id, niveau: territoire.niveau, code_geo: territoire.code, champ, valeur, texte };
}

/** Rule 1: the indicators where the territory stands farthest from the département, in standard deviations of its peers. */
function ecarts({ indicateurs, sujet, references, pairs }: ContexteRegle): Candidat[] {
  const [premiere, seconde] = references;
  return indicateurs.flatMap((indicateur): Candidat[] => {
    if (indicateur.classe === "G" || EXCLUS_UNITES.has(indicateur.unite)) return [];
    const valeur = sujet.valeurs[indicateur.id];
    const ref1 = premiere.valeurs[indicateur.id];
    const ref2 = seconde.valeurs[indicateur.id];
    if (!fiable(valeur) || !fiable(ref1) || !fiable(ref2)) return [];
    const sigma = ecartType(pairs[indicateur.id] ?? []);
    if (sigma === null) return [];
    const z = (valeur.valeur - ref1.valeur) / sigma;
    const build = (): Phrase => {
      const figures = [figure(sujet, indicateur, "valeur", valeur.valeur), figure(premiere, indicateur, "valeur", ref1.valeur), figure(seconde, indicateur, "valeur", ref2.valeur)];
      const ecrit = (v: number) => formatValeur(v, indicateur);
      const texte = `${indicateur.libelle} : ${ecrit(valeur.valeur)} ici, contre ${ecrit(ref1.valeur)} ${premiere.dans} et ${ecrit(ref2.valeur)} ${seconde.dans}, ${position(valeur.valeur, ref1.valeur, ref2.valeur, indicateur.decimales, premiere, seconde)}.`;
      return { regle: "ecart", id_indicateur: indicateur.id, ecart_type: round2(z), texte, figures };
    };
    return [{ regle: "ecart", indicateur, z, build }];
  });
}

/** « au-dessus du Gers et de la France », « en dessous du Gers mais au-dessus de la France », « au niveau du Gers »… */
function position(valeur: number, ref1: number, ref2: number, decimales: number, premiere: ReferenceRegle, seconde: ReferenceRegle): string {
  const side = (reference: number) => Math.sign(rounded(valeur, decimales) - rounded(reference, decimales));
  const words = (sign: number) => (sign > 0 ? "au-dessus" : sign < 0 ? "en dessous" : "au niveau");
  const [s1, s2] = [side(ref1), side(ref2)];
  if (s1 === s2) return `${words(s1)} ${premiere.de} et ${seconde.de}`;
  return `${words(s1)} ${premiere.de} ${s1 !== 0 && s2 !== 0 ? "mais" : "et"} ${words(s2)} ${seconde.de}`;
}

/** Rule 2: the census evolutions (vintages at least 5 years apart) that set the territory apart from the département. */
function evolutions({ indicateurs, sujet, references, pairsEvolution, precedentFragile }: ContexteRegle): Candidat[] {
  const [premiere] = references;
  return indicateurs.flatMap((indicateur): Candidat[] => {
    if (indicateur.classe === "G" || EXCLUS_UNITES.has(indicateur.unite)) return [];
    const valeur = sujet.valeurs[indicateur.id];
    const ref = premiere.valeurs[indicateur.id];
    if (!fiable(valeur) || valeur.evolution === undefined || valeur.valeur_precedente === undefined || valeur.millesime_precedent === undefined) return [];
    if (precedentFragile?.(indicateur.id)) return [];
    if (!fiable(ref) || ref.evolution === undefined) return [];
    const sigma = ecartType(pairsEvolution[indicateur.id] ?? []);
    if (sigma === null) return [];
    const z = (valeur.evolution - ref.evolution) / sigma;
    const build = (): Phrase => {
      const figures = [
        figure(sujet, indicateur, "valeur_precedente", valeur.valeur_precedente!),
        figure(sujet, indicateur, "valeur", valeur.valeur),
        figure(sujet, indicateur, "evolution", valeur.evolution!),
        figure(premiere, indicateur, "evolution", ref.evolution!),
      ];
      const unit = indicateur.unite === "%" ? "\u00a0point" : "";
      const change = (v: number) => `${formatSigne(v, indicateur.decimales)}${unit ? `${unit}${Math.abs(rounded(v, indicateur.decimales)) >= 2 ? "s" : ""}` : ""}`;
      const texte = `${indicateur.libelle} : de ${formatValeur(valeur.valeur_precedente!, indicateur)} en ${valeur.millesime_precedent} à ${formatValeur(valeur.valeur, indicateur)} en ${String(valeur.millesime).split("/")[0]} (${change(valeur.evolution!)}), ${comparaison(valeur.evolution!, ref.evolution!, indicateur.decimales, premiere)} (${change(ref.evolution!)}).`;
      return { regle: "evolution", id_indicateur: indicateur.id, ecart_type: round2(z), texte, figures };
    };
    return [{ regle: "evolution", indicateur, z, build }];
  });
}

/** « une hausse plus marquée que dans le Gers », « une baisse, quand le Gers connaît une hausse »… */
function comparaison(evolution: number, reference: number, decimales: number, premiere: ReferenceRegle): string {
  const sens = (v: number) => Math.sign(rounded(v, decimales));
  const nom = (s: number) => (s > 0 ? "hausse" : "baisse");
  const [s, r] = [sens(evolution), sens(reference)];
  if (s === 0) return `une stabilité, quand ${premiere.dans.replace(/^(dans|en) /, "")} évolue`;
  if (r === 0) return `une ${nom(s)}, quand la valeur est stable ${premiere.dans}`;
  if (s !== r) return `une ${nom(s)}, à l'inverse de la ${nom(r)} observée ${premiere.dans}`;
  const plus = Math.abs(evolution) > Math.abs(reference);
  return `une ${nom(s)} ${plus ? "plus" : "moins"} marquée que ${premiere.dans}`;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
