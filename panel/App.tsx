// The CORS panel: a live tab's calls (or an imported export) in a filterable table with the selected call's details.

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { DEFAULT_SETTINGS } from "../src/protocol/settings";
import type { Settings } from "../src/protocol/messages";
import type { CallRecord } from "../src/store/call-record";
import { CallDetails } from "./CallDetails";
import { CallTable } from "./CallTable";
import { EmptyState } from "./EmptyState";
import { PreflightsView } from "./PreflightsView";
import { browserInfo } from "./browser-info";
import { exportJson, exportMarkdown, ticketFor, type ExportSource } from "./exports";
import { auditLog, type LogNote } from "../src/audit/passive";
import { countsOf, refine, warmSearch, type Filtered, type View } from "./filter";
import { useFileDrop } from "./file-drop";
import { ImportError, type Imported } from "./import-export";
import { IMPORT_ACCEPT, importFile } from "./import-file";
import { openSource, siteAccess, requestSiteAccess } from "./platform-actions";
import { SettingsBar } from "./SettingsBar";
import type { PanelTarget } from "./target";
import { Toolbar } from "./Toolbar";
import { useTabLog } from "./use-tab-log";

/** What the log view shows: the live tab through the worker, or a saved export. */
interface Source extends ExportSource {
  records: CallRecord[];
  ready: boolean;
  dropped: number;
  unattributed: number;
  preserveLog: boolean | null;
  setPreserveLog(on: boolean): void;
  setSettings(s: Partial<Settings>): void;
  clear?: () => void;
  banner?: preact.ComponentChild;
}

export function App({ target }: { target: PanelTarget }) {
  const [imported, setImported] = useState<Imported | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const onImport = async (file: File) => {
    try {
      const parsed = await importFile(file);
      // Marks show in DevTools' Performance panel, and let the benchmark time rendering apart from parsing.
      performance.mark("cors-lens:import-parsed");
      setImported(parsed);
      setImportError(null);
    } catch (e) {
      setImportError(e instanceof ImportError ? e.message : `Could not read ${file.name}: ${String(e)}`);
    }
  };
  const standalone = target.kind === "none" || !target.inDevtools;
  const importProps = standalone ? { onImport, importError } : { importError };
  useFileDrop(standalone ? onImport : undefined);
  if (imported) return <ImportedView imported={imported} onClose={() => setImported(null)} {...importProps} />;
  if (target.kind === "none") return <Welcome reason={target.reason} onImport={onImport} error={importError} />;
  return <LiveView tabId={target.tabId} inDevtools={target.inDevtools} {...importProps} />;
}

