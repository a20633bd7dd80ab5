// DWG reader through @mlightcad/libredwg-web (LibreDWG in WebAssembly, GPL-3.0, ~10 MB): an OPTIONAL
// dependency, imported only when a DWG arrives and kept for the life of the process. Its database is turned
// into the DXF reader's intermediate model (cad/dwg-convert.ts), so both formats share entity handling.
import { type Decision, type Message, type ReadOptions, type ReadResult } from '../types.ts';
import { dwgToDrawing, type DwgLikeDatabase } from '../cad/dwg-convert.ts';
import { buildResult } from '../cad/build.ts';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UserError, userError } from '../../errors.ts';

/** LibreDWG's dwg_read_file codes below this are warnings (DWG_ERR_CRITICAL = 128 in dwg.h); at or above,
 *  the drawing could not be read. */
const DWG_ERR_CRITICAL = 128;

/** The part of the WASM module we use: its in-memory file system and the raw reader, which, unlike the
 *  wrapper's dwg_read_data, hands back LibreDWG's error code instead of only logging it. */
interface LibreDwgModule {
  FS: { writeFile(path: string, data: Uint8Array): void; unlink(path: string): void };
  dwg_read_file(path: string): { error: number; data: number };
}
interface LibreDwgApi {
  wasmInstance: LibreDwgModule;
  convert(data: number): DwgLikeDatabase;
}

const PACKAGE = '@mlightcad/libredwg-web';

interface LibreDwgPackage {
  LibreDwg: { createByWasmInstance(m: LibreDwgModule): LibreDwgApi };
  createModule(opts: {
    instantiateWasm(imports: WebAssembly.Imports, receive: (i: WebAssembly.Instance) => unknown): unknown;
  }): Promise<LibreDwgModule>;
}
interface Loaded {
  pkg: LibreDwgPackage;
  wasm: WebAssembly.Module;
}
let loading: Promise<Loaded> | undefined;

function saveAsDxf(why: string, whyEn: string): UserError {
  return userError(
    'dwg_unavailable',
    `无法读取 DWG：${why}。请在 CAD 中将图纸另存为 DXF（另存为 DXF）后上传。`,
    `Cannot read DWG: ${whyEn}. Save the drawing as DXF in your CAD program and upload the DXF.`
  );
}

/**
 * Import the package and compile its .wasm once per process (~0.3 s). The .wasm sits in the package's
 * wasm/ folder; we read it from disk ourselves (no fetch, no network) and hand the compiled module to
 * Emscripten's instantiateWasm hook. A failed load is not cached, so installing the package later works.
 */
async function loadLibreDwg(): Promise<Loaded> {
  loading ??= (async () => {
    const pkg = (await import(/* @vite-ignore */ PACKAGE)) as LibreDwgPackage;
    const main = createRequire(import.meta.url).resolve(PACKAGE); // …/libredwg-web/dist/libredwg-web.umd.cjs
    const file = join(dirname(dirname(main)), 'wasm', 'libredwg-web.wasm');
    return { pkg, wasm: await WebAssembly.compile(await readFile(file)) };
  })();
  try {
    return await loading;
  } catch (e) {
    loading = undefined;
    throw e;
  }
}

/** A fresh WebAssembly instance per drawing: LibreDWG keeps global state, and after some files (e.g.
 *  libredwg_2010_gh209_1.dwg read after another drawing) a reused instance fails with "null function".
 *  Instantiating the already-compiled module costs ~0.2 s and isolates every upload. */
async function freshInstance(l: Loaded): Promise<LibreDwgApi> {
  const m = await l.pkg.createModule({
    instantiateWasm: (imports, receive) => receive(new WebAssembly.Instance(l.wasm, imports))
  });
  return l.pkg.LibreDwg.createByWasmInstance(m);
}

function dwgVersion(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 6)).toString('latin1');
}

export async function readDwg(bytes: Uint8Array, opts: ReadOptions): Promise<ReadResult> {
  const version = dwgVersion(bytes);
  if (bytes.length < 0x80 || !/^AC\d{4}$/.test(version)) {
    throw userError(
      'dwg_damaged',
      'DWG 文件不完整或不是 DWG（文件头无效）：请重新导出，或在 CAD 中另存为 DXF 后上传。',
      'The DWG file is truncated or not a DWG (invalid header): export it again, or save it as DXF in CAD and upload that.'
    );
  }
  let lib: LibreDwgApi;
  try {
    lib = await freshInstance(await loadLibreDwg());
  } catch {
    throw saveAsDxf(
      '本服务器未安装或无法加载 DWG 读取组件',
      'the DWG reader component is not installed on this server or failed to load'
    );
  }

  const decisions: Decision[] = [{ what: 'dwg-version', value: version, rule: 'file-signature' }];
  const warnings: Message[] = [];
  const path = '/upload.dwg';
  let db: DwgLikeDatabase;
  let data = 0;
  try {
    lib.wasmInstance.FS.writeFile(path, bytes);
    const res = lib.wasmInstance.dwg_read_file(path);
    data = res.data;
    if (res.error >= DWG_ERR_CRITICAL || !data) {
      throw userError(
        'dwg_damaged',
        `DWG 文件无法解析（LibreDWG 错误码 ${res.error}），可能已损坏或版本不受支持：请在 CAD 中另存为 DXF 后上传。`,
        `The DWG could not be parsed (LibreDWG error ${res.error}); it may be damaged or of an unsupported version. Save it as DXF in CAD and upload that.`
      );
    }
    if (res.error) {
      warnings.push({
        code: 'dwg_read_warning',
        zh: `DWG 读取时有非致命问题（LibreDWG 代码 ${res.error}），请核对结果。`,
        en: `LibreDWG reported non-fatal problems reading the DWG (code ${res.error}); check the result.`
      });
    }
    db = lib.convert(data);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw saveAsDxf('DWG 读取组件在解析此文件时出错', 'the DWG reader failed on this file');
  } finally {
    // No dwg_free: the whole instance (and its memory) is dropped after this drawing.
    try {
      lib.wasmInstance.FS.unlink(path);
    } catch {
      /* not written */
    }
  }
  const drawing = dwgToDrawing(db);
  drawing.version = version;
  return buildResult(drawing, opts, 'dwg', decisions, warnings);
}
