// Spatial queries live in .sql files beside their repositories, imported as text (`./x.sql?raw`: Vite, Vitest
// and the CLI's esbuild build all read them so) so a reviewer reads the SQL as SQL. A constant the app names
// once in TypeScript (the area plane's SRID) is written `:NAME` in the file and bound here.

/** The query text with each `:NAME` replaced by `constants[NAME]`; a name with no value is a bug, thrown. */
export function sqlFile(text: string, constants: Record<string, number | string> = {}): string {
  return text.replace(/(?<![:\w]):([A-Z][A-Z0-9_]*)\b/g, (_, name: string) => {
    if (!(name in constants)) throw new Error(`SQL file names :${name}, which was not given`);
    return String(constants[name]);
  });
}
