// Why a call needed its preflight, trigger by trigger, and how long the browser keeps the answer: for the details.

import { effectiveCacheSeconds, maxAgeOf } from "../src/cors/preflight-cache";
import { describeReason, reasonsOf } from "../src/diagnose/preflight-reasons";
import type { CallRecord } from "../src/store/call-record";

/** Nothing for a call that sent no preflight. */
export function PreflightReasons({ record, browser }: { record: CallRecord; browser: "chrome" | "firefox" }) {
  const { exchange } = record;
  const index = exchange.hops.findIndex((h) => h.preflight);
  if (index < 0) return null;
  const preflight = exchange.hops[index]!.preflight!;
  const reasons = reasonsOf(exchange, index) ?? [];
  const maxAge = maxAgeOf(preflight.responseHeaders);
  const passed = preflight.statusCode !== null && preflight.statusCode >= 200 && preflight.statusCode < 300;
  return (
    <section class="preflight-reasons" aria-labelledby={`preflight-why-${exchange.id}`}>
      <h3 id={`preflight-why-${exchange.id}`}>Why a preflight</h3>
      {reasons.length > 0 ? (
        <ul aria-label="Preflight triggers">
          {reasons.map((r) => (
            <li key={`${r.kind} ${r.name ?? ""}`} data-kind={r.kind}>
              {describeReason(r)}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Neither the method nor a header explains it; the page hook did not see an upload listener or a stream body.
        </p>
      )}
      <p>
        {passed
          ? `${maxAge === null ? "No Access-Control-Max-Age" : `Access-Control-Max-Age: ${maxAge}`}: ${browser === "firefox" ? "Firefox" : "Chrome"} reuses this answer for ${effectiveCacheSeconds(maxAge, browser)} s.`
          : "The preflight failed: browsers do not keep a failed one."}
      </p>
    </section>
  );
}
