// The CJK font for every generated PDF comes from npm, never from the machine: @embedpdf/fonts-sc ships
// Noto Sans Hans (Source Han Sans, SIL Open Font License 1.1: redistribution and embedding allowed)
// as OpenType/CFF files covering GB2312. pdfkit (fontkit) embeds only the glyphs a document uses, so an
// 8 MB font becomes a few dozen KB inside the PDF.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const FONT_PACKAGE = '@embedpdf/fonts-sc';
export const FONT_LICENSE = 'SIL Open Font License 1.1 (Noto Sans Hans / Source Han Sans)';

function packageDir(): string {
  // The package exports only its JS entry, so resolve that and walk up to the package folder.
  try {
    const entry = createRequire(import.meta.url).resolve(FONT_PACKAGE);
    let dir = path.dirname(entry);
    while (dir !== path.dirname(dir) && !existsSync(path.join(dir, 'fonts'))) dir = path.dirname(dir);
    if (existsSync(path.join(dir, 'fonts'))) return dir;
  } catch {
    /* bundled server code may not resolve from its chunk: fall back to the working directory */
  }
  return path.resolve('node_modules', FONT_PACKAGE);
}

let dir: string | null = null;

export type FontWeight = 'regular' | 'bold';

/** Absolute path of the OTF for a weight; throws a setup error naming the package if it is missing. */
export function cjkFontPath(weight: FontWeight): string {
  dir ??= packageDir();
  const file = path.join(dir, 'fonts', weight === 'bold' ? 'NotoSansHans-Bold.otf' : 'NotoSansHans-Regular.otf');
  if (!existsSync(file)) throw new Error(`CJK font missing: ${file} (run npm install; package ${FONT_PACKAGE})`);
  return file;
}
