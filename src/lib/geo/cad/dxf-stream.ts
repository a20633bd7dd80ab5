// DXF entities flattened as they are parsed: each model-space entity becomes packed pieces (flatten.ts) the
// moment it is read and is dropped, so a large drawing is never held whole as entities (~45 MB for 100,000).
// The result must be what the stored path (parse everything, then build.ts buildResult) gives, so streaming
// stops (`Restart`) when it cannot be the same:
//  - the units decision needs the drawing's extent ($INSUNITS a known unit other than metres: the
//    Gauss-Krüger guard in units.ts), and the tolerances of every curve depend on it: the caller reads the
//    extent in a first pass (ExtentSink) and streams again with it. AutoCAD's metric template says mm, so
//    this is common;
//  - a HEADER, LAYER or BLOCK definition comes after the first entity (the layer order, the units or an
//    INSERT's block could differ): the caller reads the stored way. DXF writers put them before ENTITIES.
// Errors of flattening (budgets) are held until the parse ends: the stored path reports the parse's own
// errors (truncation, no entities) first, and so must this one.
import type { CadDrawing, CadEntity } from './model.ts';
import type { EntitySink } from './dxf-parse.ts';
import { flattener, type FlattenResult, type Flattener } from './flatten.ts';
import { cadUnits, type CadUnits } from './build.ts';
import { INSUNITS_TO_METRES, RawExtent } from './units.ts';
import type { UploadBudget } from '../budget.ts';

/** Thrown when the drawing must be read again (see above). */
export class Restart extends Error {
  constructor(readonly needsExtent: boolean) {
    super(needsExtent ? 'DXF units need the extent' : 'DXF definition after entities');
  }
}

/** A known unit other than metres: decideUnits looks at the drawing's extent then. */
function needsExtent(insunits: number | undefined): boolean {
  const u = insunits === undefined ? undefined : INSUNITS_TO_METRES[insunits];
  return u !== undefined && u.m !== 1;
}

export class StreamSink implements EntitySink {
  private f: Flattener | undefined;
  private u: CadUnits | undefined;
  private error: { e: unknown } | undefined;

  constructor(
    private readonly d: CadDrawing,
    private readonly budget: UploadBudget,
    private readonly keepTexts: boolean,
    /** The drawing's extent, when a first pass has read it. */
    private readonly extent?: RawExtent
  ) {}

  private start(): Flattener {
    if (needsExtent(this.d.insunits) && !this.extent) throw new Restart(true);
    this.u = cadUnits(this.d.insunits, this.extent?.box);
    return (this.f = flattener(this.d, this.u.chordTol, this.u.closeTol, this.budget, this.keepTexts));
  }

  entity(e: CadEntity): void {
    const f = this.f ?? this.start();
    if (this.error) return;
    try {
      f.entity(e);
    } catch (err) {
      this.error = { e: err };
    }
  }

  definition(): void {
    if (this.f) throw new Restart(false);
  }

  /** After the parse and its checks: the flattened drawing, or the error flattening met. */
  finish(): { flat: FlattenResult; units: CadUnits } {
    // No entity at all: the extent is unknown either way (build.ts rawExtent of nothing).
    if (!this.f) {
      this.u = cadUnits(this.d.insunits, undefined);
      this.f = flattener(this.d, this.u.chordTol, this.u.closeTol, this.budget, this.keepTexts);
    }
    if (this.error) throw this.error.e;
    return { flat: this.f.finish(), units: this.u! };
  }
}

/** Only the extent of the model-space entities, for a drawing whose units decision needs it. */
export class ExtentSink implements EntitySink {
  readonly extent = new RawExtent();
  entity(e: CadEntity): void {
    this.extent.add(e);
  }
  definition(): void {}
}

/** The budget's counts before a streaming attempt, put back when it restarts (nothing is charged twice). */
export function budgetMark(b: UploadBudget): () => void {
  const { read, vertices, expansions } = b;
  return () => {
    b.read = read;
    b.vertices = vertices;
    b.expansions = expansions;
  };
}
