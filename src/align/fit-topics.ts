import { getOutline } from "../model/sections.js";
import type { Plan } from "../model/plan.js";
import { itemText } from "../similarity/item-text.js";
import { fitTopicModel, type TopicModel, type TopicModelOptions } from "../similarity/topics.js";
import { collectItems } from "./items.js";

/**
 * Fits the topic space of the `topic` signal on plans' tasks, projects and groups: pass it to alignments as
 * `scorerOptions.topics`. Fit it once on every plan at hand (a batch, its ancestors, and other plans of the
 * same field, such as the bundled ones): more plans teach more of which words go together.
 *
 * @example
 * const plans = bundledPlanIds.map(getBundledPlan);
 * const topics = fitTopics(plans);
 * alignPlans(getBundledPlan("nanyang"), getBundledPlan("daixian"), { scorerOptions: { topics } });
 */
export function fitTopics(plans: readonly Plan[], options: TopicModelOptions = {}): TopicModel {
  const texts = new Set<string>();
  for (const plan of plans) {
    const outline = getOutline(plan);
    for (const kind of ["section", "task", "project"] as const) for (const entry of collectItems(plan, kind, outline)) texts.add(itemText(entry.item));
  }
  // In a fixed order, so that the same plans give the same space whatever order they come in.
  return fitTopicModel([...texts].sort(), options);
}
