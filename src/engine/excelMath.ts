/** Arithmetic as Excel does it, so the engine and the live formulas agree to the last digit. */

/** Excel's ROUND: half away from zero, on the value as Excel holds it (15 significant digits). */
export function excelRound(x: number, digits: number): number {
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
      3.004592610201616e2, 4.519189537118729e2, 3.393208167343437e2, 1.529892850469404e2, 4.316222722205674e1,
      7.211758250883094, 5.64195517478974e-1, -1.368648573827167e-7,
    ];
    const q = [
      3.004592609569833e2, 7.90950925327898e2, 9.313540948506096e2, 6.389802644656312e2, 2.775854447439876e2,
      7.700015293522947e1, 1.278272731962942e1, 1,
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
      -2.99610707703542174e-3, -4.94730910623250734e-2, -2.2695659353968693e-1, -2.78661308609647788e-1,
      -2.23192459734184686e-2,
    ];
    const q = [1.06209230528467918e-2, 1.91308926107829841e-1, 1.05167510706793207, 1.98733201817135256, 1];
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
    3.1611237438705656, 1.13864154151050156e2, 3.77485237685302021e2, 3.20937758913846947e3,
    1.85777706184603153e-1,
  ];
  const q = [2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3, 2.84423683343917062e3];
  const z = x * x;
  let num = p[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + p[i]) * z;
    den = (den + q[i]) * z;
  }
  return (x * (num + p[3])) / (den + q[3]);
}
