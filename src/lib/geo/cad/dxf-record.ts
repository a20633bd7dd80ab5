// One DXF record: the groups from a code-0 pair up to the next one, with lazy numbers.
// Arrays are reused from record to record so a 100k-entity file does not allocate per group.

export class DxfRecord {
  type = '';
  n = 0;
  readonly codes: number[] = [];
  readonly strs: string[] = [];
  readonly nums: number[] = [];
  /** True when values came from a binary DXF (typed numbers in nums). */
  constructor(readonly binary: boolean) {}

  reset(type: string): void {
    this.type = type;
    this.n = 0;
  }

  push(code: number, str: string, num: number): void {
    const i = this.n++;
    this.codes[i] = code;
    this.strs[i] = str;
    if (this.binary) this.nums[i] = num;
  }

  num(i: number): number {
    return this.binary ? this.nums[i] : Number(this.strs[i]);
  }

  /** First index of code at or after `from`, or -1. */
  find(code: number, from = 0): number {
    for (let i = from; i < this.n; i++) if (this.codes[i] === code) return i;
    return -1;
  }

  str(code: number, fallback = ''): string {
    const i = this.find(code);
    return i < 0 ? fallback : this.strs[i];
  }

  numOf(code: number, fallback: number): number {
    const i = this.find(code);
    if (i < 0) return fallback;
    const v = this.num(i);
    return Number.isFinite(v) ? v : fallback;
  }
}
