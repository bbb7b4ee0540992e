/**
 * Grouping into lists by key, in one pass: spreading the list into a new one at each item, as a one-liner does,
 * costs time quadratic in the size of the biggest group (thousands of paths under one top-level segment).
 */

/** Adds `value` to the list under `key`, starting the list if there is none. */
export function addTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}
