import { distance } from "fastest-levenshtein";

// The bundled plans a name that is neither a plan id nor a file may have meant: `nanyan` → nanyang by
// edit distance, `南阳` → nanyang by its jurisdiction's name.

/** A bundled plan as suggestions name it. */
export interface KnownPlan {
  id: string;
  /** Its jurisdiction's name, e.g. 南阳市. */
  jurisdiction: string;
}

/** At most this many suggestions. */
const mostSuggested = 3;

/** 南阳市 → 南阳, 河南省 → 河南, so that a place's name is found with or without its level. */
const withoutLevel = (name: string) => (name.length > 2 ? name.replace(/[省市县区]$/u, "") : name);

/**
 * The bundled plans `name` most likely meant, nearest first: for a name in Chinese, the plans whose
 * jurisdiction it names (南阳, 南阳市); for any other, the ids within a few edits of it (a third of its
 * length, rounded up), as a typo, a missing letter or two swapped make. None for a path or a file name, which
 * names a file, not a plan.
 */
export function nearestPlans(name: string, plans: readonly KnownPlan[]): KnownPlan[] {
  const given = name.trim();
  if (given === "" || /[/\\.]/u.test(given)) return [];
  if (/\p{Script=Han}/u.test(given)) {
    const place = withoutLevel(given);
    return plans.filter((plan) => withoutLevel(plan.jurisdiction) === place || (place.length >= 2 && plan.jurisdiction.startsWith(place))).slice(0, mostSuggested);
  }
  const typed = given.toLowerCase();
  const allowed = Math.ceil(typed.length / 3);
  return plans
    .map((plan) => ({ plan, edits: distance(typed, plan.id) }))
    .filter(({ edits }) => edits <= allowed)
    .sort((a, b) => a.edits - b.edits || a.plan.id.localeCompare(b.plan.id))
    .slice(0, mostSuggested)
    .map(({ plan }) => plan);
}
