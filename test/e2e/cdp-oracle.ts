// Chrome's own CORS verdicts over CDP (Network.loadingFailed.corsErrorStatus): the oracle every e2e test trusts.

import type { CDPSession, Page } from "playwright-core";

export interface ChromeOutcome {
  url: string;
  method: string;
  /** Chrome's CorsError name, or null when the request finished (or failed for a non-CORS reason). */
  corsError: string | null;
  failedParameter: string;
  /** net error text when it failed. */
  errorText: string | null;
}

export class CorsOracle {
  private readonly requests = new Map<string, { url: string; method: string; preflight: boolean }>();
  readonly outcomes: ChromeOutcome[] = [];
  private constructor(readonly session: CDPSession) {}

  static async attach(page: Page): Promise<CorsOracle> {
    const session = await page.context().newCDPSession(page);
    const oracle = new CorsOracle(session);
    session.on("Network.requestWillBeSent", (e) => {
      // A redirect re-announces the request under the same id: keep the URL the page asked for.
      if (e.redirectResponse && oracle.requests.has(e.requestId)) return;
      oracle.requests.set(e.requestId, {
        url: e.request.url,
        method: e.request.method,
        preflight: e.initiator?.type === "preflight",
      });
    });
    session.on("Network.loadingFinished", (e) => oracle.settle(e.requestId, null, "", null));
    session.on("Network.loadingFailed", (e) =>
      oracle.settle(
        e.requestId,
        e.corsErrorStatus?.corsError ?? null,
        e.corsErrorStatus?.failedParameter ?? "",
        e.errorText ?? null,
      ),
    );
    await session.send("Network.enable");
    return oracle;
  }

  private settle(requestId: string, corsError: string | null, failedParameter: string, errorText: string | null): void {
    const r = this.requests.get(requestId);
    if (!r || r.preflight) return;
    this.outcomes.push({ url: r.url, method: r.method, corsError, failedParameter, errorText });
  }

  /** The settled outcome for a URL (the last one when called several times). */
  outcomeFor(url: string): ChromeOutcome | undefined {
    return this.outcomes.findLast((o) => o.url === url);
  }

  /** Every settled outcome for a URL, in the order they settled. */
  outcomesFor(url: string): ChromeOutcome[] {
    return this.outcomes.filter((o) => o.url === url);
  }
}
