// Reading a user's file for a CLI command: a missing or unreadable path is a one-line user error.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { cliError } from './run.ts';
import type { InputFile } from '../lib/geo/types.ts';

export async function loadInputFile(path: string): Promise<InputFile> {
  const unreadable = (e: unknown) =>
    cliError(`${path}: cannot read the file / 无法读取文件 (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  const info = await stat(path).catch((e) => {
    throw unreadable(e);
  });
  if (!info.isFile()) throw cliError(`${path}: not a file / 不是文件`);
  const buf = await readFile(path).catch((e) => Promise.reject(unreadable(e)));
  // the Buffer's own memory, not a copy (an 18 MB DXF was held twice)
  return { name: basename(path), bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
}
