// The embedded store holds every message people typed: its directory is 0700 and its files 0600. PGlite's
// WebAssembly file system creates files 0666 whatever the umask says, so the owner tightens modes when it opens the
// store and again when it closes it; in between, the 0700 directory keeps other users out of any new file.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/** Creates `dir` (and parents) 0700, or makes an existing one 0700. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((lstatSync(dir).mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
}

/** Directories under `dir` become 0700 and files 0600; returns how many modes it changed. */
export function tightenTree(dir: string): number {
  let changed = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink() || e.isSocket()) continue;
      const want = e.isDirectory() ? 0o700 : 0o600;
      let mode: number;
      try {
        mode = lstatSync(p).mode & 0o777;
      } catch {
        continue; // removed meanwhile (a recycled WAL segment)
      }
      if (mode !== want) {
        try {
          chmodSync(p, want);
          changed++;
        } catch {
          // gone meanwhile
        }
      }
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return changed;
}

/** Runs `fn` with umask 077, so whatever Node itself creates meanwhile is private. */
export async function withPrivateUmask<T>(fn: () => Promise<T>): Promise<T> {
  const old = process.umask(0o077);
  try {
    return await fn();
  } finally {
    process.umask(old);
  }
}
