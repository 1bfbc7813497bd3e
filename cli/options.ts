// Shared command-line options, validated with zod so that every usage error reads the same.
import path from "node:path";
import { z } from "zod";
import { UsageError } from "../pipelines/core/errors.ts";
import { DEFAULT_OUTPUT_DIR } from "../pipelines/core/paths.ts";
import type { Verbosity } from "./output.ts";

export const territoireOption = z
  .string()
  .regex(/^(\d{2}|2[AB]|97\d)$/i, "code de département attendu (ex. 32, 2A, 974)")
  .transform((code) => code.toUpperCase());

export const sortieOption = z.string().min(1).default(DEFAULT_OUTPUT_DIR);

/** The `--sortie …` to repeat in a suggested command; nothing for the default folder. */
export function sortieSuffix(sortie: string): string {
  return path.normalize(sortie) === path.normalize(DEFAULT_OUTPUT_DIR) ? "" : ` --sortie ${sortie}`;
}

export const donneesOption = z.array(z.string().min(1)).min(1, "indiquez au moins un dossier avec --donnees");

export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = issue.path.length ? `--${String(issue.path[0])}` : "option";
  throw new UsageError(`${option} : ${issue.message}.`, "Voir « observatoire <commande> --help ».");
}

export function verbosityOf(options: { quiet?: boolean; verbose?: boolean }): Verbosity {
  if (options.quiet) return "quiet";
  return options.verbose ? "verbose" : "normal";
}

/** Repeated --donnees accumulate in order: the later folder wins on conflicts. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
