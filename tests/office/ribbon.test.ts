/** Ribbon buttons on the strict host: they wait for cell edit to end, and every outcome reaches the planner as a message. */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { ribbonCommand } from "../../src/commands/ribbon";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";

beforeAll(() => installExcelEnums());

function setup() {
  const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
  const shown: { text: string; intent: string }[] = [];
  const deps = (lang: "vi" | "en" = "vi") => ({
    workbook: new OfficeWorkbook(host.runner()),
    lang,
    show: async (text: string, intent: "success" | "warning" | "error") => {
      shown.push({ text, intent });
    },
  });
  return { host, shown, deps };
}

describe("ribbon commands", () => {
  it("a click while a cell is edited waits for the edit to end, then writes and reports what it found", async () => {
    const { host, shown, deps } = setup();
    host.startCellEdit();
    const click = ribbonCommand("validate", deps());
    await new Promise((r) => setTimeout(r, 20));
    expect(shown).toEqual([]);
    host.endCellEdit();
    await click;
    expect(shown).toHaveLength(1);
    expect(shown[0].text).toMatch(
      /^Xong: đã ghi Kiểm tra\. Đã kiểm tra: \d+ lỗi, \d+ cảnh báo, \d+ thông tin\.$/,
    );
    expect(host.sheet("Kiểm tra")).toBeDefined();
  });

  it("Tạo báo cáo quý for Quý I after Quý II's tab was made names that tab as a snapshot of Quý I as it was", async () => {
    const { host, shown, deps } = setup();
    let row = 1;
    while (host.read("Cấu hình", `A${row}`) !== "Kỳ hiện tại") row++;
    for (const period of ["Quý II/2015", "Quý I/2015"]) {
      host.userEdit("Cấu hình", `B${row}`, period);
      await ribbonCommand("summary", deps());
    }
    expect(shown[0].text).not.toContain("bản chụp");
    expect(shown[1].text).toContain(
      "Tổng hợp Quý II-2015 đã lập trước đó là bản chụp, vẫn dùng số liệu Quý I/2015 như lúc lập",
    );
  });

  it("compute recalculates after writing: the rank cells hold values, not stale zeros", async () => {
    const { host, deps } = setup();
    await ribbonCommand("compute", deps());
    expect(host.calculations).toBeGreaterThan(0);
    const formulas = [...host.sheet("Xếp hạng")!.cells.values()].filter((c) => c.formula !== null);
    expect(formulas.length).toBeGreaterThan(100);
    expect(formulas.filter((c) => c.stale)).toEqual([]);
  });

  it("an error reaches the planner as a message (protected workbook), and so does an edited output", async () => {
    const { host, shown, deps } = setup();
    host.structureProtected = true;
    await ribbonCommand("compute", deps("en"));
    expect(shown[0]).toMatchObject({ intent: "error" });
    expect(shown[0].text).toMatch(/protected.*previous output sheets were not changed/);
    host.structureProtected = false;
    await ribbonCommand("compute", deps("en"));
    expect(shown[1]).toMatchObject({ intent: expect.stringMatching(/success|warning|error/) });
    expect(shown[1].text).toMatch(/^Done: wrote Results, Ranking, Checks\./);
    host.writeCell(host.sheet("Results")!, 0, 0, "my note");
    await ribbonCommand("compute", deps("en"));
    expect(shown[2]).toMatchObject({ intent: "warning" });
    expect(shown[2].text).toMatch(/Results.*edited by hand.*To keep it, rename it.*open the ictplan pane/);
  });
});
