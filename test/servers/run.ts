// Materialises a stack fixture with a CORS snippet at its marker, and starts or stops its real server on loopback.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer, type AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const SERVERS_DIR = import.meta.dirname;
/** Inside the repo so the JS fixtures resolve express, fastify… from its node_modules. */
const WORK_ROOT = resolve(SERVERS_DIR, "../../node_modules/.cache/cors-lens-servers");

/** How a fixture is laid out and run. */
export interface Launcher {
  /** Folder under test/servers/ copied as a whole. */
  dir: string;
  /** The file holding the `__FIX__` (and maybe `__LATE__`) marker. */
  template: string;
  /** A build step run once per materialised copy (Go). */
  build?: (work: string) => { cmd: string; args: string[]; env?: NodeJS.ProcessEnv };
  run: (work: string, port: number) => { cmd: string; args: string[]; env?: NodeJS.ProcessEnv };
}

export interface Placement {
  /** The snippet for the `__FIX__` marker ("" to leave it empty). */
  fix: string;
  /** The snippet for the `__LATE__` marker, where the template has one. */
  late?: string;
}

/** Replaces each marker line with the snippet, indented like the marker. */
export function fillMarkers(text: string, placement: Placement, vars: Record<string, string>): string {
  const put = (marker: string, snippet: string) => (src: string) =>
    src.replace(new RegExp(`^([ \\t]*)(?:#|//) ${marker}[^\\n]*$`, "m"), (_m, indent: string) =>
      snippet
        .replace(/\n+$/, "")
        .split("\n")
        .map((line) => (line ? indent + line : line))
        .join("\n"),
    );
  let out = put("__FIX__", placement.fix)(text);
  out = put("__LATE__", placement.late ?? "")(out);
  for (const [name, value] of Object.entries(vars)) out = out.split(`__${name}__`).join(value);
  return out;
}

/** Copies the fixture into a fresh work folder with the markers filled; returns that folder. */
export function materialize(launcher: Launcher, placement: Placement, port: number, label: string): string {
  mkdirSync(WORK_ROOT, { recursive: true });
  const work = join(WORK_ROOT, `${label}-${process.pid}-${Date.now().toString(36)}`);
  cpSync(join(SERVERS_DIR, launcher.dir), work, { recursive: true });
  // Apache's children run as an unprivileged user and must read the document root.
  chmodSync(work, 0o755);
  const file = join(work, launcher.template);
  writeFileSync(file, fillMarkers(readFileSync(file, "utf8"), placement, { PORT: String(port), DIR: work }));
  return work;
}

export interface RunningServer {
  port: number;
  work: string;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolveConnect) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolveConnect(true);
    });
    socket.once("error", () => resolveConnect(false));
  });
}

/** Starts the fixture and waits until its port accepts connections (or the process dies). */
export async function startServer(
  launcher: Launcher,
  placement: Placement,
  port: number,
  label: string,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const work = materialize(launcher, placement, port, label);
  let log = "";
  if (launcher.build) {
    const b = launcher.build(work);
    try {
      await promisify(execFile)(b.cmd, b.args, { cwd: work, env: { ...process.env, ...b.env } });
    } catch (err) {
      rmSync(work, { recursive: true, force: true });
      throw new Error(`${label}: build failed\n${String(err)}`);
    }
  }
  const r = launcher.run(work, port);
  const child: ChildProcess = spawn(r.cmd, r.args, {
    cwd: work,
    env: { ...process.env, ...r.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  let exited = false;
  const exit = new Promise<void>((r2) => child.once("exit", () => ((exited = true), r2())));
  const end = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (exited || Date.now() > end) {
      if (!exited) process.kill(-child.pid!, "SIGKILL");
      rmSync(work, { recursive: true, force: true });
      throw new Error(`${label}: server did not start on ${port}\n${log}`);
    }
    await new Promise((r2) => setTimeout(r2, 100));
  }
  return {
    port,
    work,
    output: () => log,
    async stop() {
      if (!exited) {
        // The whole process group: Apache and uvicorn may have children.
        process.kill(-child.pid!, "SIGTERM");
        const timer = setTimeout(() => !exited && process.kill(-child.pid!, "SIGKILL"), 5_000);
        await exit;
        clearTimeout(timer);
      }
      while (await accepts(port)) await new Promise((r2) => setTimeout(r2, 50));
      rmSync(work, { recursive: true, force: true });
    },
  };
}
