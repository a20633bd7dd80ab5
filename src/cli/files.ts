// Reading a user's file for a CLI command: a missing or unreadable path is a one-line user error.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { cliError } from './run.ts';
import type { InputFile } from '../lib/geo/types.ts';

export async function loadInputFile(path: string): Promise<InputFile> {
  const unreadable = (e: unknown) =>
    cliError(`${path}: cannot read the file / 无法读取文件 (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  // synchronous: node:fs/promises would load readline, watchers and more (~5 ms of every command's start)
  const attempt = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw unreadable(e);
    }
  };
  if (!attempt(() => statSync(path)).isFile()) throw cliError(`${path}: not a file / 不是文件`);
  const buf = attempt(() => readFileSync(path));
  // the Buffer's own memory, not a copy (an 18 MB DXF was held twice)
  return { name: basename(path), bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
}
