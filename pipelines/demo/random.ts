// Seeded randomness: every draw derives from a string key (usually a
// territory code), so a commune gets the same values whichever set of
// départements is generated and in whatever order.

/** 32-bit FNV-1a; stable across platforms, good enough to seed a PRNG. */
export function hashSeed(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Normal clamped to ±3 sd, so a single draw never creates an outlier that breaks a bound. */
  gauss(mean: number, sd: number): number;
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    // 1 - next() is in (0, 1], so the log is finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal,
    gauss: (mean, sd) => mean + sd * clamp(normal(), -3, 3),
  };
}

/** One independent stream per (entity, theme), e.g. rngFor("32013", "rp22"). */
export function rngFor(...parts: string[]): Rng {
  return mulberry32(hashSeed(parts.join("|")));
}

export function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}
