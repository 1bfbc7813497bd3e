// One commune modelled once: latent profile, both census vintages and
// Filosofi values, all seeded by the commune code.
import { censusValues, population2016 } from "./census.ts";
import { packCensus, type PackedCensus } from "./census-files.ts";
import { filosofiValues, type FilosofiValues } from "./filosofi.ts";
import { profile2016, profileOf, type Profile } from "./profile.ts";
import { rngFor } from "./random.ts";
import type { Commune } from "./territory.ts";

export interface CommuneModel {
  commune: Commune;
  profile: Profile;
  rp22: PackedCensus;
  rp16: PackedCensus;
  filosofi: FilosofiValues;
}

export function modelCommune(commune: Commune): CommuneModel {
  const profile = profileOf(commune);
  // The census vintage differs from the legal-population one, hence a small gap with PMUN.
  const pop22 = Math.max(0, Math.round(commune.population * rngFor(commune.code, "p22").uniform(0.97, 1.03)));
  const rp22 = censusValues(pop22, profile, rngFor(commune.code, "rp22"));
  const pop16 = population2016(pop22, profile, rngFor(commune.code, "p16"));
  const rp16 = censusValues(pop16, profile2016(profile, commune.code), rngFor(commune.code, "rp16"));
  const rng = rngFor(commune.code, "filosofi");
  const filosofi = filosofiValues(
    {
      nbmen: Math.round(rp22.C_MEN! * 0.95 * (1 + rng.gauss(0, 0.01))),
      nbpers: Math.round(rp22.C_PMEN! * 0.97 * (1 + rng.gauss(0, 0.01))),
      profile,
      partProprietaires: rp22.P_RP! > 0 ? rp22.P_RP_PROP! / rp22.P_RP! : 0.7,
    },
    rng,
  );
  return { commune, profile, rp22: packCensus(rp22), rp16: packCensus(rp16), filosofi };
}

