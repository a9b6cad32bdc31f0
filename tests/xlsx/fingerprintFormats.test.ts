/**
 * The ownership record's fingerprints, by format: what this release writes (the polynomial digest, "p…"), and the
 * formats of the releases before it (FNV-1a, formulas whole or with their references to other sheets masked, "m…"),
 * which outputs in planners' hands still carry: such an output, unedited, is replaced without --force, and one typed
 * into is refused, each compared as the release that wrote it would.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { EditedOutputError, META_SHEET } from "../../src/workbook/ownership";
import { gridFingerprint, type FingerprintFormat } from "../../src/workbook/fingerprint";

jest.setTimeout(60_000);

const specs = (grids: Parameters<typeof runPlan>[0]) =>
  runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false, summary: true }).sheets;

/** The sample computed, its record then rewritten as an earlier release wrote it: its format, no part stamps. */
async function recordedAs(format: FingerprintFormat, edit?: (wb: XlsxWorkbook) => void): Promise<Uint8Array> {
  const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
  await wb.applySheets(specs(await wb.readGrids()));
  const written = await XlsxWorkbook.load(await wb.save());
  const grids = (await written.readGrids()).sheets;
  const owned = await written.owned();
  expect(owned.map((o) => o.fingerprint[0])).toEqual(owned.map(() => "p"));
  written.writeCells(
    owned.flatMap((o, i) => [
      {
        sheet: META_SHEET,
        cell: `C${i + 2}`,
        value: gridFingerprint(
          grids.find((g) => g.sheet === o.name)!,
          format,
        ),
      },
      { sheet: META_SHEET, cell: `E${i + 2}`, value: "" },
    ]),
  );
  edit?.(written);
  return written.save();
}

describe.each([
  ["strict", "", /^[0-9a-f]{17,}$/],
  ["masked", "m", /^m[0-9a-f]{17,}$/],
] as const)("an output recorded in the %s format of a release before", (_name, format, pattern) => {
  it("is replaced without --force when unchanged, and recorded in the polynomial format", async () => {
    const wb = await XlsxWorkbook.load(await recordedAs(format));
    const owned = await wb.owned();
    expect(owned.length).toBe(4);
    for (const o of owned)
      expect([o.name, o.fingerprint, o.part]).toEqual([o.name, expect.stringMatching(pattern), undefined]);
    expect(await wb.editedSheets()).toEqual([]);
    await wb.applySheets(specs(await wb.readGrids()));
    const again = await XlsxWorkbook.load(await wb.save());
    for (const o of await again.owned()) expect([o.name, o.fingerprint[0]]).toEqual([o.name, "p"]);
  });

  it("is refused when the planner typed into it", async () => {
    const wb = await XlsxWorkbook.load(
      await recordedAs(format, (w) => w.writeCells([{ sheet: "Xếp hạng", cell: "B40", value: "ghi chú" }])),
    );
    await expect(wb.applySheets(specs(await wb.readGrids()))).rejects.toThrow(EditedOutputError);
    expect(await wb.editedSheets()).toEqual(["Xếp hạng"]);
  });
});
