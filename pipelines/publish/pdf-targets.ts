// Which pages become PDFs and under which names: the territory's EPCI portraits and the perimeters by default (any EPCI on request),
// commune sheets on request, with readable ASCII file names.
import path from "node:path";
import { UsageError } from "../core/errors.ts";
import type { PdfTarget } from "./print-pdf.ts";
import type { PublicationManifest } from "./publication-manifest.ts";

export interface TargetChoice {
  epci?: string[];
  communes: boolean;
  /** Commune sheets of these communes only (Insee codes). */
  commune?: string[];
  /** Also print each portrait's annex: the table of all the indicators, in its own file. */
  annexe?: boolean;
}

/** The PDF files of a territory, as the printer writes them and the pages link to them. */
export function pdfFileNames(code: string, libelle: string): { portrait: string; annexe: string; fiche: string } {
  return {
    portrait: `portrait-${code}-${slug(libelle)}.pdf`,
    annexe: `portrait-${code}-${slug(libelle)}-annexe.pdf`,
    fiche: `fiche-${code}-${slug(libelle)}.pdf`,
  };
}

export function pdfTargets(manifest: PublicationManifest, choice: TargetChoice, dossier: string): PdfTarget[] {
  const known = new Map(manifest.epcis.map((epci) => [epci.code, epci]));
  for (const code of choice.epci ?? []) {
    if (!known.has(code)) {
      throw new UsageError(
        `--epci : EPCI inconnu « ${code} ».`,
        `Codes possibles : ${manifest.epcis.map((epci) => `${epci.code} (${epci.libelle})`).join(", ")}.`,
      );
    }
  }
  const knownCommunes = new Map(manifest.communes.map((commune) => [commune.code, commune]));
  for (const code of choice.commune ?? []) {
    if (!knownCommunes.has(code)) {
      throw new UsageError(`--commune : commune inconnue « ${code} » dans le territoire publié.`, "Donnez le code Insee d'une commune du territoire (5 caractères, par exemple 32013 pour Auch).");
    }
  }
  const onlyCommunes = Boolean(choice.commune?.length) && !choice.epci?.length;
  const epcis = onlyCommunes ? [] : choice.epci?.length ? choice.epci.map((code) => known.get(code)!) : manifest.epcis.filter((epci) => epci.rattachement === "territoire");
  const targets: PdfTarget[] = epcis.flatMap((epci) => {
    const names = pdfFileNames(epci.code, epci.libelle);
    const portrait = { chemin: `/epci/${epci.code}`, fichier: path.join(dossier, names.portrait), titre: `Portrait de territoire : ${epci.libelle}` };
    // The annex prints the same page with only its table shown (print stylesheet, « ?annexe »).
    const annexe = { chemin: `/epci/${epci.code}?annexe`, fichier: path.join(dossier, names.annexe), titre: `Portrait de territoire : ${epci.libelle} — annexe, les indicateurs` };
    return choice.annexe ? [portrait, annexe] : [portrait];
  });
  // The perimeters drawn by the GIP are printed with the territory's EPCIs (not when EPCIs or communes are named).
  if (!choice.epci?.length && !onlyCommunes) {
    for (const perimetre of manifest.perimetres ?? []) {
      targets.push({
        chemin: `/perimetres/${perimetre.code}`,
        fichier: path.join(dossier, `portrait-perimetre-${slug(perimetre.code)}-${slug(perimetre.libelle)}.pdf`),
        titre: `Portrait de territoire : ${perimetre.libelle}`,
      });
    }
  }
  const sheets = choice.commune?.length
    ? choice.commune.map((code) => knownCommunes.get(code)!)
    : choice.communes
      ? manifest.communes.filter((commune) => !choice.epci?.length || choice.epci.includes(commune.code_epci ?? ""))
      : [];
  for (const commune of sheets) {
    targets.push({
      chemin: `/communes/${commune.code}`,
      fichier: path.join(dossier, "communes", pdfFileNames(commune.code, commune.libelle).fiche),
      titre: `Fiche communale : ${commune.libelle}`,
    });
  }
  return targets;
}

export function slug(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
