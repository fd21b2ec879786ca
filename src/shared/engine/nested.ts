/**
 * Nested maps for the hot loops: one lookup per key part instead of building a joined string key for every row (a
 * string per row is most of the garbage a million-message recompute makes).
 */

/** The child map under a key, created on first use. */
export function sub<K, K2, V>(m: Map<K, Map<K2, V>>, k: K): Map<K2, V> {
  let s = m.get(k);
  if (!s) {
    s = new Map<K2, V>();
    m.set(k, s);
  }
  return s;
}
