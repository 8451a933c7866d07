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
  /** The request's headers as Chrome built them (also for a request its preflight stopped). */
  requestHeaders: Record<string, string>;
}

/** The parts of CDP's Network events the oracle reads (a worker's arrive as JSON, untyped). */
interface WillBeSent {
  requestId: string;
  request: { url: string; method: string; headers: Record<string, string> };
  redirectResponse?: unknown;
  initiator?: { type: string };
}
interface Failed {
  requestId: string;
  errorText?: string;
  corsErrorStatus?: { corsError: string; failedParameter: string };
}

export class CorsOracle {
  private readonly requests = new Map<
    string,
    { url: string; method: string; preflight: boolean; headers: Record<string, string> }
  >();
  readonly outcomes: ChromeOutcome[] = [];
  private constructor(readonly session: CDPSession) {}

  /** Watches a page's calls; with `workers`, its dedicated workers' calls too (they have their own targets). */
  static async attach(page: Page, options: { workers?: boolean } = {}): Promise<CorsOracle> {
    const session = await page.context().newCDPSession(page);
    const oracle = new CorsOracle(session);
    session.on("Network.requestWillBeSent", (e) => oracle.announce("", e));
    session.on("Network.loadingFinished", (e) => oracle.settle(e.requestId, null, "", null));
    session.on("Network.loadingFailed", (e) => oracle.fail("", e));
    await session.send("Network.enable");
    if (options.workers) await oracle.watchWorkers();
    return oracle;
  }

  private announce(target: string, e: WillBeSent): void {
    const id = target + e.requestId;
    // A redirect re-announces the request under the same id: keep the URL the page asked for.
    if (e.redirectResponse && this.requests.has(id)) return;
    this.requests.set(id, {
      url: e.request.url,
      method: e.request.method,
      preflight: e.initiator?.type === "preflight",
      headers: e.request.headers,
    });
  }

  private fail(target: string, e: Failed): void {
    this.settle(
      target + e.requestId,
      e.corsErrorStatus?.corsError ?? null,
      e.corsErrorStatus?.failedParameter ?? "",
      e.errorText ?? null,
    );
  }

  /**
   * A worker's requests reach only the worker's own target: attach to each new one (paused until its Network
   * domain is on, so its first fetch is not missed) and read its events through Target messages.
   */
  private async watchWorkers(): Promise<void> {
    const send = (sessionId: string, id: number, method: string) =>
      this.session.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method }) });
    this.session.on("Target.attachedToTarget", (e) => {
      if (e.targetInfo.type !== "worker") return;
      void send(e.sessionId, 1, "Network.enable").then(() => send(e.sessionId, 2, "Runtime.runIfWaitingForDebugger"));
    });
    this.session.on("Target.receivedMessageFromTarget", (e) => {
      const m = JSON.parse(e.message) as { method?: string; params?: unknown };
      if (m.method === "Network.requestWillBeSent") this.announce(e.sessionId, m.params as WillBeSent);
      else if (m.method === "Network.loadingFailed") this.fail(e.sessionId, m.params as Failed);
      else if (m.method === "Network.loadingFinished")
        this.settle(e.sessionId + (m.params as { requestId: string }).requestId, null, "", null);
    });
    await this.session.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  }

  private settle(requestId: string, corsError: string | null, failedParameter: string, errorText: string | null): void {
    const r = this.requests.get(requestId);
    if (!r || r.preflight) return;
    this.outcomes.push({
      url: r.url,
      method: r.method,
      corsError,
      failedParameter,
      errorText,
      requestHeaders: r.headers,
    });
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
