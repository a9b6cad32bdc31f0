/**
 * Stretches of synchronous work between two yields, for the probes of the pane's thread (bench/writeGaps.ts,
 * bench/officeGaps.ts): CPU time of the process (user + system, all its threads) and wall time of each, and where it
 * began and ended (the innermost frames of the project's code).
 */

export interface Stretch {
  readonly stage: string;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly from: string;
  readonly to: string;
}

/** The innermost frames of the project's own code at the caller's caller. */
export function where(): string {
  return (new Error().stack ?? "")
    .split("\n")
    .slice(3)
    .filter((f) => f.includes("/src/"))
    .slice(0, 2)
    .map((f) =>
      f
        .trim()
        .replace(/^at (async )?/, "")
        .replace(/\(.*\/src\//, "(")
        .replace(/:\d+\)$/, ")"),
    )
    .join(" < ");
}

/** Records stretches: `end(to)` closes the current one, `start(at)` opens the next; `stage` labels them. */
export class Stretches {
  readonly list: Stretch[] = [];
  stage = "";
  private from = "start";
  private cpu = process.cpuUsage();
  private wall = performance.now();

  end(to: string): void {
    const cpu = process.cpuUsage(this.cpu);
    this.list.push({
      stage: this.stage,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - this.wall,
      from: this.from,
      to,
    });
  }

  start(at: string): void {
    this.from = at;
    this.cpu = process.cpuUsage();
    this.wall = performance.now();
  }

  /** Wraps an async yield (a pause, a sync) so that it ends one stretch and starts the next. */
  around<T>(yieldTo: () => Promise<T>): () => Promise<T> {
    return async () => {
      const at = where();
      this.end(at);
      const out = await yieldTo();
      this.start(at);
      return out;
    };
  }

  /** The longest of a stage, rounded. */
  top(stage: string, n = 6): Stretch[] {
    return this.list
      .filter((s) => s.stage === stage)
      .sort((a, b) => b.cpuMs - a.cpuMs)
      .slice(0, n)
      .map((s) => ({ ...s, cpuMs: Math.round(s.cpuMs), wallMs: Math.round(s.wallMs) }));
  }

  /** How many of a stage took more than `ms` of CPU. */
  over(stage: string, ms: number): number {
    return this.list.filter((s) => s.stage === stage && s.cpuMs > ms).length;
  }
}
