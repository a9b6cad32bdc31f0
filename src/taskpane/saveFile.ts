/**
 * How the pane gives the planner a file it made. In a browser page (the preview) a download of a Blob. In Excel the
 * task pane has no way to save a file of its own (desktop web views may block or hide its downloads), so an Office
 * dialog (DialogApi 1.2, `Dialog.messageChild`) receives the file and offers the download on a button the planner
 * clicks.
 */
import type { ReportFile } from "../workbook/office/actions";
import { fileMessages, type FromDialog } from "./fileTransfer";
import type { Lang } from "./i18n";

/** "saved" when the planner saved the file, "closed" when they closed the dialog without saving it. */
export type SaveOutcome = "saved" | "closed";
/** Hands a file to the planner; `lang` is the language of anything shown on the way. */
export type SaveFile = (file: ReportFile, lang: Lang) => Promise<SaveOutcome>;

/** A browser download of the file. */
export function browserDownload(doc: Document = document): SaveFile {
  return async (file) => {
    const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mime }));
    const a = doc.createElement("a");
    a.href = url;
    a.download = file.name;
    a.hidden = true;
    doc.body.appendChild(a);
    a.click();
    a.remove();
    // Revoked later: the browser reads the Blob after the click returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return "saved";
  };
}

/** The dialog could not be opened or failed; `code` is Office's (12007: another dialog is open, 12009: ignored). */
export class DialogError extends Error {
  constructor(readonly code: number) {
    super(`Office dialog error ${code}`);
    this.name = "DialogError";
  }
}

/** "The user closed the dialog box" (DialogEventReceived, Handle errors and events in the Office dialog box). */
const CLOSED_BY_USER = 12006;

/** The file handed to an Office dialog at `pageUrl` (an https page of the add-in's own domain) that saves it. */
export function dialogDownload(ui: Office.UI, pageUrl: string): SaveFile {
  return (file, lang) =>
    new Promise<SaveOutcome>((resolve, reject) => {
      let saved = false;
      const url = new URL(pageUrl);
      url.searchParams.set("lang", lang);
      ui.displayDialogAsync(url.toString(), { height: 40, width: 30, displayInIframe: true }, (res) => {
        if (res.status !== Office.AsyncResultStatus.Succeeded) return reject(new DialogError(res.error.code));
        const dialog = res.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          if (!("message" in arg)) return;
          const m = JSON.parse(arg.message) as FromDialog;
          if (m.type === "ready") for (const piece of fileMessages(file)) dialog.messageChild(piece);
          else if (m.type === "saved") saved = true;
          else {
            dialog.close();
            resolve(saved ? "saved" : "closed");
          }
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
          if (!("error" in arg)) return;
          if (arg.error === CLOSED_BY_USER) resolve(saved ? "saved" : "closed");
          else reject(new DialogError(arg.error));
        });
      });
    });
}
