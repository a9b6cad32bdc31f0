/** The pane's few layout rules, on Fluent's theme variables so light and dark both follow the theme. */
const CSS = `
body { margin: 0; font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, sans-serif; }
.pane { padding: 12px; display: flex; flex-direction: column; gap: 10px; min-height: 100vh; box-sizing: border-box;
  background: var(--colorNeutralBackground1); color: var(--colorNeutralForeground1); min-width: 0; overflow-wrap: anywhere;
  container-type: inline-size; }
/* Fluent gives drop-downs a 250 px minimum: too wide for a 270 px pane with its padding. */
.pane .fui-Dropdown, .pane .fui-Input { min-width: 0; max-width: 100%; }
.pane .fui-Dropdown__button { min-width: 0; }
.pane-tabs { display: flex; align-items: center; min-width: 0; overflow: hidden; }
.pane-tabs > .fui-TabList { min-width: 0; flex-wrap: nowrap; }
.pane-tabs .fui-Tab { flex-shrink: 0; }
.pane h1 { margin: 0; }
.pane-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0 12px; }
.pane-status { display: flex; flex-direction: column; gap: 6px; }
.pane-status:focus, .pane-message:focus { outline: none; }
.pane-message:focus-visible .fui-MessageBar { outline: 2px solid var(--colorStrokeFocus2); }
.outcome { margin: 4px 0; padding-left: 16px; }
.sheet-links { margin: 2px 0 4px; }
.pane-message details.detail { margin: 4px 0; font-size: 12px; }
.pane-message details.detail code { display: block; overflow-wrap: anywhere; white-space: pre-wrap; }
.pane-progress { display: grid; grid-template-columns: 1fr auto; gap: 4px 8px; align-items: center; }
.pane-progress > :first-child { grid-column: 1 / -1; }
.stack { display: flex; flex-direction: column; gap: 10px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
.pane .start { align-self: flex-start; height: auto; white-space: normal; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0; }
.facts > div { display: contents; }
.facts dt { color: var(--colorNeutralForeground3); }
.facts dd { margin: 0; font-weight: 600; }
.filters { border: 1px solid var(--colorNeutralStroke2); border-radius: 4px; display: flex; flex-wrap: wrap;
  gap: 4px 8px; align-items: center; padding: 6px 8px; margin: 0; }
.group-title { font-size: 14px; margin: 8px 0 4px; display: flex; gap: 6px; align-items: center; }
.finding-list { list-style: none; padding: 0; margin: 0; }
/* ".pane" first: Fluent's own Button rules (align-items: center, …) come later in the page and would win. */
.pane .remedy { margin: 2px 0 6px 8px; max-width: calc(100% - 8px); height: auto; white-space: normal; text-align: left; }
.pane .finding { text-align: left; justify-content: flex-start; align-items: flex-start; gap: 8px; width: 100%;
  height: auto; min-height: 24px; font-weight: normal; }
.finding-cell { font-family: Consolas, monospace; min-width: 3.5em; color: var(--colorBrandForeground1); }
.list { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 13px; line-height: 18px; }
.list th { font-size: 12px; font-weight: 600; text-align: left; padding: 4px 3px;
  border-bottom: 1px solid var(--colorNeutralStroke1); color: var(--colorNeutralForeground2); }
.list td { padding: 5px 3px; vertical-align: top; border-bottom: 1px solid var(--colorNeutralStroke3); }
.list .num { text-align: right; font-variant-numeric: tabular-nums; }
.list th.num .sort, .list th.num { text-align: right; }
.list col.c-rank { width: 2.6em; }
.list col.c-index { width: 5.4em; }
.list col.c-change { width: 2.8em; }
.list col.c-meeting { width: 4.4em; }
.list col.c-status { width: 6.2em; }
.list tr.open > td, .list tr.detail > td { background: var(--colorNeutralBackground2); }
.list tr.detail .facts { font-size: 12px; gap: 2px 10px; }
.list .fui-Badge { white-space: nowrap; }
.list .fui-Badge.wrap { white-space: normal; height: auto; text-align: center; line-height: 14px; padding: 1px 4px; }
.sort, .row-toggle { font: inherit; color: inherit; background: none; border: 0; padding: 0; margin: 0; cursor: pointer;
  text-align: inherit; }
.sort { font-weight: 600; width: 100%; }
.sort:focus-visible, .row-toggle:focus-visible { outline: 2px solid var(--colorStrokeFocus2); outline-offset: 1px; }
.row-toggle { display: flex; gap: 4px; width: 100%; align-items: flex-start; }
.chevron { color: var(--colorNeutralForeground3); flex: none; }
/* A name takes at most two lines; focus shows it whole (hover shows it in the tooltip). */
.name { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; min-width: 0; }
.row-toggle:focus-visible .name, .list tr.open .name { -webkit-line-clamp: unset; }
.index-grade { display: flex; flex-direction: column; align-items: flex-end; gap: 2px; }
/* A wider pane puts the grade beside the index, so each unit takes one line. */
@container (min-width: 380px) {
  .list col.c-index { width: 9em; }
  .index-grade { flex-direction: row; justify-content: flex-end; align-items: center; gap: 6px; }
}
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.finding-about { display: block; }
.pane-view { display: flex; flex-direction: column; gap: 8px; }
.sub { font-size: 11px; color: var(--colorNeutralForeground3); }
.code { font-family: Consolas, monospace; color: var(--colorNeutralForeground3); }
`;

/** Adds the pane's stylesheet to the page once. */
export function installStyles(extra = ""): void {
  const style = document.createElement("style");
  style.textContent = CSS + extra;
  document.head.appendChild(style);
}
