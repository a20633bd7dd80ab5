// Reading a user's file for a CLI command: a missing or unreadable path is a one-line user error.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from './run.ts';
import type { InputFile } from '../lib/geo/types.ts';

export async function loadInputFile(path: string): Promise<InputFile> {
  try {
    if (!(await stat(path)).isFile()) throw new UserError(`${path}: not a file / 不是文件`);
    return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${path}: cannot read the file / 无法读取文件 (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
