// The panel's settings strip: background capture, how many calls each tab's log keeps, the server stack for fixes.

import type { Settings } from "../src/protocol/messages";
import { StackField } from "./StackField";

const LIMITS = [500, 1000, 5000, 10_000, 20_000, 50_000];

export function SettingsBar({ settings, onChange }: { settings: Settings; onChange: (s: Partial<Settings>) => void }) {
  return (
    <div class="settings" role="group" aria-label="Settings">
      <label class="check">
        <input
          type="checkbox"
          checked={settings.background}
          onChange={(e) => onChange({ background: e.currentTarget.checked })}
        />
        Capture in the background
        <span class="hint">(every tab, also before DevTools is opened; costs some speed on every page)</span>
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.console}
          onChange={(e) => onChange({ console: e.currentTarget.checked })}
        />
        Explain blocked calls in the console
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.includeSecrets}
          onChange={(e) => onChange({ includeSecrets: e.currentTarget.checked })}
        />
        Include cookies, authorization and tokens in exports and copies
      </label>
      <label>
        Keep{" "}
        <select value={settings.limit} onChange={(e) => onChange({ limit: Number(e.currentTarget.value) })}>
          {[...new Set([...LIMITS, settings.limit])]
            .sort((a, b) => a - b)
            .map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString("en")}
              </option>
            ))}
        </select>{" "}
        calls per tab
      </label>
      <StackField stack={settings.stack} onStack={(stack) => onChange({ stack })} />
    </div>
  );
}
