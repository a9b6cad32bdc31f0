/**
 * Ribbon commands: Kiểm tra, Tính toán & xếp hạng, Tạo báo cáo quý (the pane button is declarative in the manifest).
 * Each run waits while a cell is being edited, runs the engine in a Web Worker (Office's thread stays free), and ends
 * with a dialog telling the planner what was written and found, or what failed.
 */
import { OfficeWorkbook, officeRunner } from "../workbook/office/officeWorkbook";
import type { Action } from "../workbook/office/actions";
import { workerEngine } from "../taskpane/workerEngine";
import { ribbonCommand } from "./ribbon";

/** Shows a message in an Office dialog (DialogApi 1.1); the console only if Office cannot open one. */
function showDialog(text: string, intent: string): Promise<void> {
  const url = new URL("message.html", window.location.href);
  url.searchParams.set("text", text);
  url.searchParams.set("intent", intent);
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(
      url.toString(),
      { height: 30, width: 35, displayInIframe: true },
      (res) => {
        if (res.status === Office.AsyncResultStatus.Succeeded) {
          const dialog = res.value;
          dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
        } else console.error(text, res.error);
        resolve();
      },
    );
  });
}

function command(action: Action) {
  return async (event: Office.AddinCommands.Event) => {
    const lang = (Office.context.displayLanguage ?? "vi").toLowerCase().startsWith("en") ? "en" : "vi";
    const workbook = new OfficeWorkbook(officeRunner(Excel.run), (set, version) =>
      Office.context.requirements.isSetSupported(set, version),
    );
    try {
      await ribbonCommand(action, { workbook, lang, engine: workerEngine(), show: showDialog });
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
