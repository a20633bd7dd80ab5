// One process at a time on an embedded data directory: PGlite has no postmaster to arbitrate, and two
// processes writing the same files corrupt them. The lock is a file next to the directory holding the
// owner's pid; a lock whose process is gone (killed, crashed) is taken over.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dbSetupError } from './types.ts';

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // After a reboot the pid may belong to something else: only a node process counts.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc: trust the pid
  }
}

export const lockFileOf = (dir: string) => dir.replace(/\/+$/, '') + '.lock';

/** Takes the lock or fails with one line saying who holds it; returns the release function. */
export function lockDataDir(dir: string): () => void {
  const file = lockFileOf(dir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (alive(owner))
        throw dbSetupError(
          `the embedded database in ${dir} is in use by process ${owner} (a running zeroland server?): stop it first. If that process is not zeroland, delete ${file}.`
        );
      unlinkSync(file); // stale: its owner is gone
    }
  }
  throw dbSetupError(`could not lock the embedded database in ${dir} (${file})`);
}
