/**
 * Cooperative time slices: long synchronous work written as a generator that yields now and then, run either at
 * once (the CLI) or in slices that give the page's thread back between them (the pane stays responsive).
 */

/** Gives the thread back to the host when the current slice has run long enough; resolves when work may go on. */
export type Pause = () => Promise<void>;

/** Runs a generator to the end at once. */
export function drain<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs a generator, calling `pause` at each of its yields. */
export async function drainSliced<T>(steps: Generator<unknown, T, void>, pause: Pause): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}

// A macrotask, not a microtask: only a new task lets the browser paint and handle a click. MessageChannel avoids
// setTimeout's 4 ms clamp after nested calls.
function nextTask(): Promise<void> {
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A pause that yields a task once `budgetMs` have passed since the last one, and is free otherwise. */
export function timeSlices(budgetMs = 30): Pause {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await nextTask();
    since = performance.now();
  };
}
