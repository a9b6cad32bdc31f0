/**
 * A planner who inserts or deletes rows of an input sheet in Excel (a unit added to Đơn vị and Số liệu, a unit's
 * figures deleted) makes Excel move the outputs' references to those rows: nobody typed into the outputs, so the add-in
 * replaces them without asking to overwrite; an output the planner typed into is still refused.
 */
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { runAction } from "../../src/workbook/office/actions";
import { EditedOutputError } from "../../src/workbook/ownership";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";

jest.setTimeout(120_000);
beforeAll(() => installExcelEnums());

const RESULTS = "Kết quả";
// The sample's Kết quả reads the figures of 2015-Q2 from rows 157 to 187 of Số liệu, a unit a row.
const FIRST = 157;
const compute = (wb: OfficeWorkbook) => runAction(wb, "compute", { lang: "vi", period: "2015-Q2" });
const formulas = (host: FakeExcel, sheet: string) =>
  Object.values(host.shown(sheet)).filter((v): v is string => typeof v === "string" && v.startsWith("="));

async function computed(): Promise<{ host: FakeExcel; wb: OfficeWorkbook }> {
  const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
  const wb = new OfficeWorkbook(host.runner());
  await compute(wb);
  return { host, wb };
}

/** A unit added as a planner adds one: a row inserted in Đơn vị and one in Số liệu, typed in. */
function addUnit(host: FakeExcel): void {
  const rows = samplePlanRows();
  host.userInsertRows("Đơn vị", 3);
  ["SO_MOI", "Sở Mới", String(rows.units[0][2]), "Có"].forEach((v, j) =>
    host.userEdit("Đơn vị", `${String.fromCharCode(65 + j)}3`, v),
  );
  host.userInsertRows("Số liệu", FIRST + 2);
  rows.figures[FIRST - 1].forEach((v, j) => {
    if (v !== null) host.userEdit("Số liệu", `${String.fromCharCode(65 + j)}${FIRST + 2}`, j ? v : "SO_MOI");
  });
}

describe("the fake host's rows inserted and deleted", () => {
  it("move the cells and every reference to them as Excel does: ranges grow and shrink, deleted cells are #REF!", () => {
    const host = new FakeExcel();
    host.addSheet("Số liệu", [["a"], [1], [2], [3], [4], [5]]);
    host.addSheet("Tổng", []);
    const typed = [
      "='Số liệu'!$A$3",
      "=SUM('Số liệu'!A2:A6)",
      "='Số liệu'!A4+B1",
      "=SUM('Số liệu'!A3:A3)",
      '="Số liệu!A4"&LOG10(A4)',
    ];
    typed.forEach((f, j) => host.userEdit("Tổng", `A${j + 1}`, f));
    host.userEdit("Số liệu", "B1", "=A6*2");
    host.userInsertRows("Số liệu", 3, 2);
    expect(host.read("Số liệu", "A6")).toBe(3);
    expect(host.read("Số liệu", "B1")).toBe("=A8*2");
    expect(typed.map((_, j) => host.read("Tổng", `A${j + 1}`))).toEqual([
      "='Số liệu'!$A$5",
      "=SUM('Số liệu'!A2:A8)",
      "='Số liệu'!A6+B1",
      "=SUM('Số liệu'!A5:A5)",
      '="Số liệu!A4"&LOG10(A4)',
    ]);
    host.userDeleteRows("Số liệu", 3, 2);
    expect(host.read("Số liệu", "A4")).toBe(3);
    expect(typed.map((_, j) => host.read("Tổng", `A${j + 1}`))).toEqual([
      "='Số liệu'!$A$3",
      "=SUM('Số liệu'!A2:A6)",
      "='Số liệu'!A4+B1",
      "=SUM('Số liệu'!A3:A3)",
      '="Số liệu!A4"&LOG10(A4)',
    ]);
    host.userDeleteRows("Số liệu", 3);
    expect(typed.map((_, j) => host.read("Tổng", `A${j + 1}`)).slice(0, 4)).toEqual([
      "='Số liệu'!#REF!",
      "=SUM('Số liệu'!A2:A5)",
      "='Số liệu'!A3+B1",
      "=SUM('Số liệu'!#REF!)",
    ]);
    expect(host.valueAt("Tổng", "A2")).toBe(1 + 3 + 4 + 5);
  });
});

describe("rows inserted or deleted in the input sheets, in Excel", () => {
  it("a unit added: the outputs whose references moved are replaced without force, with the new unit", async () => {
    const { host, wb } = await computed();
    addUnit(host);
    expect(formulas(host, RESULTS)).toContain(
      `=IF(ISBLANK('Số liệu'!$D$${FIRST + 3}),"",'Số liệu'!$D$${FIRST + 3})`,
    );
    await compute(wb);
    expect(Object.values(host.shown(RESULTS))).toContain("Sở Mới");
  });

  it("a unit's figures deleted: the outputs holding #REF! are replaced without force, without #REF!", async () => {
    const { host, wb } = await computed();
    host.userDeleteRows("Số liệu", FIRST + 3);
    expect(formulas(host, RESULTS)).toContain(`=IF(ISBLANK('Số liệu'!#REF!),"",'Số liệu'!#REF!)`);
    await compute(wb);
    expect(formulas(host, RESULTS).filter((f) => f.includes("#REF!"))).toEqual([]);
    expect(formulas(host, RESULTS).length).toBeGreaterThan(100);
  });

  it("a note typed into Kết quả after a unit is added is refused, and kept", async () => {
    const { host, wb } = await computed();
    addUnit(host);
    host.userEdit(RESULTS, "Z3", "ghi chú của tôi");
    await expect(compute(wb)).rejects.toBeInstanceOf(EditedOutputError);
    expect(host.read(RESULTS, "Z3")).toBe("ghi chú của tôi");
  });
});
