/**
 * V8's code cache for the CommonJS modules a worker requires. Rendering needs ts-morph, which bundles the TypeScript
 * compiler: 9 MB of JavaScript that a worker takes half a second to compile and run, while the calling thread of a
 * one-page edit waits for the few files it has to render. With the bytecode V8 compiled in an earlier run (the
 * functions the printers ran included), it loads in two thirds of that. Node 22 does this itself
 * (`module.enableCompileCache`); on Node 20 `require` compiles through `vm.Script` with the cached data here.
 *
 * Each module's cache is one file named by the module's path, size and mtime, written whole under a temporary name
 * and renamed into place, with a checksum (V8 checks its data's version, flags and source length, not its bytes); a
 * file that fails either check is written again.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { dirname, join } from "node:path";
import { constants, Script } from "node:vm";
import * as zlib from "node:zlib";

interface CompiledModule {
  readonly script: Script;
  readonly cacheFile: string;
}

type CompileFunction = (this: NodeJS.Module, content: string, filename: string) => unknown;

const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The modules compiled without usable cached data, whose cache `saveCodeCache` writes. */
const uncached: CompiledModule[] = [];
let cacheDirectory: string | undefined;

/** Requires of this thread from now on compile with the code cache in `directory`. */
export function useCodeCache(directory: string): void {
  if (cacheDirectory !== undefined) return;
  cacheDirectory = directory;
  const native = (Module as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache;
  if (native) {
    native(directory);
    return;
  }
  // The checksum needs zlib.crc32 (Node 20.15 and later); an older Node loads modules as it does by itself.
  if (!crc32) return;
  const prototype = Module.prototype as unknown as { _compile: CompileFunction };
  const original = prototype._compile;
  prototype._compile = function (content, filename) {
    // A file with a hashbang, or one that cannot be stat'ed, compiles as Node compiles it.
    const cacheFile = content.startsWith("#!") ? undefined : cacheFileOf(directory, filename);
    if (cacheFile === undefined) return original.call(this, content, filename);
    const cachedData = readCached(cacheFile);
    const script = new Script(Module.wrap(content), {
      filename,
      ...(cachedData ? { cachedData } : {}),
      // `import()` in the module resolves as in a module Node compiled (Node 20.12 and later).
      ...(constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER
        ? { importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
        : {}),
    });
    if (!cachedData || script.cachedDataRejected) uncached.push({ script, cacheFile });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireOf(this), this, filename, dirname(filename));
  };
}

/**
 * Writes the cache of every module compiled without one, with the functions run so far compiled in: called once the
 * modules have done their work (a worker's first files rendered), not at load.
 */
export function saveCodeCache(): void {
  if (cacheDirectory === undefined) return;
  (Module as { flushCompileCache?: () => void }).flushCompileCache?.();
  for (const { script, cacheFile } of uncached.splice(0)) {
    const temporary = `${cacheFile}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      const data = script.createCachedData();
      const checksum = Buffer.alloc(4);
      checksum.writeUInt32LE(crc32!(data));
      writeFileSync(temporary, Buffer.concat([checksum, data]));
      renameSync(temporary, cacheFile);
    } catch {
      // A cache that cannot be written only costs time.
      rmSync(temporary, { force: true });
    }
  }
}

function cacheFileOf(directory: string, filename: string): string | undefined {
  const stats = statSync(filename, { throwIfNoEntry: false });
  if (!stats) return undefined;
  const name = createHash("sha1").update(`${filename}\0${stats.size}\0${stats.mtimeMs}`).digest("hex");
  return join(directory, `${name.slice(0, 20)}.v8`);
}

/** The cached data of a module, or undefined where there is none or it fails its checksum. */
function readCached(cacheFile: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(4);
  return bytes.length > 4 && bytes.readUInt32LE(0) === crc32!(data) ? data : undefined;
}

/** The `require` a module's code is given, as Node makes it. */
function requireOf(module: NodeJS.Module): NodeJS.Require {
  const internal = Module as unknown as {
    _resolveFilename(request: string, parent: NodeJS.Module, isMain: boolean, options?: unknown): string;
    _resolveLookupPaths(request: string, parent: NodeJS.Module): string[] | null;
    _extensions: NodeJS.RequireExtensions;
    _cache: NodeJS.Dict<NodeJS.Module>;
  };
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) =>
    internal._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request) => internal._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = internal._extensions;
  require.cache = internal._cache;
  return require;
}
