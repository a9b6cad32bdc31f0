import { FakeExcel, OfficeError, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook, PAYLOAD_LIMIT } from "../../src/workbook/office/officeWorkbook";
import { OutputWriteError } from "../../src/workbook/office/writeError";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import type { PlanRows } from "../../src/engine/format";
import { generatePlanRows } from "../../bench/generate";
import { a1 } from "../../src/engine/grid";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { formulaOf } from "../../src/engine/sheetSpec";
import { pillarNames, widePlanRows } from "../helpers/widePlan";

beforeAll(() => installExcelEnums());

const hostWith = (rows: PlanRows): FakeExcel => FakeExcel.withGrids(planRowsToGrids(rows));

async function validateAndCompute(host: FakeExcel, period = "2015-Q2") {
  const wb = new OfficeWorkbook(host.runner());
  const grids = await wb.readGrids();
  const readSyncs = wb.syncs;
  const run = runPlan(grids, { period, lang: "vi", robustness: false });
  await wb.applySheets(run.sheets);
  return { wb, run, readSyncs, totalSyncs: wb.syncs };
}

describe("Office.js adapter on the strict fake host", () => {
  it("reads in 3 syncs and computes-and-writes all output sheets in 3 (+ reading the old outputs when replacing them)", async () => {
    const host = hostWith(samplePlanRows());
    const { readSyncs, totalSyncs, run, wb } = await validateAndCompute(host);
    expect(readSyncs).toBe(3);
    // The adapter's payload estimate is cautious (the summary's styled blocks count high), so the sample's write
    // may be cut into a second request: chunks are counted apart.
    expect(totalSyncs - readSyncs - wb.chunkSyncs).toBe(3);
    const again = await validateAndCompute(host);
    // Ownership record, bounds of the old outputs, their cells, write (and the bounds of the sheets that may refer to
    // the old outputs: the planner's), those sheets' cells and names, swap.
    expect(again.totalSyncs - again.readSyncs - wb.chunkSyncs).toBe(7);
    expect(host.sheets.map((s) => s.name)).toEqual([
      "Cấu hình",
      "Đơn vị",
      "Chỉ tiêu",
      "Số liệu",
      ...run.sheets.map((s) => s.name),
      "ictplan_meta",
    ]);
    expect(host.sheets.find((s) => s.name === "ictplan_meta")?.visibility).toBe("VeryHidden");
  });

  it("uses the same number of syncs for a plan thirty times larger, apart from payload chunks", async () => {
    const small = await validateAndCompute(hostWith(samplePlanRows()));
    const bigHost = hostWith(generatePlanRows(1000, 20, 6));
    const big = await validateAndCompute(bigHost, "2015-Q2");
    expect(small.wb.chunkSyncs).toBeLessThanOrEqual(1);
    expect(big.wb.chunkSyncs).toBeGreaterThan(small.wb.chunkSyncs);
    expect(big.totalSyncs - big.wb.chunkSyncs).toBe(small.totalSyncs - small.wb.chunkSyncs);
    for (const sync of bigHost.log) {
      expect(sync.request).toBeLessThan(5 * 1024 * 1024);
      expect(sync.response).toBeLessThan(5 * 1024 * 1024);
    }
  });

  it("reads 1,000 units × 50 indicators × 8 quarters with no response over 5 MB: the number formats count", async () => {
    // The read loads values, formulas and number formats; estimating a request by the first two alone sent 7 MB
    // requests, refused again and again down to single rows.
    const host = hostWith(generatePlanRows(1000, 50, 8));
    const wb = new OfficeWorkbook(host.runner());
    const grids = await wb.readGrids();
    expect(grids.sheets.find((g) => g.sheet === "Số liệu")?.values.length).toBe(8001);
    expect(host.log.filter((s) => s.response > 5 * 1024 * 1024)).toEqual([]);
  });

  it("gives the pane's thread back while it queues a large write: a small part of a request between two pauses", async () => {
    const host = hostWith(generatePlanRows(1000, 20, 6));
    const wb = new OfficeWorkbook(host.runner());
    const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
    // Bytes the host has queued since the last pause or sync (its queue is emptied by each sync).
    const queued = () => (host as unknown as { ops: { bytes: number }[] }).ops;
    let list = queued();
    let mark = 0;
    let most = 0;
    let pauses = 0;
    const measure = () => {
      const ops = queued();
      const total = ops.reduce((n, o) => n + o.bytes, 0);
      most = Math.max(most, total - (ops === list ? mark : 0));
      list = ops;
      mark = total;
    };
    const pause = wb.slices;
    wb.slices = async () => {
      pauses++;
      measure();
      await pause();
    };
    const sync = host.sync.bind(host);
    host.sync = async () => {
      measure();
      await sync();
    };
    await wb.applySheets(run.sheets);
    expect(host.log.length).toBeGreaterThan(0);
    expect(pauses).toBeGreaterThan(4 * wb.chunkSyncs);
    // Before the pauses, a whole request (up to PAYLOAD_LIMIT) was built in one go.
    expect(most).toBeLessThan(PAYLOAD_LIMIT / 4);
  });

  it("writes exactly the spec: formulas, literals, and leaves the input sheets unchanged", async () => {
    const host = hostWith(samplePlanRows());
    const before = host.sheets.map((s) => ({ name: s.name, cells: new Map(s.cells) }));
    const { run } = await validateAndCompute(host);
    for (const b of before) expect(host.sheet(b.name)?.cells).toEqual(b.cells);
    for (const spec of run.sheets)
      for (const block of spec.blocks)
        block.cells.forEach((row, i) =>
          row.forEach((c, j) => {
            const got = host.read(spec.name, a1(block.row + i, block.col + j));
            const f = formulaOf(c);
            if (f) expect(got).toBe(f);
            else expect(got ?? "").toBe(c.value ?? "");
          }),
        );
  });

  it("keeps user text that looks like a formula as text", async () => {
    const host = hostWith(samplePlanRows());
    // A name typed as text that starts with "=" (Excel keeps it as text when typed with a leading apostrophe).
    host.sheet("Đơn vị")!.cells.set("1,1", { value: "=1+1", formula: null, numberFormat: "@" });
    await validateAndCompute(host);
    const rank = host.sheet("Xếp hạng")!;
    const nameCell = [...rank.cells.values()].find((c) => c.value === "=1+1");
    expect(nameCell).toMatchObject({ formula: null, value: "=1+1" });
  });

  it("replaces its own sheets on a second run and refuses a user's sheet of the same name", async () => {
    const host = hostWith(samplePlanRows());
    await validateAndCompute(host);
    const count = host.sheets.length;
    await validateAndCompute(host);
    expect(host.sheets.length).toBe(count);
    const other = hostWith(samplePlanRows());
    other.addSheet("Kết quả", [["của tôi"]]);
    await expect(validateAndCompute(other)).rejects.toThrow(/not owned/);
    expect(other.read("Kết quả", "A1")).toBe("của tôi");
  });

  it("takes the ownership record of the previous release (8-digit fingerprints) as its own: replaced unless edited", async () => {
    // The previous release's fingerprint: FNV-1a of the spec's sorted cell entries, formulas as written.
    const legacy = (spec: SheetSpec) => {
      const parts: string[] = [];
      for (const b of spec.blocks)
        b.cells.forEach((row, i) =>
          row.forEach((c, j) => {
            const at = `${b.row + i},${b.col + j}`;
            const f = formulaOf(c);
            if (f) parts.push(`${at}=${f}`);
            else if (c.value !== null && c.value !== undefined && c.value !== "")
              parts.push(`${at}:${typeof c.value}:${String(c.value)}`);
          }),
        );
      let h = 0x811c9dc5;
      for (const ch of parts.sort().join("\n")) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
      return h.toString(16).padStart(8, "0");
    };
    const asPrevious = async () => {
      const host = hostWith(samplePlanRows());
      const { run } = await validateAndCompute(host);
      const meta = host.sheet("ictplan_meta")!;
      for (const [k, cell] of [...meta.cells]) {
        const [r, c] = k.split(",").map(Number);
        const spec = run.sheets.find((x) => x.name === meta.cells.get(`${r},0`)?.value);
        if (r > 0 && c === 2 && spec) cell.value = legacy(spec);
        if (c === 3) meta.cells.delete(k);
      }
      host.markDirty();
      return host;
    };
    const host = await asPrevious();
    expect(String(host.read("ictplan_meta", "C2"))).toMatch(/^[0-9a-f]{8}$/);
    await validateAndCompute(host);
    expect(String(host.read("ictplan_meta", "C2"))).not.toMatch(/^[0-9a-f]{8}$/);

    const edited = await asPrevious();
    edited.writeCell(edited.sheet("Xếp hạng")!, 39, 1, "ghi chú của tôi");
    await expect(validateAndCompute(edited)).rejects.toThrow(/edited output sheets: Xếp hạng/);
  });

  it("leaves no half-written output when Excel fails mid-write", async () => {
    const host = hostWith(samplePlanRows());
    await validateAndCompute(host);
    const names = host.sheets.map((s) => s.name);
    const wb = new OfficeWorkbook(host.runner());
    const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
    host.failAtOp = 200;
    const error = await wb.applySheets(run.sheets, { force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputWriteError);
    expect(error).toMatchObject({ outcome: "unchanged", cause: expect.any(OfficeError) });
    expect(host.sheets.map((s) => s.name)).toEqual(names);
    await expect(
      wb.applySheets(
        run.sheets.map((s, i) => (i === 1 ? { ...s, name: "Xếp/hạng" } : s)),
        { force: true },
      ),
    ).rejects.toThrow(/invalid sheet name/);
    expect(host.sheets.map((s) => s.name)).toEqual(names);
  });

  it("throws PropertyNotLoaded when a property is read before load and sync", async () => {
    const host = new FakeExcel();
    host.addSheet("A", [[1]]);
    const ctx = host.context() as Excel.RequestContext;
    const sheets = ctx.workbook.worksheets;
    expect(() => sheets.items).toThrow(/not available/);
    sheets.load("items/name");
    expect(() => sheets.items).toThrow(/not available/);
    await ctx.sync();
    expect(sheets.items.map((s) => s.name)).toEqual(["A"]);
  });
});

describe("ribbon and pane actions", () => {
  it("Kiểm tra writes only the checks sheet; Tính toán adds results and ranking; the summary adds the summary tab", async () => {
    const { runAction } = await import("../../src/workbook/office/actions");
    const host = hostWith(samplePlanRows());
    const wb = new OfficeWorkbook(host.runner());
    expect((await runAction(wb, "validate", { lang: "vi" })).written).toEqual(["Kiểm tra"]);
    expect((await runAction(wb, "compute", { lang: "vi" })).written).toEqual([
      "Kết quả",
      "Xếp hạng",
      "Kiểm tra",
    ]);
    const all = await runAction(wb, "summary", { lang: "en", period: "2015-Q1" });
    expect(all.written).toEqual(["Results", "Ranking", "Checks", "Summary Q1 2015"]);
    expect(all.run.results?.ranking[0].robustness).not.toBeNull();
    await wb.selectCell("Số liệu", "H177");
    expect(host.active).toBe("Số liệu");
    expect(host.selection).toBe("Số liệu!H177");
    // The pane's link to a sheet written activates it and leaves the selection alone.
    await wb.activateSheet("Ranking");
    expect(host.active).toBe("Ranking");
    expect(host.selection).toBe("Số liệu!H177");
  });
});

describe("summaries on the Office.js path", () => {
  it("keeps one summary tab per period, owned, through later computes; a refused run writes only Kiểm tra", async () => {
    const { runAction } = await import("../../src/workbook/office/actions");
    const host = hostWith(samplePlanRows());
    const wb = new OfficeWorkbook(host.runner());
    await runAction(wb, "summary", { lang: "vi", period: "2015-Q2" });
    await runAction(wb, "summary", { lang: "vi", period: "2015-Q1" });
    await runAction(wb, "compute", { lang: "vi", period: "2015-Q1" });
    expect((await wb.ownedSheets()).filter((n) => n.startsWith("Tổng hợp")).sort()).toEqual([
      "Tổng hợp Quý I-2015",
      "Tổng hợp Quý II-2015",
    ]);
    // Regenerating Quý II replaces its own tab (it is still owned, so no clash with a user's sheet).
    const again = await runAction(wb, "summary", { lang: "vi", period: "2015-Q2" });
    expect(again.written).toContain("Tổng hợp Quý II-2015");
    expect(
      host.sheets
        .filter((s) => s.name.startsWith("Tổng hợp"))
        .map((s) => s.name)
        .sort(),
    ).toEqual(["Tổng hợp Quý I-2015", "Tổng hợp Quý II-2015"]);
    // No figures for the period: no report, and the ribbon's user reads why on Kiểm tra.
    const refused = await runAction(wb, "summary", { lang: "vi", period: "2016-Q1" });
    expect(refused.run.refused?.reason).toBe("noFigures");
    expect(refused.written).toEqual(["Kiểm tra"]);
  });
});

describe("graceful limits", () => {
  it("a protected workbook: the write is refused, nothing changes, and the pane says what to do", async () => {
    const { describeOfficeError } = await import("../../src/taskpane/errors");
    const host = hostWith(samplePlanRows());
    host.structureProtected = true;
    const names = host.sheets.map((s) => s.name);
    const wb = new OfficeWorkbook(host.runner());
    const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
    const error = await wb.applySheets(run.sheets).catch((e: unknown) => e);
    expect(error).toMatchObject({ outcome: "unchanged", cause: expect.any(OfficeError) });
    expect(host.sheets.map((s) => s.name)).toEqual(names);
    expect(describeOfficeError(error, "vi")).toMatch(/bảo vệ/);
    expect(describeOfficeError(error, "en")).toMatch(/protected.*previous output sheets were not changed/);
    expect(
      describeOfficeError(new Error('sheet "Kết quả" exists and is not owned by ictplan'), "vi"),
    ).toMatch(/Đổi tên.*"Kết quả"/);
  });
});

describe("plans with many indicators (Excel's 8,192 characters per formula)", () => {
  // 160 indicators made the ranking's index formula 8,669 characters long, and Excel refused the write.
  it.each([
    ["160 indicators over 5 pillars, missing as 0", 160, pillarNames(5), "Tính 0 điểm", "Trung bình cộng"],
    [
      "300 indicators in one pillar, missing excluded, geometric",
      300,
      ["Chính quyền số"],
      "Loại trừ",
      "Trung bình nhân",
    ],
  ])(
    "%s: written without error, and Excel's values are the engine's",
    async (_, n, pillars, missing, aggregation) => {
      const host = hostWith(
        widePlanRows({ units: 6, indicators: n, pillars, missing, aggregation, quarters: 2 }),
      );
      const wb = new OfficeWorkbook(host.runner());
      const run = runPlan(await wb.readGrids(), { period: null, lang: "vi", robustness: false });
      await wb.applySheets(run.sheets);
      const ranking = run.sheets.find((s) => s.kind === "ranking")!;
      let checked = 0;
      for (const b of ranking.blocks)
        b.cells.forEach((row, i) =>
          row.forEach((c, j) => {
            if (!formulaOf(c)) return;
            const at = a1(b.row + i, b.col + j);
            const v = host.valueAt(ranking.name, at);
            // The fake host's HyperFormula rounds results to 10 significant digits.
            const same = typeof v === "number" && typeof c.value === "number" && Math.abs(v - c.value) < 1e-9;
            expect([at, same ? c.value : v]).toEqual([at, c.value]);
            checked++;
          }),
        );
      expect(checked).toBeGreaterThan(6 * (pillars.length + 5));
    },
    120_000,
  );
});

describe("the two adapters agree", () => {
  it("the Office.js path writes the same cells as the .xlsx path for the same sheet specs", async () => {
    const { XlsxWorkbook } = await import("../../src/workbook/xlsx/xlsxWorkbook");
    const { buildTemplate } = await import("../../src/workbook/xlsx/template");
    const xlsx = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
    const run = runPlan(await xlsx.readGrids(), { period: "2015-Q2", lang: "vi", robustness: false });
    await xlsx.applySheets(run.sheets);
    const written = await (await XlsxWorkbook.load(await xlsx.save())).readGrids();
    const host = hostWith(samplePlanRows());
    await new OfficeWorkbook(host.runner()).applySheets(run.sheets);
    let compared = 0;
    for (const spec of run.sheets) {
      const grid = written.sheets.find((g) => g.sheet === spec.name)!;
      grid.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const f = grid.formulas?.[i]?.[j] ?? null;
          const fromXlsx = f ?? (v === null || v === "" ? null : v);
          const fromOffice = host.read(spec.name, a1(grid.originRow + i, grid.originCol + j));
          expect([
            spec.name,
            a1(grid.originRow + i, grid.originCol + j),
            fromOffice === "" ? null : fromOffice,
          ]).toEqual([spec.name, a1(grid.originRow + i, grid.originCol + j), fromXlsx]);
          compared++;
        }),
      );
    }
    expect(compared).toBeGreaterThan(5000);
  });
});
