// The pipeline's steps. Their order here only breaks ties: the runner orders them from what each reads and writes.
import { calculer } from "./calculer.ts";
import { compter } from "./compter.ts";
import { demo } from "./demo.ts";
import { distances } from "./distances.ts";
import { harmoniser } from "./harmoniser.ts";
import { importer } from "./importer.ts";
import { offre } from "./offre.ts";
import { pdf } from "./pdf.ts";
import { publier } from "./publier.ts";
import { rapport } from "./rapport.ts";
import type { Step } from "./step.ts";

export const STEPS: readonly Step[] = [demo, importer, harmoniser, compter, distances, calculer, offre, rapport, publier, pdf] as readonly Step<unknown>[];
