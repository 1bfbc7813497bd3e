// The GIP's activity logs of the demo, for the territory studied only (the GIP works in its own département).
import type { CommuneModel } from "../model.ts";
import type { Territory } from "../territory.ts";
import { fichiersActivite } from "./files.ts";
import { journaux } from "./logs.ts";
import { lieux } from "./places.ts";
import { ANNEES_DEMO } from "./targets.ts";

export function activityDemoFiles(territory: Territory, models: ReadonlyMap<string, CommuneModel>): { chemin: string; data: Buffer; lignes: number }[] {
  const places = lieux(territory, models);
  return ANNEES_DEMO.flatMap((annee) => fichiersActivite(annee, journaux(annee, places)));
}
