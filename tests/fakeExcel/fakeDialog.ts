/**
 * A strict fake of Office's dialog API (Office.context.ui and Office.Dialog), for the task pane's file delivery.
 * Rules modelled, from Microsoft's reference (node_modules/@types/office-js/index.d.ts, UI.displayDialogAsync,
 * Dialog, DialogParentMessageReceivedEventArgs) and "Handle errors and events in the Office dialog box":
 * - the start address is a full HTTPS URL (relative URLs mustn't be used; HTTP gives 12005) on the same domain as
 *   the host page (else 12004);
 * - one dialog at a time from a host page (12007 while one is open);
 * - `Dialog.addEventHandler` takes only DialogMessageReceived or DialogEventReceived;
 * - `Dialog.messageChild` needs DialogApi 1.2; a message reaches only handlers the dialog page has registered with
 *   `Office.context.ui.addHandlerAsync(DialogParentMessageReceived)` by the time it arrives (earlier ones are lost);
 * - `messageParent` reaches the parent's DialogMessageReceived handlers as `{ message, origin }`;
 * - the user closing the dialog raises DialogEventReceived with error 12006; `Dialog.close()` raises nothing.
 * Messages and page loads arrive asynchronously, each after its own delay, in the order sent.
 */

/** The enum values Office.js really has (office.js: EventType, AsyncResultStatus). */
export const OFFICE_ENUMS = {
  EventType: {
    DialogMessageReceived: "dialogMessageReceived",
    DialogEventReceived: "dialogEventReceived",
    DialogParentMessageReceived: "dialogParentMessageReceived",
  },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
};

/** Installs the global Office namespace's enums the dialog code reads. */
export function installOfficeEnums(): void {
  (globalThis as Record<string, unknown>).Office = OFFICE_ENUMS;
}

type Handler = (arg: unknown) => void;

/** A dialog page as the test loads it: the page's script, given the dialog's Office.context.ui. */
export type DialogPage = (ui: Office.UI, url: URL) => void;

export interface FakeDialogOptions {
  /** The host page's origin ("https://localhost:3000"). */
  readonly origin: string;
  readonly dialogApi: "1.1" | "1.2";
  /** The script of the page at a URL. */
  readonly page: DialogPage;
  /** Delay before each delivery (ms): a page load or a message. */
  readonly delay?: () => number;
}

export class FakeDialogHost {
  readonly opened: URL[] = [];
  /** Every message the parent sent with messageChild, delivered or lost. */
  readonly sentToChild: string[] = [];
  readonly lostToChild: string[] = [];
  private open: {
    parent: Map<string, Handler[]>;
    child: Handler[];
    closed: boolean;
  } | null = null;
  private queue = Promise.resolve();

  constructor(private readonly o: FakeDialogOptions) {}

  get isOpen(): boolean {
    return this.open !== null && !this.open.closed;
  }

  /** Runs `fn` after the next delay, after everything sent before it (deliveries keep their order). */
  private later(fn: () => void): void {
    const wait = this.o.delay?.() ?? 0;
    this.queue = this.queue.then(() => new Promise<void>((r) => setTimeout(r, wait))).then(fn);
  }

  /** The host page's Office.context.ui. */
  parentUi(): Office.UI {
    const ui = {
      displayDialogAsync: (
        startAddress: string,
        _options: Office.DialogOptions,
        callback: (r: Office.AsyncResult<Office.Dialog>) => void,
      ) => {
        const fail = (code: number) =>
          setTimeout(() =>
            callback({
              status: "failed",
              error: { code, message: `error ${code}`, name: "Error" },
            } as unknown as Office.AsyncResult<Office.Dialog>),
          );
        let url: URL;
        try {
          url = new URL(startAddress);
        } catch {
          return fail(12003);
        }
        if (url.protocol !== "https:") return fail(12005);
        if (url.origin !== this.o.origin) return fail(12004);
        if (this.isOpen) return fail(12007);
        const state = { parent: new Map<string, Handler[]>(), child: [] as Handler[], closed: false };
        this.open = state;
        this.opened.push(url);
        const dialog = {
          addEventHandler: (type: string, handler: Handler) => {
            if (
              type !== OFFICE_ENUMS.EventType.DialogMessageReceived &&
              type !== OFFICE_ENUMS.EventType.DialogEventReceived
            )
              throw new Error(`addEventHandler: ${type} is not a dialog event`);
            state.parent.set(type, [...(state.parent.get(type) ?? []), handler]);
          },
          messageChild: (message: string) => {
            if (this.o.dialogApi !== "1.2") throw new Error("messageChild needs DialogApi 1.2");
            if (typeof message !== "string") throw new Error("messageChild takes a string");
            if (state.closed) throw new Error("the dialog is closed");
            this.sentToChild.push(message);
            this.later(() => {
              if (state.closed || state.child.length === 0) this.lostToChild.push(message);
              else
                for (const h of state.child)
                  h({ message, origin: this.o.origin, type: "dialogParentMessageReceived" });
            });
          },
          close: () => {
            state.closed = true;
          },
          sendMessage: () => {
            throw new Error("FOR INTERNAL USE ONLY");
          },
        };
        setTimeout(() =>
          callback({ status: "succeeded", value: dialog } as unknown as Office.AsyncResult<Office.Dialog>),
        );
        // The page loads after its delay and runs its script with the dialog's own Office.context.ui.
        this.later(() => {
          if (!state.closed) this.o.page(this.childUi(state), url);
        });
      },
    };
    return ui as unknown as Office.UI;
  }

  private childUi(state: { parent: Map<string, Handler[]>; child: Handler[]; closed: boolean }): Office.UI {
    const ui = {
      addHandlerAsync: (type: string, handler: Handler, callback?: (r: Office.AsyncResult<void>) => void) => {
        if (type !== OFFICE_ENUMS.EventType.DialogParentMessageReceived)
          throw new Error(`addHandlerAsync: ${type} must be DialogParentMessageReceived`);
        if (this.o.dialogApi !== "1.2") throw new Error("addHandlerAsync needs DialogApi 1.2");
        state.child.push(handler);
        setTimeout(() => callback?.({ status: "succeeded" } as unknown as Office.AsyncResult<void>));
      },
      messageParent: (message: string) => {
        if (typeof message !== "string") throw new Error("messageParent takes a string");
        this.later(() => {
          if (state.closed) return;
          for (const h of state.parent.get(OFFICE_ENUMS.EventType.DialogMessageReceived) ?? [])
            h({ message, origin: this.o.origin });
        });
      },
    };
    return ui as unknown as Office.UI;
  }

  /** The user closes the dialog with its X. */
  userCloses(): void {
    const state = this.open;
    if (!state || state.closed) return;
    state.closed = true;
    for (const h of state.parent.get(OFFICE_ENUMS.EventType.DialogEventReceived) ?? []) h({ error: 12006 });
  }
}
