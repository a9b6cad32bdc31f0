/** Where each active unit × applicable indicator sits in a period's flat fact arrays: the same for every period. */
import type { Indicator, Plan, RankingGroup, Unit } from "./model";

/**
 * The facts' order, worked out once per plan: active units as the plan lists them, each with its applicable
 * indicators (those naming its group) in the plan's order. Every period's facts, scores and composites read it.
 */
export interface FactLayout {
  /** The active units, in the plan's order. */
  readonly units: readonly Unit[];
  /** Each active unit's applicable indicators: one shared list per ranking group. */
  readonly lists: readonly (readonly Indicator[])[];
  /** Where each active unit's facts start; start[units.length] is the number of facts. */
  readonly start: Int32Array;
  readonly count: number;
  /** Each fact's unit (position in plan.units) and indicator (position in plan.indicators). */
  readonly unit: Int32Array;
  readonly indicator: Int32Array;
  /** The applicable list of a unit's group (the lists above; every unit of the group gets the same list). */
  readonly applicable: (u: Unit) => readonly Indicator[];
}

const layouts = new WeakMap<Plan, FactLayout>();

/** The plan's fact layout (made on first use, then shared: plans are not changed once parsed). */
export function factLayout(plan: Plan): FactLayout {
  let hit = layouts.get(plan);
  if (!hit) {
    hit = makeLayout(plan);
    layouts.set(plan, hit);
  }
  return hit;
}

function makeLayout(plan: Plan): FactLayout {
  const byGroup = new Map<RankingGroup, { list: Indicator[]; positions: number[] }>();
  const ofGroup = (g: RankingGroup) => {
    let hit = byGroup.get(g);
    if (!hit) {
      const positions: number[] = [];
      plan.indicators.forEach((ind, k) => {
        if (ind.groups.includes(g)) positions.push(k);
      });
      hit = { list: positions.map((k) => plan.indicators[k]), positions };
      byGroup.set(g, hit);
    }
    return hit;
  };
  const units: Unit[] = [];
  const lists: Indicator[][] = [];
  const unitPos: number[] = [];
  let count = 0;
  plan.units.forEach((u, i) => {
    if (!u.active) return;
    units.push(u);
    unitPos.push(i);
    const g = ofGroup(u.group);
    lists.push(g.list);
    count += g.list.length;
  });
  const start = new Int32Array(units.length + 1);
  const unit = new Int32Array(count);
  const indicator = new Int32Array(count);
  let f = 0;
  for (let a = 0; a < units.length; a++) {
    start[a] = f;
    const { positions } = ofGroup(units[a].group);
    for (let t = 0; t < positions.length; t++) {
      unit[f] = unitPos[a];
      indicator[f++] = positions[t];
    }
  }
  start[units.length] = f;
  return {
    units,
    lists,
    start,
    count,
    unit,
    indicator,
    applicable: (u) => ofGroup(u.group).list,
  };
}
