// Budgets of one upload: every reader spends from the same object, so a zip of zips, several files of one
// upload, blocks inside blocks and curves all draw from one account. Exceeding a budget is
// a UserError with status 422 (limitError in errors.ts: the file is well-formed but beyond what we read),
// and the CLI with exit 2. The numbers are far above real boundary files (a surveyed parcel has tens to
// thousands of vertices; a city layer of 30,000 patches about 1.5 million) and far below what exhausts a
// worker's heap (resourceLimits in server/projects/ingest-pool.ts).
import { limitError } from '../errors.ts';

export interface BudgetLimits {
  /** Bytes produced by unzipping, over all (nested) zips of the upload. */
  unzippedBytes: number;
  /** Vertices produced by readers (after densifying curves and expanding blocks), over all files. */
  vertices: number;
  /** Entities produced by expanding INSERT/MINSERT blocks (rows × columns × nesting), over all files. */
  expansions: number;
  /** Depth of nesting: blocks in blocks, XML elements (KML), GeoJSON geometry collections. */
  depth: number;
  /** Features (polygons) one upload may hold. */
  features: number;
  /** B-spline degree: AutoCAD writes at most 11 (DXF Reference, SPLINE group 71). */
  splineDegree: number;
}

export const DEFAULT_LIMITS: BudgetLimits = {
  unzippedBytes: 200 * 1024 * 1024,
  vertices: 3_000_000,
  expansions: 500_000,
  depth: 64,
  features: 200_000,
  splineDegree: 11
};

const fmt = (n: number) => n.toLocaleString('en-US');

export class UploadBudget {
  readonly limits: BudgetLimits;
  unzipped = 0;
  vertices = 0;
  expansions = 0;
  features = 0;
  /** Vertices as read from the file, before densifying (a CAD model is held whole before it is flattened). */
  read = 0;

  constructor(limits: Partial<BudgetLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Bytes still allowed out of all zips of this upload. */
  get unzipLeft(): number {
    return this.limits.unzippedBytes - this.unzipped;
  }

  spendUnzipped(n: number): void {
    this.unzipped += n;
  }

  spendRead(n: number): void {
    this.read += n;
    if (this.read > this.limits.vertices) this.tooManyVertices();
  }

  spendVertices(n: number): void {
    this.vertices += n;
    if (this.vertices > this.limits.vertices) this.tooManyVertices();
  }

  private tooManyVertices(): never {
    {
      throw limitError(
        'limit-vertices',
        `文件展开后的顶点超过 ${fmt(this.limits.vertices)} 个（含曲线加密与图块展开），已拒绝；请只上传地块所在的图层，或简化图形后上传。`,
        `The file expands to more than ${fmt(this.limits.vertices)} vertices (curves densified, blocks expanded); refused. Upload only the parcel layer or a simplified drawing.`
      );
    }
  }

  /** Called before one more entity is produced by block expansion. */
  spendExpansion(n = 1): void {
    this.expansions += n;
    if (this.expansions > this.limits.expansions) {
      throw limitError(
        'limit-block-expansion',
        `图块嵌套展开超过 ${fmt(this.limits.expansions)} 个实体（INSERT × MINSERT 行列 × 嵌套层数），已拒绝；请炸开（EXPLODE）图块或只保留地块图层后上传。`,
        `Expanding nested blocks exceeds ${fmt(this.limits.expansions)} entities (INSERT × MINSERT rows/columns × nesting); refused. Explode the blocks or keep only the parcel layer and upload again.`
      );
    }
  }

  checkDepth(depth: number, what: { zh: string; en: string }): void {
    if (depth > this.limits.depth) {
      throw limitError(
        'limit-depth',
        `${what.zh}嵌套超过 ${this.limits.depth} 层，已拒绝；这不是正常的边界文件，请重新导出。`,
        `${what.en} nested more than ${this.limits.depth} levels deep; refused. This is not a normal boundary file: export it again.`
      );
    }
  }

  spendFeatures(n: number): void {
    this.features += n;
    if (this.features > this.limits.features) {
      throw limitError(
        'limit-features',
        `一次上传的要素超过 ${fmt(this.limits.features)} 个，已拒绝；用地边界通常只有一个或几个面，请只上传地块。`,
        `The upload holds more than ${fmt(this.limits.features)} features; refused. A site boundary has one or a few polygons: upload only the parcels.`
      );
    }
  }

  checkSplineDegree(degree: number): void {
    if (!(degree <= this.limits.splineDegree)) {
      throw limitError(
        'limit-spline-degree',
        `样条曲线（SPLINE）的次数为 ${degree}，超过 CAD 允许的最大值 ${this.limits.splineDegree}，文件已损坏或被篡改；请重新导出图纸。`,
        `A SPLINE has degree ${degree}, above the CAD maximum of ${this.limits.splineDegree}: the file is damaged or crafted. Export the drawing again.`
      );
    }
  }
}

/** A budget for readers called without one (unit tests, one-off calls): the defaults. */
export const budgetOf = (opts: { budget?: UploadBudget }): UploadBudget => (opts.budget ??= new UploadBudget());
