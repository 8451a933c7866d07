// A minimal DevTools-protocol client over Chromium's --remote-debugging-pipe: no Playwright, no Network.enable,
// so the pages it times run as they would for a user.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { BASE_ARGS, findChromium, sandboxArgs } from "../scripts/chromium";

type Handler = (params: Record<string, unknown>, sessionId?: string) => void;

export class PipeBrowser {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly handlers = new Map<string, Handler[]>();
  private buffer = "";

  private constructor(
    private readonly proc: ChildProcess,
    private readonly profile: string,
  ) {
    const out = proc.stdio[4] as Readable;
    out.setEncoding("utf8");
    out.on("data", (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf("\0")) >= 0) {
        const msg = JSON.parse(this.buffer.slice(0, end)) as {
          id?: number;
          result?: unknown;
          error?: { message: string };
          method?: string;
          params?: Record<string, unknown>;
          sessionId?: string;
        };
        this.buffer = this.buffer.slice(end + 1);
        if (msg.id !== undefined) {
          const p = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          if (msg.error) p?.reject(new Error(msg.error.message));
          else p?.resolve(msg.result);
        } else if (msg.method) {
          for (const h of this.handlers.get(msg.method) ?? []) h(msg.params ?? {}, msg.sessionId);
        }
      }
    });
  }

  static launch(args: string[]): PipeBrowser {
    const exe = findChromium();
    if (!exe) throw new Error("no Chromium");
    const profile = mkdtempSync(join(tmpdir(), "cors-lens-bench-"));
    const proc = spawn(
      exe,
      [
        "--headless",
        ...sandboxArgs(),
        ...BASE_ARGS,
        "--remote-debugging-pipe",
        `--user-data-dir=${profile}`,
        ...args,
        "about:blank",
      ],
      { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] },
    );
    return new PipeBrowser(proc, profile);
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    const done = new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
    (this.proc.stdio[3] as Writable).write(
      JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0",
    );
    return done;
  }

  on(method: string, handler: Handler): void {
    this.handlers.set(method, [...(this.handlers.get(method) ?? []), handler]);
  }

  async targets(): Promise<{ targetId: string; type: string; url: string }[]> {
    return (await this.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>("Target.getTargets"))
      .targetInfos;
  }

  async waitForTarget(match: (t: { type: string; url: string }) => boolean, timeoutMs = 20_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const t = (await this.targets()).find(match);
      if (t) return t;
      if (Date.now() > end) throw new Error("target did not appear");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async attach(targetId: string): Promise<string> {
    return (await this.send<{ sessionId: string }>("Target.attachToTarget", { targetId, flatten: true })).sessionId;
  }

  /** Evaluates an expression in a session, awaiting promises, returning its JSON value. */
  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const r = await this.send<{
      result: { value: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  }

  async close(): Promise<void> {
    this.proc.kill();
    await new Promise((r) => this.proc.once("exit", r));
    // Chromium's helper processes may still write for a moment after the browser exits: retry, then leave it to /tmp.
    for (let i = 0; i < 30; i++) {
      try {
        rmSync(this.profile, { recursive: true, force: true });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}
