/** The hash of docs2ts's sources, templates, manifest and lock file (source-hash.mjs). */
export function sourceHash(root: string): string;
