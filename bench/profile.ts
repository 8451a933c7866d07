// Where a benchmark run's time goes: CPU profiles of the page, DevTools, the devtools page and the service worker
// (CDP Profiler on each target), and each Chromium process's CPU time (SystemInfo.getProcessInfo), over one mix.

import type { PipeBrowser } from "./cdp-pipe";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One thread's time over the mix: busy (not idle) milliseconds, and the functions that took it (self time). */
export interface ThreadTime {
  busyMs: number;
  /** Self milliseconds by "function (file)", most first. */
  top: [string, number][];
  /** Self milliseconds of CORS Lens's page hook (page-hook.js), 0 where it does not run. */
  hookMs: number;
}

const file = (url: string): string => url.split(/[/?#]/).filter(Boolean).pop() ?? "";

export function summarise(profile: CpuProfile): ThreadTime {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  let hook = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const { functionName, url } = node.callFrame;
    if (functionName === "(idle)") return;
    busy += ms;
    if (url.includes("page-hook")) hook += ms;
    const key = url ? `${functionName || "(anonymous)"} (${file(url)})` : functionName || "(anonymous)";
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  return { busyMs: busy, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 6), hookMs: hook };
}

/** CPU milliseconds per Chromium process type, for the whole browser. */
export async function processTimes(b: PipeBrowser): Promise<Record<string, number>> {
  const { processInfo } = await b.send<{ processInfo: { type: string; id: number; cpuTime: number }[] }>(
    "SystemInfo.getProcessInfo",
  );
  const out: Record<string, number> = {};
  for (const p of processInfo) out[p.type] = (out[p.type] ?? 0) + p.cpuTime * 1000;
  return out;
}

/** Starts the sampling profiler on each named session; the returned function stops them and summarises. */
export async function startProfiles(
  b: PipeBrowser,
  sessions: Record<string, string>,
): Promise<() => Promise<Record<string, ThreadTime>>> {
  for (const s of Object.values(sessions)) {
    await b.send("Profiler.enable", {}, s);
    await b.send("Profiler.setSamplingInterval", { interval: 250 }, s);
    await b.send("Profiler.start", {}, s);
  }
  return async () => {
    const out: Record<string, ThreadTime> = {};
    for (const [name, s] of Object.entries(sessions)) {
      const { profile } = await b.send<{ profile: CpuProfile }>("Profiler.stop", {}, s);
      out[name] = summarise(profile);
    }
    return out;
  };
}
