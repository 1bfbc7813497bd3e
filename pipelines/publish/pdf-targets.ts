// Which pages become PDFs and under which names: the territory's EPCI portraits and the perimeters by default (any EPCI on request),
// commune sheets on request, with readable ASCII file names.
import path from "node:path";
import { UsageError } from "../core/errors.ts";
import type { PdfTarget } from "./print-pdf.ts";
import type { PublicationManifest } from "./publication-manifest.ts";

export interface TargetChoice {
  epci?: string[];
  communes: boolean;
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
  const epcis = choice.epci?.length ? choice.epci.map((code) => known.get(code)!) : manifest.epcis.filter((epci) => epci.rattachement === "territoire");
  const targets: PdfTarget[] = epcis.map((epci) => ({
    chemin: `/epci/${epci.code}`,
    fichier: path.join(dossier, `portrait-${epci.code}-${slug(epci.libelle)}.pdf`),
    titre: `Portrait de territoire : ${epci.libelle}`,
  }));
  // The perimeters drawn by the GIP are printed with the territory's EPCIs (not when EPCIs are named).
  if (!choice.epci?.length) {
    for (const perimetre of manifest.perimetres ?? []) {
      targets.push({
        chemin: `/perimetres/${perimetre.code}`,
        fichier: path.join(dossier, `portrait-perimetre-${slug(perimetre.code)}-${slug(perimetre.libelle)}.pdf`),
        titre: `Portrait de territoire : ${perimetre.libelle}`,
      });
    }
  }
  if (choice.communes) {
    const wanted = choice.epci?.length ? new Set(choice.epci) : undefined;
    for (const commune of manifest.communes) {
      if (wanted && !wanted.has(commune.code_epci ?? "")) continue;
      targets.push({
        chemin: `/communes/${commune.code}`,
        fichier: path.join(dossier, "communes", `fiche-${commune.code}-${slug(commune.libelle)}.pdf`),
        titre: `Fiche communale : ${commune.libelle}`,
      });
    }
  }
  return targets;
}

export function slug(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
