/** A plain definition of the robustness task, kept as the reference for the engine's fast one. */
import type { Indicator, Plan, Unit } from "../../src/engine/model";
import { pillarsOf } from "../../src/engine/readiness";
import { assembledTask, type RobustnessTask } from "../../src/engine/robustness";

/**
 * The robustness task as first written: scores asked for one by one (`scoreOf`: a unit's score on the k-th of its
 * applicable indicators, null when missing). The reference robustnessTaskAt, which reads them in place, must equal.
 */
export function robustnessTask(
  plan: Plan,
  units: readonly Unit[],
  applicable: (u: Unit) => readonly Indicator[],
  scoreOf: (u: Unit, ind: Indicator, k: number) => number | null,
): RobustnessTask {
  const { missingPolicy } = plan.settings;
  const indNo = new Map(plan.indicators.map((ind, k) => [ind.code, k]));
  const pillarNo = new Map(pillarsOf(plan).map((p, k) => [p, k]));
  // Indicator and pillar numbers per list of applicable indicators (one list per ranking group).
  const numbered = new Map<readonly Indicator[], { ind: number[]; pillar: number[] }>();
  const scoredOf = (u: Unit) => {
    const list = applicable(u);
    let nums = numbered.get(list);
    if (!nums) {
      nums = {
        ind: list.map((i) => indNo.get(i.code) as number),
        pillar: list.map((i) => pillarNo.get(i.pillar) as number),
      };
      numbered.set(list, nums);
    }
    // Nothing left out: the list's own numbers, shared by every such unit of the group; else from the first left out
    // on, the unit's own.
    const score: number[] = [];
    let ind: number[] | null = null;
    let pillar: number[] = nums.pillar;
    for (let k = 0; k < list.length; k++) {
      let s = scoreOf(u, list[k], k);
      if (s === null && missingPolicy === "zero") s = 0;
      if (s === null) {
        if (!ind) {
          ind = nums.ind.slice(0, k);
          pillar = nums.pillar.slice(0, k);
        }
        continue;
      }
      score.push(s);
      if (ind) {
        ind.push(nums.ind[k]);
        pillar.push(nums.pillar[k]);
      }
    }
    return { ind: ind ?? nums.ind, pillar, score };
  };
  return assembledTask(plan, units, scoredOf);
}
