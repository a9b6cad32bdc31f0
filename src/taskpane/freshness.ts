/** When the pane reads the workbook again, so that what it offers (the periods with figures, the plan's facts, the
 *  findings) is the workbook as it is now, not as it was when the pane opened. */

/** How long the planner's edits must pause before the pane reads the workbook again (typing a row of figures). */
export const QUIET_MS = 1000;

/**
 * Reads again after a change the host told (once the edits pause for QUIET_MS), and when the planner comes back to
 * the pane or opens the period list: after a told change only, or every time where the host cannot tell changes.
 * Never while an action runs (the action reads the workbook itself); what changed meanwhile is read when it ends.
 */
export class Freshness {
  private changed = false;
  private told = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly read: () => void,
    private readonly busy: () => boolean,
    private readonly quietMs = QUIET_MS,
  ) {}

  /** The host tells changes from now on. */
  watching(): void {
    this.told = true;
  }

  /** The host told a change. */
  change(): void {
    this.changed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, this.quietMs);
  }

  /** The planner is back in the pane (it has focus again, or the period list opens). */
  back(): void {
    if (!this.told) this.changed = true;
    this.refresh();
  }

  /** The workbook is being read (on opening, by an action): what changed before is seen. */
  reading(): void {
    this.changed = false;
  }

  /** An action ended: what changed while it ran is read now. */
  idle(): void {
    this.refresh();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private refresh(): void {
    if (!this.changed || this.busy()) return;
    this.changed = false;
    this.read();
  }
}
