/** Excel's errors in the pane's words: what happened, what it left, and what to do next. */
import { describeOfficeError } from "../../src/taskpane/errors";
import { OutputWriteError } from "../../src/workbook/office/writeError";

/** An error as Excel.run throws it (OfficeExtension.Error: code and message). */
const officeError = (code: string, message: string) => Object.assign(new Error(message), { code });
const internal = officeError("GeneralException", "An internal error has occurred.");

describe("Excel errors in words", () => {
  it("a write refused and undone tells the planner to run it again", () => {
    for (const outcome of ["unchanged", "restored"] as const) {
      const e = new OutputWriteError(internal, outcome);
      expect(describeOfficeError(e, "vi")).toMatch(/khi ghi kết quả.*Hãy chạy lại/);
      expect(describeOfficeError(e, "en")).toMatch(/while writing the output.*Run it again/);
    }
    // Left half-done: its own instruction, not a second one.
    const unknown = describeOfficeError(new OutputWriteError(internal, "unknown", ["Kết quả (tạm)"]), "vi");
    expect(unknown).toContain("Chạy lại để tạo lại kết quả");
    expect(unknown).not.toContain("Hãy chạy lại");
  });

  it("an error outside a write does not say the output was being written", () => {
    // On opening the pane, reading the workbook can fail: nothing was being written then.
    expect(describeOfficeError(internal, "vi")).not.toContain("ghi");
    expect(describeOfficeError(internal, "vi")).toContain("Hãy chạy lại");
    expect(describeOfficeError(internal, "en")).not.toContain("writing");
  });

  it("an error we explain says what to do itself, once", () => {
    const edit = describeOfficeError(officeError("InvalidOperationInCellEditMode", "editing"), "vi");
    expect(edit).toBe("Excel đang ở chế độ sửa ô. Nhấn Enter hoặc Esc rồi chạy lại.");
  });
});