function Welcome({ reason, onImport, error }: { reason: string; onImport: (f: File) => void; error: string | null }) {
  return (
    <main class="empty">
      <h1>CORS Lens</h1>
      <p>{reason}</p>
      <p>
        Or open a diagnosis someone exported (a ticket's JSON file) or a saved network log (.har), or drop one here:
      </p>
      <label class="primary file">
        Open an export…
        <input
          type="file"
          accept={IMPORT_ACCEPT}
          onChange={(e) => e.currentTarget.files?.[0] && onImport(e.currentTarget.files[0])}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}

interface ImportProps {
  onImport?: (file: File) => void;
  importError: string | null;
}

function LiveView({ tabId, inDevtools, ...importProps }: { tabId: number; inDevtools: boolean } & ImportProps) {
  const log = useTabLog(tabId);
  const pageUrl = log.status?.pageUrl || null;
  const [noAccess, setNoAccess] = useState<string | null>(null);
  useEffect(() => {
    void siteAccess(pageUrl).then(setNoAccess);
  }, [pageUrl]);
  const source: Source = {
    records: log.records,
    ready: log.status !== null,
    pageUrl,
    settings: log.status?.settings ?? DEFAULT_SETTINGS,
    dropped: log.status?.dropped ?? 0,
    unattributed: log.status?.unattributed ?? 0,
    preserveLog: log.status?.preserveLog ?? false,
    setPreserveLog: log.setPreserveLog,
    setSettings: log.setSettings,
    clear: log.clear,
  };
  const access = noAccess
    ? { origin: noAccess, onGrant: () => void requestSiteAccess(noAccess).then((ok) => ok && setNoAccess(null)) }
    : null;
  return (
    <LogView source={source} noAccess={access} openSource={inDevtools ? openSource : undefined} {...importProps} />
  );
}

function ImportedView({
  imported,
  onClose,
  ...importProps
}: { imported: Imported; onClose: () => void } & ImportProps) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const source: Source = {
    records: imported.records,
    ready: true,
    pageUrl: imported.pageUrl,
    settings,
    dropped: 0,
    unattributed: 0,
    preserveLog: null,
    setPreserveLog: () => {},
    setSettings: (s) => setSettings({ ...settings, ...s }),
    banner: (
      <div class="banner" role="status">
        {imported.kind === "har" ? "Viewing a HAR of " : "Viewing an export of "}
        <code>{imported.pageUrl ?? (imported.kind === "har" ? "no named page" : "the command line")}</code> from{" "}
        {imported.browser}, saved {imported.exportedAt}.{" "}
        {(imported.notes ?? []).map((n) => (
          <span class="note">{n} </span>
        ))}
        <button type="button" class="link" onClick={onClose}>
          Close
        </button>
      </div>
    ),
  };
  return <LogView source={source} noAccess={null} {...importProps} />;
}

interface LogNotes {
  byCall: Map<string, LogNote[]>;
  warned: Set<string>;
}
const NO_NOTES: LogNotes = { byCall: new Map(), warned: new Set() };

function notesByCall(notes: LogNote[]): LogNotes {
  const byCall = new Map<string, LogNote[]>();
  for (const n of notes) for (const id of n.callIds) byCall.set(id, [...(byCall.get(id) ?? []), n]);
  return { byCall, warned: new Set(byCall.keys()) };
}

interface LogViewProps extends ImportProps {
  source: Source;
  noAccess: { origin: string; onGrant: () => void } | null;
  openSource?: (url: string, line: number, column: number) => void;
}

function LogView({ source, noAccess, openSource, onImport, importError }: LogViewProps) {
  const [query, setQuery] = useState("");
  const [view, setView] = useState<View>("blocked");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const filterRef = useRef<HTMLInputElement>(null);
  // Warnings found across calls (a preflight on every call, Allow-Origin varying without Vary): computed only
  // when someone looks at warnings or at a call, since it reads the whole log.
  const lookingAtWarnings = view === "warnings" || selectedId !== null;
  const logNotes = useMemo(
    () => (lookingAtWarnings ? notesByCall(auditLog(source.records)) : NO_NOTES),
    [source.records, lookingAtWarnings],
  );
  const filtered = useRef<Filtered | null>(null);
  const rows = useMemo(() => {
    filtered.current = refine(filtered.current, source.records, view, query, logNotes.warned);
    return filtered.current.rows;
  }, [source.records, view, query, logNotes]);
  const counts = useMemo(() => countsOf(source.records), [source.records]);
  // Build the search text while the browser is idle, so the first keystroke does not pay for it.
  useEffect(() => {
    const handle = requestIdleCallback(() => warmSearch(source.records));
    return () => cancelIdleCallback(handle);
  }, [source.records]);
  const selected = rows.find((r) => r.exchange.id === selectedId) ?? null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "f") {
        e.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      } else if (e.key === "Escape" && selectedId !== null) {
        setSelectedId(null);
        document.querySelector<HTMLElement>(".grid")?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [selectedId]);

  return (
    <div class="panel">
      <Toolbar
        filterRef={filterRef}
        query={query}
        onQuery={setQuery}
        view={view}
        onView={setView}
        counts={counts}
        shown={rows.length}
        filtered={query.trim() !== ""}
        dropped={source.dropped}
        unattributed={source.unattributed}
        preserveLog={source.preserveLog}
        onPreserveLog={source.setPreserveLog}
        onClear={source.clear}
        onExportJson={() => exportJson(rows, source)}
        onExportMarkdown={() => exportMarkdown(rows, source)}
        onImport={onImport}
        settingsOpen={settingsOpen}
        onToggleSettings={() => setSettingsOpen(!settingsOpen)}
        exportable={rows.length > 0}
      />
      {settingsOpen && <SettingsBar settings={source.settings} onChange={source.setSettings} />}
      {source.banner}
      {importError && (
        <div class="banner error" role="alert">
          {importError}
        </div>
      )}
      {view === "preflights" ? (
        <PreflightsView
          records={rows}
          browser={browserInfo().name === "firefox" ? "firefox" : "chrome"}
          stack={source.settings.stack}
          onShowCalls={(url) => {
            setView("preflighted");
            setQuery(url);
          }}
        />
      ) : rows.length === 0 ? (
        <EmptyState
          ready={source.ready}
          counts={counts}
          view={view}
          query={query}
          onView={setView}
          noAccess={noAccess}
        />
      ) : (
        <div class={selected ? "split" : "single"}>
          <CallTable
            rows={rows}
            selectedId={selected?.exchange.id ?? null}
            onSelect={setSelectedId}
            compact={selected !== null}
          />
          {selected && (
            <CallDetails
              record={selected}
              settings={source.settings}
              ticket={() => ticketFor(selected, source)}
              onStack={(stack) => source.setSettings({ stack })}
              onClose={() => setSelectedId(null)}
              openSource={openSource}
              logNotes={logNotes.byCall.get(selected.exchange.id) ?? []}
            />
          )}
        </div>
      )}
    </div>
  );
}
