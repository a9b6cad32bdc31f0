/** The pane's few layout rules, on Fluent's theme variables so light and dark both follow the theme. */
const CSS = `
body { margin: 0; font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, sans-serif; }
.pane { padding: 12px; display: flex; flex-direction: column; gap: 10px; min-height: 100vh; box-sizing: border-box;
  background: var(--colorNeutralBackground1); color: var(--colorNeutralForeground1); }
.pane h1 { margin: 0; }
.pane-status { display: flex; flex-direction: column; gap: 6px; }
.pane-progress { display: grid; grid-template-columns: 1fr auto; gap: 4px 8px; align-items: center; }
.pane-progress > :first-child { grid-column: 1 / -1; }
.stack { display: flex; flex-direction: column; gap: 10px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0; }
.facts > div { display: contents; }
.facts dt { color: var(--colorNeutralForeground3); }
.facts dd { margin: 0; font-weight: 600; }
.filters { border: 1px solid var(--colorNeutralStroke2); border-radius: 4px; display: flex; flex-wrap: wrap;
  gap: 4px 8px; align-items: center; padding: 6px 8px; margin: 0; }
.group-title { font-size: 14px; margin: 8px 0 4px; display: flex; gap: 6px; align-items: center; }
.finding-list { list-style: none; padding: 0; margin: 0; }
.finding { text-align: left; justify-content: flex-start; align-items: flex-start; gap: 8px; width: 100%;
  height: auto; min-height: 24px; font-weight: normal; }
.finding-cell { font-family: Consolas, monospace; min-width: 3.5em; color: var(--colorBrandForeground1); }
.data-table .fui-Badge, .data-table .num { white-space: nowrap; }
.data-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.sub { font-size: 11px; color: var(--colorNeutralForeground3); }
.code { font-family: Consolas, monospace; color: var(--colorNeutralForeground3); }
`;

/** Adds the pane's stylesheet to the page once. */
export function installStyles(extra = ""): void {
  const style = document.createElement("style");
  style.textContent = CSS + extra;
  document.head.appendChild(style);
}
