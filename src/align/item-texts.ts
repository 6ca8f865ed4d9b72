import type { Plan } from "../model/plan.js";
import { getOutline } from "../model/sections.js";
import { itemText } from "../similarity/item-text.js";
import type { ItemKind } from "../similarity/types.js";
import { collectItems } from "./items.js";

const allKinds: readonly ItemKind[] = ["indicator", "task", "project", "section"];

/**
 * The texts of every item that aligning these plans compares (indicators, tasks, projects and the sections
 * that group them, or the `kinds` given), each once, empty ones left out: what a model of meaning is asked to
 * embed, and what the topic space is fitted on. A text is
 * an item's label, and its body when it says more, as the scorer looks vectors up (`TextEmbeddings`).
 *
 * @example
 * itemTextsOf([getBundledPlan("daixian")]).length; // 92
 */
export function itemTextsOf(plans: readonly Plan[], kinds: readonly ItemKind[] = allKinds): string[] {
  const texts = new Set<string>();
  for (const plan of plans) {
    const outline = getOutline(plan);
    for (const kind of kinds) {
      for (const entry of collectItems(plan, kind, outline)) {
        const text = itemText(entry.item);
        if (text.trim() !== "") texts.add(text);
      }
    }
  }
  return [...texts];
}
