/** Excel's errors in the pane's words: what happened, what it left, and what to do next. */
import fc from "fast-check";
import { renderToStaticMarkup } from "react-dom/server";
import { describeOfficeError, errorDetail } from "../../src/taskpane/errors";
import { MessageView } from "../../src/taskpane/message";
import { DialogError } from "../../src/taskpane/saveFile";
import { OutputWriteError } from "../../src/workbook/office/writeError";
import { ProtectedReferrersError, SheetGoneError } from "../../src/workbook/office/sheetErrors";

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

  it("a protected sheet of the planner's over outputs: named with the outputs; what the write left said once", () => {
    const e = new ProtectedReferrersError(["Của tôi", "Ẩn"], ["Xếp hạng", "Kết quả"]);
    expect(describeOfficeError(e, "vi")).toMatch(
      /^Sheet "Của tôi", "Ẩn" đang được bảo vệ và có công thức, biểu đồ, quy tắc xác thực dữ liệu \(danh sách chọn\) hoặc định dạng có điều kiện đọc sheet "Xếp hạng", "Kết quả"\..*Các sheet kết quả cũ không bị thay đổi\.$/,
    );
    expect(errorDetail(e)).toBeNull();
    // Its temporary sheets not removed: the outcome said by the write's error, not "nothing changed".
    const left = describeOfficeError(new OutputWriteError(e, "unknown", ["ictplan_tmp_0"]), "en");
    expect(left).toMatch(
      /^Sheet "Của tôi", "Ẩn" is protected.*Undoing failed too: temporary sheets ictplan_tmp_0/,
    );
    expect(left).not.toMatch(/were not changed/);
    expect(errorDetail(new OutputWriteError(e, "unknown", []))).toBeNull();
  });
});

describe("no English in a Vietnamese message, whatever the error", () => {
  const word = fc.constantFrom(
    "Cannot",
    "read",
    "properties",
    "undefined",
    "internal",
    "request",
    "failed",
    "object",
  );
  const error = fc.record({
    words: fc.array(word, { minLength: 1, maxLength: 6 }),
    code: fc.option(fc.constantFrom("GeneralException", "InvalidArgument", "ItemNotFound", "Unknown42"), {
      nil: undefined,
    }),
    wrap: fc.constantFrom("none", "unchanged", "restored", "unknown", "dialog"),
  });
  const build = (x: { words: string[]; code?: string; wrap: string }): unknown => {
    if (x.wrap === "dialog") return new DialogError(12000 + x.words.length);
    const e = x.code ? officeError(x.code, x.words.join(" ")) : new TypeError(x.words.join(" "));
    return x.wrap === "none"
      ? e
      : new OutputWriteError(e, x.wrap as "unchanged" | "restored" | "unknown", ["KQ_tmp"]);
  };

  it("says what happened and what to do in the pane's language; Excel's own words go to the details", () => {
    fc.assert(
      fc.property(error, (x) => {
        const e = build(x);
        const vi = describeOfficeError(e, "vi");
        const en = describeOfficeError(e, "en");
        for (const w of x.words) expect(vi).not.toContain(w);
        if (x.code) expect(vi).not.toContain(x.code);
        expect(vi).not.toMatch(/\b(error|Error|Office|dialog)\b/);
        // What to do: run again, press again, or the undo's own instruction.
        expect(vi).toMatch(/chạy lại|Chạy lại|Bấm lại/);
        expect(en).toMatch(/[Rr]un (it )?again|Press .* again/);
        expect(en).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
        // The technical detail keeps what the error said, for support.
        const detail = errorDetail(e);
        if (x.wrap !== "dialog") for (const w of x.words) expect(detail).toContain(w);
        else expect(detail).toMatch(/^12\d{3}/);
      }),
    );
  });

  it("a message we explain ourselves has no technical details", () => {
    expect(errorDetail(officeError("InvalidOperationInCellEditMode", "editing"))).toBeNull();
    expect(errorDetail(new SheetGoneError("Số liệu"))).toBeNull();
    expect(errorDetail(new DialogError(12007))).toBeNull();
    expect(errorDetail(new DialogError(12002))).toBe("12002: Office dialog error 12002");
  });

  it("the pane shows the details closed, under the plain message", () => {
    const html = renderToStaticMarkup(
      <MessageView
        message={{ intent: "error", error: new TypeError("Cannot read properties of undefined") }}
        lang="vi"
        onRetry={() => undefined}
        onOpenSheet={() => undefined}
      />,
    );
    const text = html.replace(/<details[\s\S]*<\/details>/, "").replace(/<[^>]+>/g, "");
    expect(text).toContain("ictplan gặp lỗi ngoài dự kiến nên thao tác chưa xong.");
    expect(text).not.toContain("Cannot");
    expect(html).toMatch(
      /<details class="detail"><summary>Chi tiết kỹ thuật \(cho người hỗ trợ\)<\/summary><code lang="en">Cannot read properties of undefined<\/code><\/details>/,
    );
  });
});
