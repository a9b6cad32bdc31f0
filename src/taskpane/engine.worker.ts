/** The engine in a Web Worker: the pane stays responsive however long a large plan takes, and cancel is instant. */
import { planSteps, type RunOptions } from "../engine/pipeline";
import type { WorkbookGrids } from "../engine/grid";
import { join, split, type Piece } from "./transfer";

type Request = { grids: WorkbookGrids; options: RunOptions; pieces: number } | { piece: Piece };

interface WorkerScope {
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
// Progress messages at most this often: enough for the bar to move, few enough to cost nothing.
const PROGRESS_MS = 100;

// The grids come as a skeleton, then their long arrays in pieces (the pane's thread copies each in a short task).
let request: { grids: WorkbookGrids; options: RunOptions } | null = null;
let missing = 0;

scope.onmessage = (e) => {
  if ("piece" in e.data) {
    join(request?.grids, e.data.piece);
    missing--;
  } else {
    request = e.data;
    missing = e.data.pieces;
  }
  if (request && missing === 0) run(request.grids, request.options);
};

function run(grids: WorkbookGrids, options: RunOptions): void {
  let last = 0;
  const onProgress = (done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_MS) return;
    last = now;
    scope.postMessage({ progress: [done, total] });
  };
  const steps = planSteps(grids, { ...options, onProgress });
  let next = steps.next();
  while (!next.done) {
    scope.postMessage({ step: next.value });
    next = steps.next();
  }
  const { skeleton, pieces, buffers } = split(next.value);
  // The figures' typed array moves to the pane rather than being copied (the worker is done with it).
  scope.postMessage({ result: skeleton, pieces: pieces.length }, buffers);
  for (const piece of pieces) scope.postMessage({ piece });
}
