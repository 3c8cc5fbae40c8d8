/**
 * The static-files seam: a fixed set of named files a service serves (Swagger UI's, the console's),
 * read on first request and kept. Where the bytes come from depends on how the service runs: files
 * embedded at build time (a `bun build --compile` binary, an edge bundle), or the installed package
 * read at run time (from source, on any runtime). The name list is closed: a name outside it is not
 * found, never a path into the file system.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

export interface StaticFiles {
  /** The file's bytes; undefined for a name that is not one of the files. */
  read(name: string): Promise<Uint8Array<ArrayBuffer> | undefined>;
}

/** Caches each file's bytes after the first read: the files never change while a process runs. */
export function cached(
  load: (name: string) => Promise<Uint8Array<ArrayBuffer>>,
  names: readonly string[],
) {
  const known = new Set(names);
  const reads = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  return {
    read(name: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
      if (!known.has(name)) return Promise.resolve(undefined);
      let bytes = reads.get(name);
      if (bytes === undefined) {
        bytes = load(name);
        reads.set(name, bytes);
        // A failed read is tried again next time, not remembered.
        bytes.catch(() => reads.delete(name));
      }
      return bytes;
    },
  } satisfies StaticFiles;
}

/** Files of an installed npm package, resolved from `from` (a module URL) and read at run time. */
export function packageFiles(from: string, pkg: string, names: readonly string[]): StaticFiles {
  const require = createRequire(from);
  return cached(
    async (name) => new Uint8Array(await readFile(require.resolve(`${pkg}/${name}`))),
    names,
  );
}

/** Files given as bytes (embedded in a bundle at build time). */
export function embeddedFiles(
  files: Readonly<Record<string, Uint8Array<ArrayBuffer>>>,
): StaticFiles {
  return { read: async (name) => (Object.hasOwn(files, name) ? files[name] : undefined) };
}
