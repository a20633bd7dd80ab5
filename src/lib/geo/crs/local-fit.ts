// Fitting a city's local plane grid to CGCS2000 from control points, for administrators who have pairs of
// coordinates (local ↔ CGCS2000) but not the grid's official parameters.
// - 4-parameter similarity (plane): E = a·x − b·y + tx, N = b·x + a·y + ty (scale √(a²+b²), rotation atan2(b,a)).
// - 7-parameter Helmert (Bursa-Wolf, position-vector convention as proj4's +towgs84, EPSG method 9606),
//   linearised for small rotations, on geocentric coordinates.
// Both by linear least squares, reporting every residual and the RMS.

export type XY = [number, number];
export type XYZ = [number, number, number];

export interface SimilarityFit {
  kind: 'similarity';
  a: number;
  b: number;
  tx: number;
  ty: number;
  scale: number;
  rotationDeg: number;
  residuals: number[];
  rmsM: number;
}

export interface HelmertFit {
  kind: 'helmert7';
  /** tx,ty,tz (m), rx,ry,rz (arc-seconds), s (ppm): ready for proj4's +towgs84. */
  towgs84: [number, number, number, number, number, number, number];
  residuals: number[];
  rmsM: number;
}

/** Solve the normal equations (AᵀA)p = Aᵀb by Gaussian elimination with partial pivoting. */
export function leastSquares(rows: number[][], rhs: number[]): number[] {
  const n = rows[0].length;
  const m: number[][] = Array.from({ length: n }, () => new Array(n + 1).fill(0));
  rows.forEach((r, k) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) m[i][j] += r[i] * r[j];
      m[i][n] += r[i] * rhs[k];
    }
  });
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    if (Math.abs(m[piv][c]) < 1e-12 * Math.max(1, Math.abs(m[c][c])))
      throw new Error('control points are degenerate (collinear or too few)');
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let j = c; j <= n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((r, i) => r[n] / r[i]);
}

const rms = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / Math.max(1, v.length));

/** Fit local (x east, y north) → target plane (E, N) in metres; ≥ 2 points, ≥ 3 to see residuals. */
export function fitSimilarity(pairs: { local: XY; target: XY }[]): SimilarityFit {
  if (pairs.length < 2) throw new Error('a similarity transform needs at least 2 control points');
  // Centre both sets: keeps the normal equations well conditioned with 3 457 000 m northings.
  const c = (sel: (p: { local: XY; target: XY }) => XY): XY => {
    const s = pairs.reduce((acc, p) => [acc[0] + sel(p)[0], acc[1] + sel(p)[1]], [0, 0]);
    return [s[0] / pairs.length, s[1] / pairs.length];
  };
  const cl = c((p) => p.local);
  const ct = c((p) => p.target);
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (const { local, target } of pairs) {
    const x = local[0] - cl[0],
      y = local[1] - cl[1];
    rows.push([x, -y, 1, 0]);
    rhs.push(target[0] - ct[0]);
    rows.push([y, x, 0, 1]);
    rhs.push(target[1] - ct[1]);
  }
  const [a, b, dx, dy] = leastSquares(rows, rhs);
  const tx = ct[0] + dx - (a * cl[0] - b * cl[1]);
  const ty = ct[1] + dy - (b * cl[0] + a * cl[1]);
  const fit: SimilarityFit = {
    kind: 'similarity',
    a,
    b,
    tx,
    ty,
    scale: Math.hypot(a, b),
    rotationDeg: (Math.atan2(b, a) * 180) / Math.PI,
    residuals: [],
    rmsM: 0
  };
  fit.residuals = pairs.map(({ local, target }) => {
    const [e, n] = applySimilarity(fit, local);
    return Math.hypot(e - target[0], n - target[1]);
  });
  fit.rmsM = rms(fit.residuals);
  return fit;
}

export function applySimilarity(f: Pick<SimilarityFit, 'a' | 'b' | 'tx' | 'ty'>, [x, y]: XY): XY {
  return [f.a * x - f.b * y + f.tx, f.b * x + f.a * y + f.ty];
}

export function invertSimilarity(f: Pick<SimilarityFit, 'a' | 'b' | 'tx' | 'ty'>, [e, n]: XY): XY {
  const d = f.a * f.a + f.b * f.b;
  const u = e - f.tx,
    v = n - f.ty;
  return [(f.a * u + f.b * v) / d, (-f.b * u + f.a * v) / d];
}

const SEC = Math.PI / (180 * 3600);

/** Position-vector Helmert as proj4 applies +towgs84 (rotations in arc-seconds, scale in ppm). */
export function applyHelmert(t: HelmertFit['towgs84'], [x, y, z]: XYZ): XYZ {
  const [tx, ty, tz] = t;
  const [rx, ry, rz] = [t[3] * SEC, t[4] * SEC, t[5] * SEC];
  const m = 1 + t[6] * 1e-6;
  return [tx + m * (x - rz * y + ry * z), ty + m * (rz * x + y - rx * z), tz + m * (-ry * x + rx * y + z)];
}

/** Fit source → target geocentric coordinates (metres); ≥ 3 non-collinear points. */
export function fitHelmert7(pairs: { source: XYZ; target: XYZ }[]): HelmertFit {
  if (pairs.length < 3) throw new Error('a 7-parameter transform needs at least 3 control points');
  const rows: number[][] = [];
  const rhs: number[] = [];
  // Scale the rotation/scale columns by 1e-6 so all unknowns are of similar magnitude (metres).
  const K = 1e-6;
  for (const {
    source: [x, y, z],
    target
  } of pairs) {
    rows.push([1, 0, 0, 0, z * K, -y * K, x * K]);
    rhs.push(target[0] - x);
    rows.push([0, 1, 0, -z * K, 0, x * K, y * K]);
    rhs.push(target[1] - y);
    rows.push([0, 0, 1, y * K, -x * K, 0, z * K]);
    rhs.push(target[2] - z);
  }
  const p = leastSquares(rows, rhs);
  const towgs84: HelmertFit['towgs84'] = [
    p[0],
    p[1],
    p[2],
    (p[3] * K) / SEC,
    (p[4] * K) / SEC,
    (p[5] * K) / SEC,
    p[6] * K * 1e6
  ];
  const residuals = pairs.map(({ source, target }) => {
    const q = applyHelmert(towgs84, source);
    return Math.hypot(q[0] - target[0], q[1] - target[1], q[2] - target[2]);
  });
  return { kind: 'helmert7', towgs84, residuals, rmsM: rms(residuals) };
}

/** Geodetic (degrees, ellipsoidal height m) → geocentric XYZ on an ellipsoid (a, rf). */
export function geodeticToGeocentric([lon, lat, h]: XYZ, a: number, rf: number): XYZ {
  const f = 1 / rf,
    e2 = f * (2 - f);
  const φ = (lat * Math.PI) / 180,
    λ = (lon * Math.PI) / 180;
  const N = a / Math.sqrt(1 - e2 * Math.sin(φ) ** 2);
  return [(N + h) * Math.cos(φ) * Math.cos(λ), (N + h) * Math.cos(φ) * Math.sin(λ), (N * (1 - e2) + h) * Math.sin(φ)];
}
