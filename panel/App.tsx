// The CORS panel: toolbar, the list of blocked cross-origin calls, and the selected call's explanation.

import { useMemo, useState } from "preact/hooks";
import { extensionVersion } from "../extension/platform";
import { buildExport } from "../src/report/export";
import type { CallRecord } from "../src/store/call-record";
import { browserInfo } from "./browser-info";
import { CallDetails } from "./CallDetails";
import { CallTable } from "./CallTable";
import { SettingsBar } from "./SettingsBar";
import { download, fileStamp } from "./download";
import type { PanelTarget } from "./target";
import { useTabLog } from "./use-tab-log";

export function App({ target }: { target: PanelTarget }) {
  if (target.kind === "none") {
    return (
      <main class="empty">
        <h1>CORS Lens</h1>
        <p>{target.reason}</p>
      </main>
    );
  }
  return <TabPanel tabId={target.tabId} />;
}

function TabPanel({ tabId }: { tabId: number }) {
  const log = useTabLog(tabId);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [showSettings, setShowSettings] = useState(false);
  const status = log.status;
  const blocked = useMemo(() => log.records.filter((r) => r.diagnosis.outcome === "blocked"), [log.records]);
  const allowed = log.records.filter((r) => r.diagnosis.outcome === "allowed").length;
  const failed = log.records.filter((r) => r.diagnosis.outcome === "network-error").length;
  const selected = blocked.find((r) => r.exchange.id === selectedId) ?? null;

  const exportJson = (records: readonly CallRecord[]): void => {
    const doc = buildExport(records, {
      extensionVersion: extensionVersion(),
      browser: browserInfo(),
      pageUrl: status?.pageUrl || null,
    });
    download(`cors-lens-${fileStamp()}.json`, JSON.stringify(doc, null, 2) + "\n", "application/json");
  };

  return (
    <div class="panel">
      <div class="toolbar" role="toolbar" aria-label="CORS Lens">
        <button type="button" class="tool" title="Clear" aria-label="Clear" onClick={() => log.clear()}>
          <span aria-hidden="true">⊘</span>
        </button>
        <span class="divider" />
        <span class="counts" aria-live="polite">
          <b>{blocked.length}</b> blocked · {allowed} allowed cross-origin
          {failed > 0 ? ` · ${failed} failed (not CORS)` : ""}
          {status && status.dropped > 0
            ? ` · ${status.dropped} older dropped (log keeps ${status.settings.limit})`
            : ""}
          {status && status.unattributed > 0 ? ` · ${status.unattributed} from workers with no tab` : ""}
        </span>
        <span class="divider" />
        <label class="check">
          <input
            type="checkbox"
            checked={status?.preserveLog ?? false}
            onChange={(e) => log.setPreserveLog(e.currentTarget.checked)}
          />
          Preserve log
        </label>
        <span class="spacer" />
        <button
          type="button"
          class="tool text"
          onClick={() => exportJson(log.records)}
          disabled={log.records.length === 0}
        >
          Export JSON
        </button>
        <button
          type="button"
          class="tool"
          aria-label="Settings"
          title="Settings"
          aria-expanded={showSettings}
          onClick={() => setShowSettings(!showSettings)}
        >
          <span aria-hidden="true">⚙</span>
        </button>
      </div>
      {showSettings && status && <SettingsBar settings={status.settings} onChange={log.setSettings} />}
      {blocked.length === 0 ? (
        <EmptyState ready={status !== null} allowed={allowed} />
      ) : (
        <div class={selected ? "split" : "single"}>
          <CallTable records={blocked} selectedId={selectedId} onSelect={setSelectedId} />
          {selected && <CallDetails record={selected} onClose={() => setSelectedId(null)} />}
        </div>
      )}
    </div>
  );
}

function EmptyState({ ready, allowed }: { ready: boolean; allowed: number }) {
  if (!ready) return <main class="empty">Connecting…</main>;
  return (
    <main class="empty">
      {allowed > 0 ? (
        <p>
          <b>No blocked calls.</b> {allowed} cross-origin call{allowed === 1 ? "" : "s"} passed CORS.
        </p>
      ) : (
        <p>
          <b>No cross-origin calls yet.</b> CORS Lens is watching this tab: when the browser blocks a call to another
          origin, it appears here with the header at fault and the fix.
        </p>
      )}
    </main>
  );
}
