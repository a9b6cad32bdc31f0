/**
 * Settings the output formulas read from the Cấu hình sheet through defined names, so that a threshold, cap or
 * scale changed in Excel recalculates the results without the add-in. Methods (normalisation, missing values,
 * aggregation) change the formulas' shape and take a new run.
 */
import type { PlanShape } from "../model";
import type { SettingsValues } from "../format";
import type { DefinedNameSpec } from "../sheetSpec";
import { sheetRef } from "./refs";

/** The settings that are live in the formulas. */
export const LIVE_SETTINGS = [
  "gradeGood",
  "gradeFair",
  "gradeAverage",
  "attainmentCap",
  "nearTarget",
  "indexScale",
  "indexDecimals",
] as const satisfies readonly (keyof SettingsValues)[];

export type LiveSetting = (typeof LIVE_SETTINGS)[number];

/** The defined name of a live setting: ictplan_gradeGood. */
export const settingName = (key: LiveSetting): string => `ictplan_${key}`;

/** True when the formulas can read the setting from its cell: the cell exists and holds the number used. */
function isLive(plan: PlanShape, key: LiveSetting): boolean {
  return plan.settings.cells[key] !== undefined && !plan.settings.converted?.includes(key);
}

/** A setting in a formula: its defined name when the Cấu hình cell holds it, else the number itself. */
export function settingTerm(plan: PlanShape, key: LiveSetting): string {
  return isLive(plan, key) ? settingName(key) : String(plan.settings[key]);
}

/** A grade threshold on the index scale: the setting × scale/100, as gradeThresholds computes it. */
export function thresholdTerm(plan: PlanShape, key: "gradeGood" | "gradeFair" | "gradeAverage"): string {
  if (!isLive(plan, key) && !isLive(plan, "indexScale"))
    return String(plan.settings[key] * (plan.settings.indexScale / 100));
  return `${settingTerm(plan, key)}*(${settingTerm(plan, "indexScale")}/100)`;
}

/** The defined names of the live settings among those given, pointing at their Cấu hình cells. */
export function settingNames(plan: PlanShape, keys: readonly LiveSetting[]): DefinedNameSpec[] {
  return keys
    .filter((k) => isLive(plan, k))
    .map((k) => ({ name: settingName(k), ref: sheetRef(plan.settings.cells[k]!) }));
}

/** True for a defined name the product owns (ictplan_…); every other name is the planner's and is never touched. */
export const isSettingName = (name: string): boolean => name.toLowerCase().startsWith("ictplan_");
