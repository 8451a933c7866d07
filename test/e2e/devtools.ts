// Drives the real DevTools front end over a browser CDP session: shows the CORS panel, reads it, screenshots it.

import type { CDPSession } from "playwright-core";
import type { Session } from "./harness";
import { waitUntil } from "./harness";

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** One attached target, spoken to through Target.sendMessageToTarget (Playwright has no child sessions). */
export class TargetChannel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners: ((method: string, params: Record<string, unknown>) => void)[] = [];

  constructor(
    private readonly browser: CDPSession,
    readonly sessionId: string,
    readonly targetId: string,
  ) {
    browser.on("Target.receivedMessageFromTarget", (e: { sessionId: string; message: string }) => {
      if (e.sessionId !== this.sessionId) return;
      const msg = JSON.parse(e.message) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
      };
      if (msg.method) for (const l of this.listeners) l(msg.method, msg.params ?? {});
      const waiter = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id!);
      if (msg.error) waiter.reject(new Error(msg.error.message));
      else waiter.resolve(msg.result);
    });
  }

  /** Protocol events from this target. */
  onEvent(listener: (method: string, params: Record<string, unknown>) => void): void {
    this.listeners.push(listener);
  }

  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    const done = new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
    void this.browser.send("Target.sendMessageToTarget", {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return done;
  }

  /** Evaluates an expression (awaiting promises) and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send<{
      result: { value: T };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    }>("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  }
}

export class DevtoolsDriver {
  private constructor(
    private readonly browser: CDPSession,
    private readonly session: Session,
  ) {}

  static async connect(session: Session): Promise<DevtoolsDriver> {
    const browser = await session.context.browser()!.newBrowserCDPSession();
    await browser.send("Target.setDiscoverTargets", { discover: true });
    return new DevtoolsDriver(browser, session);
  }

  async targets(): Promise<TargetInfo[]> {
    return (await this.browser.send("Target.getTargets")).targetInfos as TargetInfo[];
  }

  async waitForTarget(what: string, match: (t: TargetInfo) => boolean, timeoutMs = 20_000): Promise<TargetInfo> {
    let found: TargetInfo | undefined;
    await waitUntil(what, async () => (found = (await this.targets()).find(match)) !== undefined, timeoutMs);
    return found!;
  }

  async attach(target: TargetInfo): Promise<TargetChannel> {
    const { sessionId } = (await this.browser.send("Target.attachToTarget", {
      targetId: target.targetId,
      flatten: false,
    })) as {
      sessionId: string;
    };
    return new TargetChannel(this.browser, sessionId, target.targetId);
  }

  /** The DevTools front end, once the extension's devtools page has loaded in it. */
  async frontEnd(): Promise<TargetChannel> {
    const id = this.session.extensionId;
    await this.waitForTarget("the extension's devtools page", (t) =>
      t.url.startsWith(`chrome-extension://${id}/extension/devtools.html`),
    );
    const fe = await this.waitForTarget("the DevTools front end", (t) =>
      t.url.startsWith("devtools://devtools/bundled/devtools_app.html"),
    );
    return this.attach(fe);
  }

  /** Shows the panel titled `title` in DevTools and returns a channel to the panel page. */
  async showPanel(frontEnd: TargetChannel, title: string): Promise<TargetChannel> {
    const id = this.session.extensionId;
    const expr = `(async () => { const legacy = await import('./ui/legacy/legacy.js');
      await legacy.InspectorView.InspectorView.instance().showPanel('chrome-extension://${id}${title}'); return true; })()`;
    // Too early, DevTools throws "Unable to create settings": retry until the panel is registered.
    await waitUntil("DevTools to show the panel", () => frontEnd.evaluate<boolean>(expr).catch(() => false));
    const panel = await this.waitForTarget("the panel page", (t) =>
      t.url.startsWith(`chrome-extension://${id}/panel/index.html`),
    );
    return this.attach(panel);
  }

  /** Undocks DevTools into its own window of the given size, so a screenshot shows DevTools alone. */
  async undock(frontEnd: TargetChannel, width = 1100, height = 520): Promise<void> {
    await frontEnd.evaluate(`(async () => { const ui = await import('./ui/legacy/legacy.js');
      ui.DockController.DockController.instance().setDockSide('undocked'); return true; })()`);
    await waitUntil("the undocked window", async () => {
      const win = await this.browser
        .send("Browser.getWindowForTarget", { targetId: frontEnd.targetId })
        .catch(() => null);
      if (!win) return false;
      await this.browser.send("Browser.setWindowBounds", { windowId: win.windowId, bounds: { width, height } });
      return true;
    });
  }

  /** A channel to the extension's service worker as it runs now. */
  async worker(): Promise<TargetChannel> {
    const id = this.session.extensionId;
    const target = await this.waitForTarget(
      "the service worker",
      (t) => t.type === "service_worker" && t.url.startsWith(`chrome-extension://${id}/`),
    );
    return this.attach(target);
  }

  /** Collects uncaught exceptions and console errors of the extension's service worker into `errors`. */
  async watchWorkerErrors(errors: string[]): Promise<void> {
    const worker = await this.worker();
    worker.onEvent((method, params) => {
      if (method === "Runtime.exceptionThrown") {
        const details = params.exceptionDetails as { text: string; exception?: { description?: string } };
        errors.push(`worker exception: ${details.exception?.description ?? details.text}`);
      } else if (method === "Runtime.consoleAPICalled" && params.type === "error") {
        errors.push(`worker console.error: ${JSON.stringify(params.args)}`);
      }
    });
    await worker.send("Runtime.enable");
  }

  /** Records every network request the extension's service worker makes itself into `urls`. */
  async watchWorkerNetwork(urls: string[]): Promise<void> {
    const worker = await this.worker();
    worker.onEvent((method, params) => {
      if (method === "Network.requestWillBeSent") urls.push((params.request as { url: string }).url);
    });
    await worker.send("Network.enable");
  }

  async screenshot(frontEnd: TargetChannel): Promise<Buffer> {
    const { data } = await frontEnd.send<{ data: string }>("Page.captureScreenshot", { format: "png" });
    return Buffer.from(data, "base64");
  }

  async detach(): Promise<void> {
    await this.browser.detach();
  }
}
