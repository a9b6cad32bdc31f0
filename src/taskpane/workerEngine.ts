/** Runs the engine in a Web Worker where the browser has them; cancelling terminates the worker. */
import type { RunResult, RunStep } from "../engine/pipeline";
import { CancelledError, type RunEngine } from "../workbook/office/actions";

type Reply = { step: RunStep } | { result: RunResult };

/** The worker-backed engine, or undefined where Web Workers are missing (the pane then runs it in-thread). */
export function workerEngine(): RunEngine | undefined {
  if (typeof Worker === "undefined") return undefined;
  return (grids, options, onStep, signal) =>
    new Promise<RunResult>((resolve, reject) => {
      const worker = new Worker(new URL("./engine.worker.ts", import.meta.url));
      const finish = () => {
        signal?.removeEventListener("abort", cancel);
        worker.terminate();
      };
      const cancel = () => {
        finish();
        reject(new CancelledError());
      };
      if (signal?.aborted) return cancel();
      signal?.addEventListener("abort", cancel, { once: true });
      worker.onmessage = (e: MessageEvent<Reply>) => {
        if ("step" in e.data) onStep(e.data.step);
        else {
          finish();
          resolve(e.data.result);
        }
      };
      worker.onerror = (e) => {
        finish();
        reject(new Error(e.message));
      };
      worker.postMessage({ grids, options });
    });
}
