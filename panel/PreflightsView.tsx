// The Preflights view: how many preflights the tab sent, their time, each endpoint's cache, and what would save most.

import { useMemo } from "preact/hooks";
import { preflightAdvice } from "../src/report/preflight-advice";
import { preflightSummary } from "../src/report/preflight-summary";
import type { StackId } from "../src/fixes";
import type { CallRecord } from "../src/store/call-record";
import { CopyButton } from "./CopyButton";

interface Props {
  records: readonly CallRecord[];
  browser: "chrome" | "firefox";
  stack: StackId;
  /** Shows an endpoint's calls (the Preflighted view filtered on its URL). */
  onShowCalls: (url: string) => void;
}

const ms = (n: number): string => `${Math.round(n)} ms`;
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? "" : "s"}`;

export function PreflightsView({ records, browser, stack, onShowCalls }: Props) {
  const summary = useMemo(
    () =>
      preflightSummary(
        records.map((r) => r.exchange),
        browser,
      ),
    [records, browser],
  );
  const advice = useMemo(
    () => preflightAdvice(records, { stack, browser, summary }),
    [records, stack, browser, summary],
  );
  const browserName = browser === "firefox" ? "Firefox" : "Chrome";
  return (
    <main class="preflights" aria-label="Preflights">
      <h2>Preflights</h2>
      <dl class="preflight-figures">
        <div>
          <dt>Preflights</dt>
          <dd data-figure="preflights">{summary.preflights}</dd>
        </div>
        <div>
          <dt>Time spent</dt>
          <dd data-figure="total-ms">{ms(summary.totalMs)}</dd>
        </div>
        <div>
          <dt>Max-Age 7200 would save</dt>
          <dd data-figure="savable">
            {plural(summary.savable.preflights, "preflight")} ({ms(summary.savable.ms)})
          </dd>
        </div>
      </dl>
      {summary.endpoints.length === 0 ? (
        <p>No call on this tab has needed a preflight yet.</p>
      ) : (
        <table class="why preflight-endpoints" aria-label="Preflighted endpoints">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">URL</th>
              <th scope="col">Preflights</th>
              <th scope="col">Max-Age</th>
              <th scope="col">Cached in {browserName}</th>
              <th scope="col">Max-Age 7200 saves</th>
              <th scope="col">
                <span class="visually-hidden">Calls</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.endpoints.map((e) => (
              <tr key={`${e.origin} ${e.method} ${e.url}`} class={e.count > 1 ? "repeated" : undefined}>
                <td>
                  <code>{e.method}</code>
                </td>
                <td class="url">
                  <code>{e.url}</code>
                </td>
                <td>{e.count}</td>
                <td>{e.maxAge === null ? "none" : <code>{e.maxAge}</code>}</td>
                <td>{e.effectiveCacheSeconds} s</td>
                <td>
                  {e.savable.preflights} ({ms(e.savable.ms)})
                </td>
                <td>
                  <button
                    type="button"
                    class="link"
                    aria-label={`Show the calls to ${e.method} ${e.url}`}
                    onClick={() => onShowCalls(e.url)}
                  >
                    Calls
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {advice.length > 0 && (
        <section aria-labelledby="preflight-advice-title">
          <h3 id="preflight-advice-title">What would send fewer preflights</h3>
          <ol class="preflight-advice">
            {advice.map((a) => (
              <li key={a.kind + a.title}>
                <p>
                  <strong>{a.title}</strong>{" "}
                  <span class="saves">
                    saves {plural(a.saves.preflights, "preflight")} ({ms(a.saves.ms)})
                  </span>
                </p>
                <p>{a.detail}</p>
                {a.fix && (
                  <div class="preflight-fix">
                    <div class="fix-head">
                      <span>{a.fix.title}</span>
                      <CopyButton label="Copy snippet" text={() => a.fix!.snippet} />
                    </div>
                    <pre class="snippet" tabIndex={0} aria-label={a.fix.title}>
                      <code>{a.fix.snippet}</code>
                    </pre>
                    {a.fix.notes.length > 0 && (
                      <ul class="notes">
                        {a.fix.notes.map((n) => (
                          <li key={n}>{n}</li>
                        ))}
                      </ul>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </main>
  );
}
