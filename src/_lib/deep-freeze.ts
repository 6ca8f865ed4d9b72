/**
 * Freezes a value and everything in it: shared data (bundled plans, defaults, labels) is frozen once and then
 * handed out without copying, so no caller can change what later calls see.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
