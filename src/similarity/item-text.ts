import type { MatchableItem } from "./types.js";

/**
 * The text of an item that a vector model reads (the topic model fitted on the plans, or a model of meaning
 * behind an endpoint): its label, and its body when it says more. Vectors are looked up by this text, so an
 * item carried by another object, or read again, finds its vector.
 */
export function itemText(item: MatchableItem): string {
  return item.body === "" || item.body === item.label ? item.label : `${item.label}\n${item.body}`;
}
