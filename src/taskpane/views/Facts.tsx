/** A list of label–value facts (the Overview's figures, a unit's or an indicator's detail). */
export function Facts({ items }: { items: readonly (readonly [string, string])[] }) {
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
