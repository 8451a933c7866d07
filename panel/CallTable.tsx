// The calls table: virtualized (only visible rows exist in the DOM), DevTools density, keyboard selection.

import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { CallRecord } from "../src/store/call-record";
import { exchangeDuration, hostOf, ms, shortName, statusText, verdictText } from "./format";

export const ROW_HEIGHT = 21;
const OVERSCAN = 8;

interface Props {
  rows: readonly CallRecord[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** Fewer columns while the details pane is open. */
  compact: boolean;
}

export function CallTable({ rows, selectedId, onSelect, compact }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.exchange.id === selectedId);

  // Keep the selected row in view when it moves by keyboard.
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight - ROW_HEIGHT) {
      el.scrollTop = top + 2 * ROW_HEIGHT - el.clientHeight;
    }
  }, [selectedIndex]);

  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN);
  // (The sticky header row takes one row's height at the top; the overscan covers it.)

  const onKeyDown = (e: KeyboardEvent) => {
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 200) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let next: number | null = null;
    if (e.key in moves)
      next = Math.min(rows.length - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + moves[e.key]!));
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = rows.length - 1;
    else if (e.key === "Enter" && selectedIndex < 0) next = 0;
    if (next === null) return;
    e.preventDefault();
    onSelect(rows[next]!.exchange.id);
  };

  const activeId = selectedIndex >= 0 ? `row-${rows[selectedIndex]!.exchange.id}` : undefined;
  // The scroller is the grid itself, so the region that scrolls is the one that takes the keyboard.
  return (
    <div class={`grid-wrap${compact ? " compact" : ""}`}>
      <div
        class="grid"
        ref={scroller}
        role="grid"
        aria-label="Cross-origin calls"
        aria-rowcount={rows.length + 1}
        aria-activedescendant={activeId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setViewport({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        <div class="grid-head" role="row" aria-rowindex={1}>
          <span role="columnheader" class="c-name">
            Name
          </span>
          <span role="columnheader" class="c-method">
            Method
          </span>
          <span role="columnheader" class="c-status">
            Status
          </span>
          <span role="columnheader" class="c-verdict">
            Verdict
          </span>
          <span role="columnheader" class="c-origins">
            Initiator → Target
          </span>
          <span role="columnheader" class="c-time">
            Time
          </span>
          <span role="columnheader" class="c-why">
            Why
          </span>
        </div>
        {/* Rows are keyed by position, so scrolling and filtering reuse their DOM nodes instead of rebuilding them. */}
        <div class="grid-rows" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {rows.slice(first, last).map((r, i) => (
            <Row
              key={first + i}
              record={r}
              index={first + i}
              selected={r.exchange.id === selectedId}
              onSelect={onSelect}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

function Row({
  record: r,
  index,
  selected,
  onSelect,
}: {
  record: CallRecord;
  index: number;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const x = r.exchange;
  const d = r.diagnosis;
  const last = x.hops[x.hops.length - 1]!;
  return (
    <div
      id={`row-${x.id}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      class={`grid-row ${d.outcome}${selected ? " selected" : ""}${index % 2 ? " odd" : ""}`}
      style={{ top: `${index * ROW_HEIGHT}px` }}
      data-code={d.code ?? ""}
      data-id={x.id}
      onClick={() => onSelect(x.id)}
    >
      <span role="gridcell" class="c-name" title={x.url}>
        {shortName(x.url)}
        <span class="url">{x.url}</span>
      </span>
      <span role="gridcell" class="c-method">
        {x.method}
      </span>
      <span role="gridcell" class="c-status">
        {statusText(last.preflight && !last.request.sent ? last.preflight : last.request)}
      </span>
      <span role="gridcell" class="c-verdict" title={d.summary}>
        {verdictText(r)}
      </span>
      <span role="gridcell" class="c-origins">
        {hostOf(x.initiator)} → {hostOf(x.url)}
      </span>
      <span role="gridcell" class="c-time">
        {ms(exchangeDuration(x))}
      </span>
      <span role="gridcell" class="c-why">
        {d.outcome === "allowed" ? "" : d.summary}
      </span>
    </div>
  );
}
