// A small seeded random source for the synthetic nation. Each plan draws from its own stream, seeded by
// the nation's seed and the plan's division code, so a plan comes out the same whichever other divisions
// are generated with it. Written by hand: mulberry32 and FNV-1a are a few lines, not worth a dependency.

/** Random draws from one seeded stream. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
}

/** A stream for one plan: the same seed and key always give the same draws. */
export function createRandom(seed: number, key: string): Random {
  let state = hashString(`${seed}:${key}`);
  // mulberry32: a 32-bit state, good enough spread for choosing perturbations.
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error("cannot pick from an empty list");
      return items[integer(0, items.length - 1)] as (typeof items)[number];
    },
    integer,
    shuffle: (items) => {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index -= 1) {
        const other = integer(0, index);
        [copy[index], copy[other]] = [copy[other] as (typeof copy)[number], copy[index] as (typeof copy)[number]];
      }
      return copy;
    },
  };
}

/** FNV-1a over the string's UTF-16 code units: a stable 32-bit seed from a key. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
