import { fitTopics } from "../align/fit-topics.js";
import { defaultWorkItemWeights } from "../similarity/scorer.js";
import type { FindAncestors } from "../load/ancestors.js";
import type { Plan } from "../model/plan.js";
import type { AuditAllOptions } from "./audit-all.js";

/**
 * A batch's options with the topic space of the `topic` signal fitted once, on every plan of the batch and
 * their ancestors, for all its audits: unless the options bring a space or a scorer of their own, or weigh
 * the signal at 0.
 */
export function withBatchTopics<Options extends AuditAllOptions>(plans: readonly Plan[], findAncestors: FindAncestors, options: Options): Options {
  const align = options.align ?? {};
  const scorerOptions = align.scorerOptions ?? {};
  const weight = scorerOptions.weights?.topic ?? defaultWorkItemWeights.topic;
  if (align.scorer !== undefined || scorerOptions.topics !== undefined || weight === 0 || plans.length === 0) return options;
  const batch = new Map<string, Plan>();
  for (const plan of plans) {
    batch.set(plan.id, plan);
    for (const ancestor of findAncestors(plan, plans)) if (!batch.has(ancestor.id)) batch.set(ancestor.id, ancestor);
  }
  return { ...options, align: { ...align, scorerOptions: { ...scorerOptions, topics: fitTopics([...batch.values()]) } } };
}
