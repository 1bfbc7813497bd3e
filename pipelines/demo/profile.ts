// Latent factors shared by every theme of a commune, so that indicators
// correlate the way they do in rural France (small communes older and
// poorer, towns with more tenants, single people and HLM).
import type { Commune } from "./territory.ts";
import { clamp, rngFor } from "./random.ts";

export interface Profile {
  /** 0 = village of ~100 inhabitants … 1 = town of 40,000+. */
  urbanite: number;
  /** 0 = young … 1 = old population. */
  age: number;
  /** 0 = affluent … 1 = deprived (overseas communes go beyond 1). */
  precarite: number;
  outreMer: boolean;
}

export function profileOf(commune: Commune): Profile {
  const rng = rngFor(commune.code, "profil");
  const outreMer = commune.departement.startsWith("97");
  const urbanite = clamp((Math.log10(commune.population + 1) - 2) / 2.6 + rng.gauss(0, 0.05), 0, 1);
  const age = clamp(0.62 - 0.35 * urbanite + rng.gauss(0, 0.15) - (outreMer ? 0.4 : 0), 0, 1);
  const precarite = clamp(
    // Overseas medians are 15-25 % below metropolitan ones.
    0.5 + 0.15 * (0.35 - urbanite) + 0.25 * (age - 0.5) + rng.gauss(0, 0.15) + (outreMer ? 0.85 : 0),
    0,
    outreMer ? 1.6 : 1,
  );
  return { urbanite, age, precarite, outreMer };
}

/** The same commune six years earlier: slightly younger, similar otherwise. */
export function profile2016(p: Profile, code: string): Profile {
  const rng = rngFor(code, "profil16");
  return {
    ...p,
    age: clamp(p.age - 0.03 + rng.gauss(0, 0.02), 0, 1),
    precarite: clamp(p.precarite + rng.gauss(0, 0.03), 0, p.outreMer ? 1.6 : 1),
  };
}
