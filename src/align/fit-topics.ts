import type { Plan } from "../model/plan.js";
import { fitTopicModel, maxFittedTexts, type TopicModel, type TopicModelOptions } from "../similarity/topics.js";
import { itemTextsOf } from "./item-texts.js";

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
  // In a fixed order, so that the same plans give the same space whatever order they come in.
  return fitTopicModel(itemTextsOf(planSample(plans), ["section", "task", "project"]).sort(), options);
}

/**
 * The plans whose items are read: all of them, or, when they hold far more items than a space is fitted on
 * (a province's batch), an even sample of them by id. Listing a plan's items costs more than fitting on them.
 */
function planSample(plans: readonly Plan[]): Plan[] {
  const byId = [...plans].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const items = byId.reduce((sum, plan) => sum + plan.sections.length + plan.tasks.length + plan.projects.length, 0);
  const stride = Math.max(1, Math.floor(items / (2 * maxFittedTexts)));
  return byId.filter((_, position) => position % stride === 0);
}
