/** The pieces of the pane's compact tables: a sortable header and a row that opens to its details. */
import type { ReactNode } from "react";
import type { SortState } from "./rankingOrder";

/** A column header that sorts on click; `short` is shown where the full label would not fit. */
export function SortHeader<K extends string>(props: {
  id: K;
  label: string;
  short?: string;
  sort: SortState<K>;
  onSort: (key: K) => void;
}) {
  const { id, label, short, sort, onSort } = props;
  const active = sort.key === id;
  return (
    <th scope="col" aria-sort={active ? sort.dir : undefined}>
      <button type="button" className="sort" title={label} onClick={() => onSort(id)}>
        {short ? (
          <>
            <span aria-hidden="true">{short}</span>
            <span className="visually-hidden">{label}</span>
          </>
        ) : (
          label
        )}
        {active && <span aria-hidden="true">{sort.dir === "ascending" ? " ↑" : " ↓"}</span>}
      </button>
    </th>
  );
}

/** A row whose name (at most two lines; whole on hover and focus) opens a detail row below it. */
export function Disclosure(props: {
  id: string;
  open: boolean;
  onToggle: () => void;
  lead?: ReactNode;
  name: ReactNode;
  /** The full name, for the tooltip. */
  title?: string;
  cells: ReactNode;
  detail: ReactNode;
  columns: number;
}) {
  const { id, open, onToggle, lead, name, title, cells, detail, columns } = props;
  return (
    <>
      <tr className={open ? "open" : undefined}>
        {lead}
        <td>
          <button
            type="button"
            className="row-toggle"
            aria-expanded={open}
            aria-controls={open ? id : undefined}
            title={title ?? (typeof name === "string" ? name : undefined)}
            onClick={onToggle}
          >
            <span className="chevron" aria-hidden="true">
              {open ? "▾" : "▸"}
            </span>
            <span className="name">{name}</span>
          </button>
        </td>
        {cells}
      </tr>
      {open && (
        <tr className="detail" id={id}>
          <td colSpan={columns}>{detail}</td>
        </tr>
      )}
    </>
  );
}
