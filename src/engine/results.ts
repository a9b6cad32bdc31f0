/** What the computations produce for one period; the sheet builders, CLI and task pane read these. */
import type { CellRef } from "./grid";
import type { RankingGroup } from "./model";

/** Đạt ≥ 100%, Gần đạt ≥ near-target threshold, Chưa đạt below, Chưa có số liệu when missing,
 *  Không có chỉ tiêu when the indicator sets no target for the period. */
export type AttainmentStatus = "met" | "near" | "notMet" | "noData" | "noTarget";

export type Grade = "good" | "fair" | "average" | "weak";

/** Attainment of one unit for one indicator in one period. */
export interface UnitAttainment {
  readonly unit: string;
  readonly indicator: string;
  readonly period: string;
  readonly actual: number | null;
  /** The period target: the quarter's milestone where given, else the annual target. */
  readonly target: number | null;
  /** Uncapped attainment (actual/target, target/actual, or 1/0 for yes/no); null when missing. */
  readonly attainment: number | null;
  /** Attainment capped at the attainment-cap setting, as used for scoring. */
  readonly capped: number | null;
  readonly status: AttainmentStatus;
  /** Where the actual figure came from (absent when there is no figure row). */
  readonly source?: CellRef;
  /** True when the figure is not the source cell's own number (text, percent points): formulas use the value. */
  readonly converted?: boolean;
}

/** Province-level attainment of one indicator: how many applicable units meet the period target. */
export interface ProvinceAttainment {
  readonly indicator: string;
  readonly period: string;
  /** Active units in the groups the indicator applies to. */
  readonly applicableUnits: number;
  readonly unitsWithData: number;
  /** Units meeting the period target; null for an indicator without a target (nothing to count). */
  readonly unitsMeeting: number | null;
  /** unitsMeeting / applicableUnits, or null when no unit applies or there is no target. */
  readonly shareMeeting: number | null;
  /** The Chỉ tiêu toàn tỉnh cell as read (null: blank, which means 100%). */
  readonly coverageTarget: number | null;
  /** Mức đạt: shareMeeting / coverage target (100% when blank); null without a target. */
  readonly attainment: number | null;
  /** The status bands applied to attainment; noTarget without a target. */
  readonly status: AttainmentStatus;
  /** Mean uncapped attainment of the units with data (shown for information; not what the status uses), or null. */
  readonly meanAttainment: number | null;
}

/** A unit's rank interval from the Monte Carlo perturbation of the weights. */
export interface RankInterval {
  readonly median: number;
  readonly p5: number;
  readonly p95: number;
}

/** One unit's readiness: scores, index, ranks, grade and change since the previous period. */
export interface UnitReadiness {
  readonly unit: string;
  readonly name: string;
  readonly group: RankingGroup;
  /** Score in [0, 1] per indicator code; null where excluded (missing under the exclude policy or not applicable). */
  readonly indicatorScores: Readonly<Record<string, number | null>>;
  /** Score in [0, 1] per pillar; null where the pillar has no scored indicator. */
  readonly pillarScores: Readonly<Record<string, number | null>>;
  /** Composite index on the index scale, unrounded. */
  readonly index: number;
  /** The index rounded to the published precision: ranks and grades are computed on it. */
  readonly indexRounded: number;
  readonly rankInGroup: number;
  readonly rankOverall: number;
  readonly grade: Grade;
  readonly missingFigures: number;
  readonly previous: {
    readonly indexRounded: number;
    readonly rankInGroup: number;
    readonly rankOverall: number;
    readonly grade: Grade;
  } | null;
  /** indexRounded − previous.indexRounded, or null. */
  readonly indexChange: number | null;
  /** previous.rankInGroup − rankInGroup (positive = moved up), or null. */
  readonly rankChange: number | null;
  readonly robustness: RankInterval | null;
}

/** Counts and shares of each grade in a ranking group, or over all units of the province. */
export interface GradeDistribution {
  /** The ranking group; null for all units (a planner's group may be named anything, "all" included). */
  readonly group: RankingGroup | null;
  readonly total: number;
  readonly counts: Readonly<Record<Grade, number>>;
  readonly shares: Readonly<Record<Grade, number>>;
}

/** Everything computed for one period. */
export interface PeriodResults {
  readonly period: string;
  readonly previousPeriod: string | null;
  readonly attainment: readonly UnitAttainment[];
  readonly province: readonly ProvinceAttainment[];
  readonly ranking: readonly UnitReadiness[];
  readonly distribution: readonly GradeDistribution[];
}
