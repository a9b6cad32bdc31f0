/**
 * How a made file crosses from the task pane to the dialog that saves it: Office's dialog messages are strings
 * (`Dialog.messageChild`, DialogApi 1.2), so the file goes as base64 in numbered pieces the dialog puts together.
 * The dialog speaks first ("ready", once its handler is registered) so no piece is sent before it can be received.
 */
import type { ReportFile } from "../workbook/office/actions";

/** Characters of base64 per message: small pieces, as messages pass through the host's bridge on every platform. */
export const PIECE = 30_000;

export type ToDialog = {
  readonly type: "piece";
  readonly name: string;
  readonly mime: string;
  readonly index: number;
  readonly count: number;
  readonly data: string;
};
/** What the dialog says: it can receive, the planner saved the file, the planner is done with it. */
export type FromDialog = { readonly type: "ready" } | { readonly type: "saved" } | { readonly type: "close" };

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The messages that carry a file, in order. */
export function fileMessages(file: ReportFile): string[] {
  const data = toBase64(file.bytes);
  const count = Math.max(1, Math.ceil(data.length / PIECE));
  return Array.from({ length: count }, (_, index) =>
    JSON.stringify({
      type: "piece",
      name: file.name,
      mime: file.mime,
      index,
      count,
      data: data.slice(index * PIECE, (index + 1) * PIECE),
    } satisfies ToDialog),
  );
}

/** Puts a file together from its messages; gives the file once every piece has come, else null. */
export function fileAssembler(): (message: string) => ReportFile | null {
  let pieces: string[] = [];
  let got = 0;
  return (message) => {
    const m = JSON.parse(message) as ToDialog;
    if (m.type !== "piece") return null;
    // A new file (pieces of another count) starts over.
    if (pieces.length !== m.count) {
      pieces = new Array<string>(m.count);
      got = 0;
    }
    if (pieces[m.index] === undefined) got++;
    pieces[m.index] = m.data;
    if (got < m.count) return null;
    const file = { name: m.name, mime: m.mime, bytes: fromBase64(pieces.join("")) };
    pieces = [];
    got = 0;
    return file;
  };
}

/** The dialog's side: registers for the pane's messages, then says it is ready; gives the file once it has come. */
export function receiveInDialog(ui: Office.UI, onFile: (file: ReportFile) => void): void {
  const add = fileAssembler();
  ui.addHandlerAsync(
    Office.EventType.DialogParentMessageReceived,
    (arg) => {
      const file = add(arg.message);
      if (file) onFile(file);
    },
    () => tellPane(ui, { type: "ready" }),
  );
}

/** Sends the pane a message from the dialog. */
export const tellPane = (ui: Office.UI, m: FromDialog) => ui.messageParent(JSON.stringify(m));
