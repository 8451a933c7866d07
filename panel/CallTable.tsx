// The table of calls: method, name, Chrome's error name and the one-sentence reason.

import type { CallRecord } from "../src/store/call-record";

function shortName(url: string): string {
  try {
    const u = new URL(url);
    const last = u.pathname.split("/").filter(Boolean).pop();
    return (last ?? u.host) + u.search;
  } catch {
    return url;
  }
}

export function CallTable({
  records,
  selectedId,
  onSelect,
}: {
  records: readonly CallRecord[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <div class="table-wrap">
      <table class="calls" aria-label="Blocked cross-origin calls">
        <thead>
          <tr>
            <th class="c-method">Method</th>
            <th class="c-name">Name</th>
            <th class="c-code">Error</th>
            <th class="c-why">Why</th>
          </tr>
        </thead>
        <tbody>
          {records.map(({ exchange, diagnosis }) => (
            <tr
              key={exchange.id}
              class={exchange.id === selectedId ? "selected" : ""}
              aria-selected={exchange.id === selectedId}
              data-code={diagnosis.code ?? ""}
              tabIndex={0}
              onClick={() => onSelect(exchange.id)}
              onKeyDown={(e) => e.key === "Enter" && onSelect(exchange.id)}
            >
              <td class="c-method">{exchange.method}</td>
              <td class="c-name" title={exchange.url}>
                {shortName(exchange.url)}
                <span class="url">{exchange.url}</span>
              </td>
              <td class="c-code">{diagnosis.code}</td>
              <td class="c-why">{diagnosis.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
