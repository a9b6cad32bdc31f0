/** Telling a reference to a sheet in a formula as Excel writes it, and moving it to another sheet's name. */
import { refersToSheets, retargeter } from "../../src/engine/outputs/refs";

describe("references to sheets in formulas", () => {
  const refers = refersToSheets(["Kết quả", "Results"]);

  it("a reference to one of the sheets, quoted or plain, in any function", () => {
    expect(refers("=SUM('Kết quả'!K5:K345)")).toBe(true);
    expect(refers('=VLOOKUP("VPUB",Results!A5:L35,10,0)')).toBe(true);
    expect(refers("=-Results!$A$1")).toBe(true);
  });

  it("not a longer name ending the same, another workbook's sheet, a string, or no sheet", () => {
    expect(refers("=SUM('Tổng hợp Kết quả'!K5)")).toBe(false);
    expect(refers("=SUM('X''Kết quả'!K5)")).toBe(false);
    expect(refers("=OldResults!A1+My.Results!A1")).toBe(false);
    expect(refers("=[1]Results!A1+'[Book.xlsx]Kết quả'!A1")).toBe(false);
    expect(refers('="\'Kết quả\'!A1"&"Results!B2"')).toBe(false);
    expect(refers("=SUM(K5:K345)")).toBe(false);
    expect(refersToSheets([])("='Kết quả'!A1")).toBe(false);
  });

  it("the same test, called again, answers the same (the pattern keeps no position)", () => {
    expect([1, 2, 3].map(() => refers("='Kết quả'!A1"))).toEqual([true, true, true]);
  });

  it("retargets only such references", () => {
    const to = retargeter(new Map([["Kết quả", "Results"]]));
    expect(to("=SUM('Kết quả'!K5)+'Tổng hợp Kết quả'!A1&\"'Kết quả'!A1\"")).toBe(
      "=SUM(Results!K5)+'Tổng hợp Kết quả'!A1&\"'Kết quả'!A1\"",
    );
  });
});
