// Every command that writes to the output folder holds its lock for its whole run (a pipeline's steps share one).
import { withOutputLock } from "../pipelines/core/output-lock.ts";
import type { Reporter } from "./output.ts";

export function locked<T>(sortie: string, commande: string, reporter: Reporter, work: () => Promise<T>): Promise<T> {
  return withOutputLock(sortie, commande, work, (message) => reporter.warn(message));
}
