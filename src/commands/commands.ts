/** Ribbon commands: Kiểm tra, Tính toán & xếp hạng, Tạo báo cáo quý (the pane button is declarative in the manifest). */
import { OfficeWorkbook } from "../workbook/office/officeWorkbook";
import { runAction, type Action } from "../workbook/office/actions";

function workbook(): OfficeWorkbook {
  return new OfficeWorkbook(
    (batch) => Excel.run(batch),
    (set, version) => Office.context.requirements.isSetSupported(set, version),
  );
}

function command(action: Action) {
  return async (event: Office.AddinCommands.Event) => {
    try {
      const lang = (Office.context.displayLanguage ?? "vi").toLowerCase().startsWith("en") ? "en" : "vi";
      await runAction(workbook(), action, { lang });
    } catch (e) {
      // The ribbon has no room for a message: the findings and errors are shown in the task pane.
      console.error(e);
    } finally {
      event.completed();
    }
  };
}

Office.onReady(() => {
  Office.actions.associate("validate", command("validate"));
  Office.actions.associate("compute", command("compute"));
  Office.actions.associate("generateSummary", command("summary"));
});
