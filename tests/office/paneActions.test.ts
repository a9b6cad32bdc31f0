/** The pane's actions on the strict fake host: stages and cancel, settings written back to Cấu hình. */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import {
  CancelledError,
  inspectWorkbook,
  runAction,
  saveSettings,
  type Stage,
} from "../../src/workbook/office/actions";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { settingsEdits } from "../../src/engine/settingsEdit";
import { checkWorkbook } from "../../src/engine/validate";
import type { PlanRows } from "../../src/engine/format";
import { a1 } from "../../src/engine/grid";
import { SETTINGS } from "../../src/engine/format";
import { signerLines } from "../../src/engine/report";
import { typedValue } from "../../src/taskpane/views/settingsText";

beforeAll(() => installExcelEnums());

const hostWith = (rows: PlanRows): FakeExcel => FakeExcel.withGrids(planRowsToGrids(rows));

describe("pane actions", () => {
  it("reports every stage in order and writes last", async () => {
    const host = hostWith(samplePlanRows());
    const stages: Stage[] = [];
    const { written } = await runAction(
      new OfficeWorkbook(host.runner()),
      "summary",
      { lang: "vi" },
      {
        onStage: (s) => stages.push(s),
      },
    );
    expect(stages).toEqual(["read", "check", "compute", "summary", "sheets", "write"]);
    expect(written).toHaveLength(4);
  });

  it("cancelled before writing, leaves the workbook exactly as it was", async () => {
    const host = hostWith(samplePlanRows());
    const wb = new OfficeWorkbook(host.runner());
    const before = (await wb.readGrids()).sheets.map((s) => s.sheet);
    const controller = new AbortController();
    const seen: Stage[] = [];
    await expect(
      runAction(
        wb,
        "compute",
        { lang: "vi" },
        {
          signal: controller.signal,
          onStage: (s) => {
            seen.push(s);
            if (s === "compute") controller.abort();
          },
        },
      ),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual(["read", "check", "compute"]);
    expect((await wb.readGrids()).sheets.map((s) => s.sheet)).toEqual(before);
    expect(await wb.ownedSheets()).toEqual([]);
  });

  it("saves changed settings into their cells, appends a missing one, and the next check reads them", async () => {
    const rows = samplePlanRows();
    // Drop the attainment-cap row so saving must append it.
    const host = hostWith({ ...rows, settings: rows.settings.filter(([k]) => k !== "Mức trần tỷ lệ đạt") });
    const wb = new OfficeWorkbook(host.runner());
    const { plan } = await inspectWorkbook(wb);
    const goodCell = plan.settings.cells.gradeGood!;
    const syncs = wb.syncs;
    expect(
      await saveSettings(wb, { gradeGood: 90, attainmentCap: 1.2, normalisation: "minmax", gradeFair: 65 }),
    ).toBe(true);
    expect(wb.syncs - syncs).toBe(4); // read (names, bounds, cells) + one write
    expect(host.read(goodCell.sheet, a1(goodCell.row, goodCell.col))).toBe(90);
    const after = await inspectWorkbook(wb);
    expect(after.plan.settings).toMatchObject({
      gradeGood: 90,
      gradeFair: 65,
      attainmentCap: 1.2,
      normalisation: "minmax",
    });
    expect(after.findings).toEqual(
      (await inspectWorkbook(new OfficeWorkbook(hostWith(rows).runner()))).findings,
    );
  });

  it("saves the signer block's settings as the pane offers them, and the report signs with them", async () => {
    const host = hostWith(samplePlanRows());
    const wb = new OfficeWorkbook(host.runner());
    const { plan } = await inspectWorkbook(wb);
    expect(signerLines(plan, "vi")).toEqual(["GIÁM ĐỐC"]);
    // The pane's drop-down gives the authority's key, its inputs the texts as typed.
    const authority = SETTINGS.find((d) => d.key === "signerAuthority")!;
    expect(typedValue(authority, "tl", "vi")).toBe("tl");
    const change = {
      signerAuthority: "tl",
      headTitle: "Giám đốc",
      signerTitle: "Chánh Văn phòng",
      signerName: "Lê Thị Bình",
    } as const;
    expect(await saveSettings(wb, change)).toBe(true);
    // Appended under the sample's rows, labelled, the authority by its label.
    const sheet = plan.layout.settings!;
    const row = sheet.lastRow + 1;
    expect(host.read(sheet.sheet, a1(row, 1))).toBe("Thẩm quyền ký");
    expect(host.read(sheet.sheet, a1(row, 2))).toBe("TL. (thừa lệnh)");
    const after = await inspectWorkbook(wb);
    expect(after.plan.settings).toMatchObject(change);
    expect(signerLines(after.plan, "vi")).toEqual(["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]);
    expect(signerLines(after.plan, "en")).toEqual(["BY ORDER OF THE GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]);
  });

  it("keeps text that looks like a formula as text when saving the province", async () => {
    const host = hostWith(samplePlanRows());
    const wb = new OfficeWorkbook(host.runner());
    await saveSettings(wb, { province: "=HYPERLINK(1)" });
    const { plan } = await inspectWorkbook(wb);
    expect(plan.settings.province).toBe("=HYPERLINK(1)");
  });
});

describe("settingsEdits", () => {
  const grids = planRowsToGrids(samplePlanRows());
  const { plan } = checkWorkbook(grids, null);

  it("edits only what changed, enums by their Vietnamese label", () => {
    const edits = settingsEdits(grids, plan, { gradeGood: 80, missingPolicy: "exclude", gradeAverage: 45 })!;
    const s = plan.settings.cells;
    expect(edits).toEqual([
      { sheet: "Cấu hình", cell: a1(s.gradeAverage!.row, s.gradeAverage!.col), value: 45 },
      { sheet: "Cấu hình", cell: a1(s.missingPolicy!.row, s.missingPolicy!.col), value: "Loại trừ" },
    ]);
  });

  it("is null when the workbook has no settings sheet", () => {
    const without = { sheets: grids.sheets.filter((g) => g.sheet !== "Cấu hình") };
    expect(settingsEdits(without, checkWorkbook(without, null).plan, { gradeGood: 90 })).toBeNull();
  });
});
