// The panel's toolbar: Clear, the text filter, the view toggles, Preserve log, counts, import/export and settings.

import { IMPORT_ACCEPT } from "./import-file";
import type { Ref } from "preact";
import type { Counts, View } from "./filter";
import { VIEWS } from "./filter";

interface Props {
  filterRef: Ref<HTMLInputElement>;
  query: string;
  onQuery: (q: string) => void;
  view: View;
  onView: (v: View) => void;
  counts: Counts;
  shown: number;
  /** True when a text filter narrows the view (then the count of rows shown is worth saying). */
  filtered: boolean;
  dropped: number;
  unattributed: number;
  /** null hides the control (an imported export has no live log). */
  preserveLog: boolean | null;
  onPreserveLog: (on: boolean) => void;
  onClear?: () => void;
  onExportJson: () => void;
  onExportMarkdown: () => void;
  onImport?: (file: File) => void;
  settingsOpen: boolean;
  onToggleSettings: () => void;
  exportable: boolean;
}

export function Toolbar(p: Props) {
  return (
    <div class="toolbar" role="toolbar" aria-label="CORS Lens">
      {p.onClear && (
        <button type="button" class="tool icon" title="Clear" aria-label="Clear" onClick={p.onClear}>
          <span aria-hidden="true">⊘</span>
        </button>
      )}
      <input
        ref={p.filterRef}
        class="filter"
        type="search"
        placeholder="Filter (URL, method, code, header)"
        aria-label="Filter"
        value={p.query}
        onInput={(e) => p.onQuery(e.currentTarget.value)}
      />
      <div class="views" role="radiogroup" aria-label="Show">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="radio"
            aria-checked={p.view === v.id}
            class={`view${p.view === v.id ? " on" : ""}`}
            onClick={() => p.onView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      {p.preserveLog !== null && (
        <label class="check">
          <input type="checkbox" checked={p.preserveLog} onChange={(e) => p.onPreserveLog(e.currentTarget.checked)} />
          Preserve log
        </label>
      )}
      <span class="spacer" />
      <span class="counts" aria-live="polite">
        <b class="n-blocked">{p.counts.blocked}</b> blocked · {p.counts.allowed} allowed
        {p.counts.failed > 0 ? ` · ${p.counts.failed} failed (not CORS)` : ""}
        {p.dropped > 0 ? ` · ${p.dropped} older dropped` : ""}
        {p.unattributed > 0 ? ` · ${p.unattributed} from workers with no tab` : ""}
        {p.filtered ? ` · ${p.shown} shown` : ""}
      </span>
      {p.onImport && (
        <label class="tool text file">
          Import
          <input
            type="file"
            accept={IMPORT_ACCEPT}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) p.onImport!(file);
              e.currentTarget.value = "";
            }}
          />
        </label>
      )}
      <button type="button" class="tool text" onClick={p.onExportJson} disabled={!p.exportable}>
        Export JSON
      </button>
      <button type="button" class="tool text" onClick={p.onExportMarkdown} disabled={!p.exportable}>
        Export Markdown
      </button>
      <button
        type="button"
        class="tool icon"
        aria-label="Settings"
        title="Settings"
        aria-expanded={p.settingsOpen}
        onClick={p.onToggleSettings}
      >
        <span aria-hidden="true">⚙</span>
      </button>
    </div>
  );
}
