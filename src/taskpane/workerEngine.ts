/** Runs the engine in a Web Worker where the browser has them; cancelling terminates the worker. */
import type { RunResult, RunStep } from "../engine/pipeline";
import { CancelledError, type RunEngine } from "../workbook/office/actions";
import { join, split, type Piece } from "./transfer";
import { timeSlices } from "../workbook/slices";

const SLICE_MS = 30;

type Reply =
  | { step: RunStep }
  | { progress: [number, number] }
  | { result: RunResult; pieces: number }
  | { piece: Piece };

/** The worker-backed engine, or undefined where Web Workers are missing (the pane then runs it in-thread). */
export function workerEngine(): RunEngine | undefined {
  if (typeof Worker === "undefined") return undefined;
  return (grids, { onProgress, ...options }, onStep, signal) =>
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
      // The result comes as a skeleton, then its long arrays in pieces (each a short task here).
      let result: RunResult | null = null;
      let missing = 0;
      const settle = () => {
        if (!result || missing > 0) return;
        finish();
        resolve(result);
      };
      worker.onmessage = (e: MessageEvent<Reply>) => {
        const m = e.data;
        if ("step" in m) onStep(m.step);
        else if ("progress" in m) onProgress?.(...m.progress);
        else if ("piece" in m) {
          join(result, m.piece);
          missing--;
          settle();
        } else {
          result = m.result;
          missing = m.pieces;
          settle();
        }
      };
      worker.onerror = (e) => {
        finish();
        reject(new Error(e.message));
      };
      // Each postMessage copies on this thread: the grids go in pieces, with time for a click between them.
      const sent = split(grids);
      worker.postMessage({ grids: sent.skeleton, options, pieces: sent.pieces.length });
      void (async () => {
        const pause = timeSlices(SLICE_MS);
        for (const piece of sent.pieces) {
          if (signal?.aborted) return;
          worker.postMessage({ piece });
          await pause();
        }
      })();
    });
}
