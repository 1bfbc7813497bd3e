// The order of the steps, from their declarations alone: a step runs after every step that writes what it reads.
import type { Resource, Step, StepId } from "./step.ts";

/** The steps a run needs for its targets: the targets and every step upstream, save acquisitions not asked for. */
export function planSteps(steps: readonly Step[], cibles: readonly StepId[]): Step[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const writers = new Map<Resource, Step[]>();
  for (const step of steps) for (const resource of step.ecrit) writers.set(resource, [...(writers.get(resource) ?? []), step]);
  const upstream = (step: Step) => [...new Set(step.lit.flatMap((resource) => writers.get(resource) ?? []))].filter((other) => other !== step);

  const wanted = new Set<StepId>();
  const visit = (step: Step) => {
    if (wanted.has(step.id)) return;
    wanted.add(step.id);
    for (const other of upstream(step)) if (!other.acquisition || cibles.includes(other.id)) visit(other);
  };
  for (const id of cibles) visit(byId.get(id) ?? unknown(id));

  // Kahn's algorithm, ties broken by the registry's order so that the plan reads like the pipeline.
  const chosen = steps.filter((step) => wanted.has(step.id));
  const order: Step[] = [];
  const placed = new Set<StepId>();
  while (order.length < chosen.length) {
    const next = chosen.find((step) => !placed.has(step.id) && upstream(step).every((other) => !wanted.has(other.id) || placed.has(other.id)));
    if (!next) throw new Error(`steps form a cycle: ${chosen.filter((step) => !placed.has(step.id)).map((step) => step.id).join(", ")}`);
    order.push(next);
    placed.add(next.id);
  }
  return order;
}

function unknown(id: string): never {
  throw new Error(`unknown step: ${id}`);
}
