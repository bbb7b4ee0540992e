/**
 * Values by page path, found as the docs site finds pages: by the exact path, or else by the first path set that
 * differs from it only in case (`driveItem.md` is `driveitem.md`). The index that ignores case is made by the first
 * lookup that needs it.
 */
export class CaseTolerantMap<V> {
  private readonly exact = new Map<string, V>();
  private folded: Map<string, V> | undefined;

  constructor(entries: Iterable<readonly [string, V]> = []) {
    for (const [path, value] of entries) this.set(path, value);
  }

  set(path: string, value: V): void {
    this.exact.set(path, value);
    const lower = path.toLowerCase();
    if (this.folded && !this.folded.has(lower)) this.folded.set(lower, value);
  }

  get(path: string): V | undefined {
    const found = this.exact.get(path);
    if (found !== undefined) return found;
    if (!this.folded) {
      this.folded = new Map();
      for (const [key, value] of this.exact)
        if (!this.folded.has(key.toLowerCase())) this.folded.set(key.toLowerCase(), value);
    }
    return this.folded.get(path.toLowerCase());
  }

  /** The entries as set, exact paths only. */
  entries(): IterableIterator<[string, V]> {
    return this.exact.entries();
  }
}
