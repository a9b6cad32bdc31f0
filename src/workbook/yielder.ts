/** Long loops on a page's thread hand control back to the event loop every few tens of milliseconds, so the
 *  page repaints and answers clicks (a long task over 200 ms is a stall the user notices). */

/** Awaited in a loop: resolves at once, or after a pause when the loop has run longer than `budgetMs`. */
export type Tick = () => Promise<void> | void;

/** A tick for loops that need not yield (the CLI, tests): never pauses. */
export const NO_TICK: Tick = () => undefined;

/** A tick that yields (setTimeout 0) once `budgetMs` has passed since it last yielded. */
export function cooperative(budgetMs = 40): Tick {
  let last = Date.now();
  return () => {
    if (Date.now() - last < budgetMs) return undefined;
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        last = Date.now();
        resolve();
      }, 0),
    );
  };
}
