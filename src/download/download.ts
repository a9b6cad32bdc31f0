/**
 * The dialog that saves a file the task pane made (Excel's task pane cannot save one itself): it receives the file
 * from the pane in pieces, then offers it on a button; the click downloads it in the dialog's own browser window.
 */
import { receiveInDialog, tellPane } from "../taskpane/fileTransfer";
import { t, type Lang } from "../taskpane/i18n";

const lang: Lang = new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "vi";
const status = document.getElementById("status") as HTMLElement;
const save = document.getElementById("save") as HTMLButtonElement;
const close = document.getElementById("close") as HTMLButtonElement;
document.documentElement.lang = lang;
document.title = t(lang, "saveTitle");
(document.getElementById("title") as HTMLElement).textContent = t(lang, "saveTitle");
status.textContent = t(lang, "saveReceiving");
close.textContent = t(lang, "close");

Office.onReady(() => {
  close.addEventListener("click", () => tellPane(Office.context.ui, { type: "close" }));
  receiveInDialog(Office.context.ui, (file) => {
    const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mime }));
    status.textContent = "";
    save.textContent = t(lang, "saveButton", { file: file.name });
    save.hidden = false;
    save.focus();
    save.addEventListener("click", () => {
      const a = document.createElement("a");
      a.href = url;
      a.download = file.name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      status.textContent = t(lang, "saveDone", { file: file.name });
      tellPane(Office.context.ui, { type: "saved" });
      close.focus();
    });
  });
});
