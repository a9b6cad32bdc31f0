/** The engine in a Web Worker: the pane stays responsive however long a large plan takes, and cancel is instant. */
import { planSteps, type RunOptions } from "../engine/pipeline";
import type { WorkbookGrids } from "../engine/grid";

interface WorkerScope {
  onmessage: ((e: MessageEvent<{ grids: WorkbookGrids; options: RunOptions }>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const steps = planSteps(e.data.grids, e.data.options);
  let next = steps.next();
  while (!next.done) {
    scope.postMessage({ step: next.value });
    next = steps.next();
  }
  scope.postMessage({ result: next.value });
};
