/** Arithmetic as Excel does it, so the engine and the live formulas agree to the last digit. */

/** Excel's ROUND: half away from zero, on the value as Excel holds it (15 significant digits). */
export function excelRound(x: number, digits: number): number {
  // Away from a half (and with few digits to keep), holding 15 digits cannot move the result: plain arithmetic gives
  // the same integer as the exact path below, which costs a text conversion and BigInt division per call.
  if (digits >= 0 && digits <= 6) {
    const scale = POWERS[digits];
    const y = Math.abs(x) * scale;
    if (y > 0 && y < 1e7) {
      const f = y - Math.floor(y);
      if (Math.abs(f - 0.5) > 1e-7) return (x < 0 ? -1 : 1) * (Math.floor(y + 0.5) / scale) || 0;
    }
  }
  return excelRoundExact(x, digits);
}

const POWERS = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** excelRound by the value's 15-digit decimal mantissa, for every value and number of digits. */
export function excelRoundExact(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const sign = x < 0 ? -1 : 1;
  const [mant, expText] = Math.abs(x).toExponential(14).split("e");
  const d = BigInt(mant.replace(".", ""));
  const k = Number(expText) - 14 + digits;
  let q: bigint;
  if (k >= 0) q = d * 10n ** BigInt(k);
  else {
    const div = 10n ** BigInt(-k);
    q = (d + div / 2n) / div;
  }
  const scaled = Number(q);
  return sign * (digits >= 0 ? scaled / 10 ** digits : scaled * 10 ** -digits) || 0;
}

/** Standard normal cumulative distribution Φ(z) (Excel's NORM.S.DIST(z, TRUE)), to about 1e-15. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

// Complementary error function: W. J. Cody's rational approximations (as in many numerical libraries).
function erfc(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax < 0.5) return 1 - erf(x);
  if (ax < 4) {
    const p = [
      300.4592610201616, 451.9189537118729, 339.3208167343437, 152.9892850469404, 43.16222722205674,
      7.211758250883094, 0.564195517478974, -1.368648573827167e-7,
    ];
    const q = [
      300.4592609569833, 790.950925327898, 931.3540948506096, 638.9802644656312, 277.5854447439876,
      77.00015293522947, 12.78272731962942, 1,
    ];
    let num = 0;
    let den = 0;
    for (let i = 7; i >= 0; i--) {
      num = num * ax + p[i];
      den = den * ax + q[i];
    }
    r = Math.exp(-ax * ax) * (num / den);
  } else {
    const p = [
      -0.002996107077035422, -0.04947309106232507, -0.22695659353968692, -0.2786613086096478,
      -0.02231924597341847,
    ];
    const q = [0.010620923052846792, 0.19130892610782985, 1.051675107067932, 1.9873320181713525, 1];
    const z = 1 / (ax * ax);
    let num = 0;
    let den = 0;
    for (let i = 4; i >= 0; i--) {
      num = num * z + p[i];
      den = den * z + q[i];
    }
    r = (Math.exp(-ax * ax) / ax) * (1 / Math.sqrt(Math.PI) + (z * num) / den);
  }
  return x < 0 ? 2 - r : r;
}

function erf(x: number): number {
  const p = [
    3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315,
  ];
  const q = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
  const z = x * x;
  let num = p[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + p[i]) * z;
    den = (den + q[i]) * z;
  }
  return (x * (num + p[3])) / (den + q[3]);
}

/** a ≥ b as Excel compares numbers: on their 15-significant-digit values (so 0.24/0.3 ≥ 0.8 holds, as it displays). */
export function excelGte(a: number, b: number): boolean {
  // Rounding to 15 digits keeps the order (toPrecision rounds monotonically), so a ≥ b stays true; equal values
  // (an attainment of exactly 100%) are the common case.
  if (a >= b) return true;
  // Only values within a few ulps of each other can compare differently at 15 digits.
  if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b))) return a > b;
  return Number(a.toPrecision(15)) >= Number(b.toPrecision(15));
}
