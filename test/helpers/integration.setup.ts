// Per-worker setup: the embedded database lives in memory for tests (fresh each run).
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = 'memory://';
process.env.ZEROLAND_NO_SEED = '1';
