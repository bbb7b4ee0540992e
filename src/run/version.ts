/**
 * What a cache entry was made by: a hash of docs2ts's own sources, templates, package manifest and lock file (the
 * versions of prettier and the parser). Any change to docs2ts (an edit, an upgrade of it or of a dependency) gives
 * a new version, so an entry an older docs2ts wrote is never read.
 */
import { projectRoot } from "./project-root.js";
import { sourceHash } from "./source-hash.mjs";

let cached: string | undefined;

export function docs2tsVersion(): string {
  return (cached ??= sourceHash(projectRoot()));
}
