// Per-worker setup: the embedded database lives in memory for tests (fresh each run).
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = 'memory://';
process.env.ZEROLAND_NO_SEED = '1';
// Uploaded files go to a temp folder, never into a developer's ./data.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'zeroland-it-'));
process.env.FILE_STORAGE ??= 'disk'; // the file-store tests pick their stores themselves (test/integration/storage)
