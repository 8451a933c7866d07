// What CORS Lens costs the pages it watches (and the ones it does not), side by side with no extension, the
// platform's floor (two empty webRequest listeners) and DevTools' own cost, over a bare DevTools-protocol pipe.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startLab } from "../test/lab/server";
import { PipeBrowser } from "./cdp-pipe";
import { processTimes, startProfiles, type ThreadTime } from "./profile";
import { median, table, verdict } from "./stats";

const ROOT = resolve(import.meta.dirname, "..");
/** BENCH_LENS=path times another build of CORS Lens (an experiment) in its place. */
const LENS = resolve(process.env.BENCH_LENS ?? resolve(ROOT, "dist/chrome"));
/** BENCH_BEFORE=path adds (o): that build of CORS Lens in DevTools mode, beside (g), to time a change side by side. */
const BEFORE = process.env.BENCH_BEFORE ? resolve(process.env.BENCH_BEFORE) : null;
const isLens = (extension: string | null): boolean => extension === LENS || (BEFORE !== null && extension === BEFORE);
const FLOOR = resolve(ROOT, "test/fixtures/floor-extension");
const PERMISSION = resolve(ROOT, "test/fixtures/permission-extension");
const HAR = resolve(ROOT, "test/fixtures/har-extension");
const LISTENERS = resolve(ROOT, "test/fixtures/listeners-extension");

/** The HAR-listener extension with more in its manifest, made for this run (the same devtools page). */
function harVariant(name: string, manifest: Record<string, unknown>, files: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), `cors-lens-bench-${name}-`));
  cpSync(HAR, dir, { recursive: true });
  for (const f of files) cpSync(f, join(dir, f.split("/").pop()!));
  const base = JSON.parse(readFileSync(join(HAR, "manifest.json"), "utf8")) as Record<string, unknown>;
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ ...base, ...manifest }));
  return dir;
}
/** What holding webRequest costs with DevTools open: CORS Lens keeps the permission (the issue's third point). */
const HAR_PERMISSION = harVariant("har-permission", {
  name: "HAR listener + webRequest permission (CORS Lens benchmark)",
  permissions: ["webRequest"],
  host_permissions: ["<all_urls>"],
});
/** CORS Lens's page hook alone (the built one), in every frame at document_start, beside the HAR listener. */
const HAR_HOOK = harVariant(
  "har-hook",
  {
    name: "HAR listener + CORS Lens's page hook (CORS Lens benchmark)",
    content_scripts: [
      { matches: ["<all_urls>"], js: ["page-hook.js"], run_at: "document_start", all_frames: true, world: "MAIN" },
    ],
  },
  [resolve(LENS, "page-hook.js")],
);

const PAIRS = process.env.BENCH_PROFILE === "1" ? 1 : Number(process.env.BENCH_PAIRS ?? 5);
/** BENCH_CALLS=n makes each mix n calls (for a quick look); the report's figures use 1,000. */
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
/** How late the realistic mix's API answers, as over a real network. */
const NETWORK_MS = 20;
const ALL_MIXES = [
  { id: "get", label: "GET", delay: 0 },
  { id: "put", label: "preflighted PUT", delay: 0 },
  { id: "half", label: "GET, half blocked", delay: 0 },
  { id: "real", label: `realistic: ${NETWORK_MS} ms API, ¼ PUT, ⅛ blocked`, delay: NETWORK_MS },
] as const;
type Mix = (typeof ALL_MIXES)[number];
/** BENCH_MIXES=get,real runs only those. */
const MIXES: readonly Mix[] = process.env.BENCH_MIXES
  ? ALL_MIXES.filter((m) => process.env.BENCH_MIXES!.split(",").includes(m.id))
  : ALL_MIXES;
/** Every DevTools configuration shows this panel while the mixes run (the one most people leave open). */
const DEVTOOLS_PANEL = "network";

interface Config {
  id: string;
  label: string;
  extension: string | null;
  devtools: boolean;
  background?: boolean;
}
const ALL_CONFIGS: Config[] = [
  { id: "a", label: "no extension", extension: null, devtools: false },
  { id: "b", label: "CORS Lens, DevTools closed (default)", extension: LENS, devtools: false },
  { id: "c", label: "CORS Lens, Capture in the background", extension: LENS, devtools: false, background: true },
  { id: "e", label: "DevTools open, no extension", extension: null, devtools: true },
  { id: "g", label: "DevTools + CORS Lens", extension: LENS, devtools: true },
  { id: "h", label: "DevTools + a chrome.devtools.network listener", extension: HAR, devtools: true },
  // For context: what CORS Lens's design keeps (the webRequest permission's proxy), and its page hook alone.
  { id: "w", label: "DevTools + that listener + the webRequest permission", extension: HAR_PERMISSION, devtools: true },
  { id: "k", label: "DevTools + that listener + CORS Lens's page hook", extension: HAR_HOOK, devtools: true },
  { id: "l", label: "CORS Lens's capture listeners, empty", extension: LISTENERS, devtools: false },
  { id: "p", label: "webRequest permission, no listener", extension: PERMISSION, devtools: false },
  ...(BEFORE
    ? [{ id: "o", label: "DevTools + CORS Lens, the earlier build (BENCH_BEFORE)", extension: BEFORE, devtools: true }]
    : []),
  // Only on request (BENCH_CONFIGS): the platform's floor of two empty webRequest listeners.
  { id: "d", label: "floor extension (2 empty listeners)", extension: FLOOR, devtools: false },
  { id: "f", label: "DevTools + floor", extension: FLOOR, devtools: true },
];
/** BENCH_CONFIGS=g,h runs only those (for a quick look); by default all but the floor's (d, f). */
const CONFIGS = process.env.BENCH_CONFIGS
  ? ALL_CONFIGS.filter((c) => process.env.BENCH_CONFIGS!.split(",").includes(c.id))
  : ALL_CONFIGS.filter((c) => c.id !== "d" && c.id !== "f");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A session on the extension's service worker, once its script has run (the target appears before that). */
async function workerSession(b: PipeBrowser): Promise<string> {
  const sw = await b.waitForTarget((t) => t.type === "service_worker" && t.url.startsWith("chrome-extension://"));
  const s = await b.attach(sw.targetId);
  await b.send("Runtime.enable", {}, s);
  for (let i = 0; i < 100; i++) {
    if (await b.evaluate<boolean>(s, "typeof chrome !== 'undefined' && !!chrome.webRequest").catch(() => false))
      return s;
    await sleep(50);
  }
  throw new Error("the extension's service worker never started");
}

/** Where a run's times keep the browser's CPU milliseconds over a mix. */
const cpuKey = (mix: string) => `${mix}:cpu`;

/** BENCH_PROFILE=1: one profiled run per configuration (bench/profile.ts) instead of timed pairs. */
const PROFILE = process.env.BENCH_PROFILE === "1";
const profiles: Record<
  string,
  { threads: Record<string, ThreadTime>; processes: Record<string, number>; inPage: [number, number] }
> = {};
/**
 * The page hook's price measured alone, in the page, before the mixes: µs per `new Error()` (what the hook keeps of
 * each call's stack), and µs per fetch() the browser refuses at once (an invalid URL: the hook's wrapper, then a
 * rejected promise, no request), 2,000 of each.
 */
const IN_PAGE = `(async () => {
  const n = 2000;
  let t0 = performance.now();
  for (let i = 0; i < n; i++) new Error();
  const error = ((performance.now() - t0) / n) * 1000;
  const calls = [];
  t0 = performance.now();
  for (let i = 0; i < n; i++) calls.push(fetch("http://[bad/" + i).catch(() => {}));
  const call = ((performance.now() - t0) / n) * 1000;
  await Promise.all(calls);
  return [error, call];
})()`;

async function run(config: Config, pageUrl: string, api: string): Promise<Record<string, number>> {
  const sessions: Record<string, string> = {};
  const args = [
    ...(config.extension
      ? [`--disable-extensions-except=${config.extension}`, `--load-extension=${config.extension}`]
      : []),
    ...(config.devtools ? ["--auto-open-devtools-for-tabs"] : []),
  ];
  const b = PipeBrowser.launch(args);
  try {
    if (config.extension) {
      if (config.background) {
        // Turn the setting on the way the panel does: a settings message over the panel's port.
        const sw = await b.waitForTarget((t) => t.type === "service_worker" && t.url.startsWith("chrome-extension://"));
        const id = new URL(sw.url).host;
        const { targetId } = await b.send<{ targetId: string }>("Target.createTarget", {
          url: `chrome-extension://${id}/panel/index.html`,
        });
        const panel = await b.attach(targetId);
        await b.send("Runtime.enable", {}, panel);
        for (let i = 0; ; i++) {
          const sent = await b
            .evaluate<boolean>(
              panel,
              `(() => { const p = chrome.runtime.connect({ name: "cors-lens/panel" });
              p.postMessage({ type: "settings", settings: { background: true } }); return true; })()`,
            )
            .catch(() => false);
          if (sent) break;
          if (i > 100) throw new Error("could not reach the panel page");
          await sleep(50);
        }
        // Close the panel only once the worker has applied the setting (closing drops undelivered messages).
        const worker = await workerSession(b);
        const applied = `chrome.storage.local.get("settings").then((s) => s.settings?.background === true &&
          chrome.webRequest.onSendHeaders.hasListeners())`;
        for (let i = 0; !(await b.evaluate<boolean>(worker, applied)); i++) {
          if (i > 200) throw new Error("background capture never started");
          await sleep(50);
        }
        await b.send("Target.closeTarget", { targetId });
      }
    }
    if (isLens(config.extension)) {
      // Start-up settles: the extension keeps listeners only in background mode (provisional ones go once the
      // saved state is read).
      const s = await workerSession(b);
      sessions["service worker"] = s;
      const t0 = Date.now();
      while (
        (await b.evaluate<boolean>(s, "chrome.webRequest.onSendHeaders.hasListeners()")) !== Boolean(config.background)
      ) {
        if (Date.now() - t0 > 15_000) throw new Error(`(${config.id}) listeners never settled`);
        await sleep(50);
      }
      if (Date.now() - t0 > 500)
        process.stdout.write(`  (${config.id}) listeners settled after ${Date.now() - t0} ms\n`);
    } else {
      await sleep(500);
    }
    const { targetId } = await b.send<{ targetId: string }>("Target.createTarget", { url: pageUrl });
    const page = await b.attach(targetId);
    await b.send("Runtime.enable", {}, page);
    if (config.devtools) {
      const fe = await b.waitForTarget(
        (t) => t.type === "other" && t.url.startsWith("devtools://devtools/bundled/devtools_app.html"),
      );
      const s = await b.attach(fe.targetId);
      sessions["DevTools (its window)"] = s;
      if (isLens(config.extension)) await b.waitForTarget((t) => t.url.includes("/extension/devtools.html"));
      if ([HAR, HAR_PERMISSION, HAR_HOOK].includes(config.extension ?? ""))
        await b.waitForTarget((t) => t.url.endsWith("/devtools.html"));
      for (let i = 0; ; i++) {
        const shown = await b
          .evaluate<boolean>(
            s,
            `(async () => { const ui = await import('./ui/legacy/legacy.js');
            await ui.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(DEVTOOLS_PANEL)}); return true; })()`,
          )
          .catch(() => false);
        if (shown) break;
        if (i > 100) throw new Error("DevTools never showed the Network panel");
        await sleep(100);
      }
    }
    for (;;) {
      if (await b.evaluate<boolean>(page, "typeof window.runMix === 'function'").catch(() => false)) break;
      await sleep(50);
    }
    await b.evaluate(page, `runMix("get", 100, ${JSON.stringify(api)})`); // warm up connections and caches
    sessions.page = page;
    if (config.devtools && config.extension !== null && config.extension !== FLOOR) {
      const dp = await b.waitForTarget((t) => t.url.endsWith("/devtools.html"));
      sessions["devtools page"] = await b.attach(dp.targetId);
    }
    const inPage = PROFILE ? await b.evaluate<[number, number]>(page, IN_PAGE) : ([0, 0] as [number, number]);
    const before = PROFILE ? await processTimes(b) : {};
    const stop = PROFILE ? await startProfiles(b, sessions) : null;
    const times: Record<string, number> = {};
    for (const mix of MIXES) {
      // The whole browser's CPU time over the mix too: less swayed than wall time by other work on the machine.
      const cpu0 = await processTimes(b);
      times[mix.id] = await b.evaluate<number>(
        page,
        `runMix("${mix.id}", ${CALLS}, ${JSON.stringify(api)}, ${mix.delay})`,
      );
      const cpu1 = await processTimes(b);
      times[cpuKey(mix.id)] = Object.keys(cpu1).reduce((sum, k) => sum + cpu1[k]! - (cpu0[k] ?? 0), 0);
    }
    if (stop) {
      const threads = await stop();
      const after = await processTimes(b);
      profiles[config.id] = {
        threads,
        inPage,
        processes: Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)])),
      };
    }
    return times;
  } finally {
    await b.close();
  }
}

const lab = await startLab();
const pageUrl = `${lab.pageOrigin}/static/bench.html`;
const times: Record<string, Record<string, number[]>> = {};
for (const c of CONFIGS)
  times[c.id] = Object.fromEntries(MIXES.flatMap((m) => [m.id, cpuKey(m.id)].map((k) => [k, [] as number[]])));
const started = Date.now();
for (let pair = 0; pair < PAIRS; pair++) {
  // Rotate the order each pair so no configuration always runs first (or last) on a noisy machine.
  const order = CONFIGS.map((_, i) => CONFIGS[(i + pair) % CONFIGS.length]!);
  for (const c of order) {
    // A start-up that goes wrong (rare: the worker restarting mid-setup) is retried with a fresh profile.
    let t: Record<string, number> | null = null;
    for (let attempt = 1; !t; attempt++) {
      t = await run(c, pageUrl, lab.altOrigin).catch((e: unknown) => {
        if (attempt >= 3) throw e;
        process.stdout.write(`  (${c.id}) attempt ${attempt} failed: ${String(e)}; retrying\n`);
        return null;
      });
    }
    for (const m of MIXES) for (const k of [m.id, cpuKey(m.id)]) times[c.id]![k]!.push(t[k]!);
    process.stdout.write(
      `pair ${pair + 1} ${c.id}: ${MIXES.map((m) => `${m.id} ${t[m.id]!.toFixed(0)} ms`).join(", ")}\n`,
    );
  }
}
await lab.close();
const minutes = ((Date.now() - started) / 60000).toFixed(1);

/** Per-pair ratios of two configurations for a mix: median and min–max. */
function ratio(x: string, y: string, mix: string): { median: number; text: string } {
  const r = times[x]![mix]!.map((v, i) => v / times[y]![mix]![i]!);
  const m = median(r);
  const added = (median(times[x]![mix]!) - median(times[y]![mix]!)) / CALLS;
  return {
    median: m,
    text: `${m.toFixed(2)}× (${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}; ${added >= 0 ? "+" : ""}${added.toFixed(2)} ms/call)`,
  };
}

if (PROFILE) {
  const per = CALLS * MIXES.length;
  const threadNames = [...new Set(Object.values(profiles).flatMap((p) => Object.keys(p.threads)))];
  const processNames = [...new Set(Object.values(profiles).flatMap((p) => Object.keys(p.processes)))];
  const perCall = (ms: number | undefined) => (ms === undefined ? "—" : `${((ms / per) * 1000).toFixed(0)} µs`);
  const profiled = CONFIGS.filter((c) => profiles[c.id]);
  const text = `# Where the time goes (CPU profiles of one run per configuration)

One run per configuration, mixes ${MIXES.map((m) => m.label).join(", ")} of ${CALLS} calls each, DevTools showing the
${DEVTOOLS_PANEL} panel. The V8 sampling profiler (CDP Profiler, 250 µs samples) runs on each target that exists: the
page, DevTools' own window, the extension's devtools page and its service worker; busy is every sample that is not
idle. Process CPU is SystemInfo.getProcessInfo's cpuTime before and after the mixes, per process type (all
renderers together: the page, DevTools' window and the extension's pages). Figures are per call (total ÷ ${per}).
Profiling slows what it watches: compare configurations with each other, not with the timed report. ${minutes}
minutes in all.

## Main-thread time per call

${table(
  ["thread", ...profiled.map((c) => `(${c.id}) ${c.label}`)],
  [
    ...threadNames.map((t) => [t, ...profiled.map((c) => perCall(profiles[c.id]!.threads[t]?.busyMs))]),
    [
      "of which the page hook (page-hook.js, self time)",
      ...profiled.map((c) => perCall(profiles[c.id]!.threads.page?.hookMs)),
    ],
  ],
)}

## The page hook alone, in the page

${table(
  ["measure", ...profiled.map((c) => `(${c.id})`)],
  [
    ["new Error(), µs each", ...profiled.map((c) => profiles[c.id]!.inPage[0].toFixed(1))],
    [
      "fetch() refused at once (the hook's wrapper + a rejection), µs each",
      ...profiled.map((c) => profiles[c.id]!.inPage[1].toFixed(1)),
    ],
  ],
)}

## Process CPU per call

${table(
  ["process type", ...profiled.map((c) => `(${c.id})`)],
  [
    ...processNames.map((n) => [n, ...profiled.map((c) => perCall(profiles[c.id]!.processes[n]))]),
    ["all", ...profiled.map((c) => perCall(Object.values(profiles[c.id]!.processes).reduce((a, v) => a + v, 0)))],
  ],
)}

## Heaviest functions (self time per call)

${profiled
  .map(
    (c) =>
      `### (${c.id}) ${c.label}\n\n${Object.entries(profiles[c.id]!.threads)
        .map(([t, p]) => `- ${t}: ${p.top.map(([f, ms]) => `${f} ${perCall(ms)}`).join("; ")}`)
        .join("\n")}`,
  )
  .join("\n\n")}
`;
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${process.env.BENCH_OUT ?? "overhead-profile"}.md`, import.meta.url), text);
  console.log(text);
  process.exit(0);
}

const has = (...ids: string[]) => ids.every((id) => times[id]);
const loopback = MIXES.filter((m) => m.delay === 0);
const realistic = MIXES.filter((m) => m.delay > 0);

/** A goal: x ÷ y at most `goal` for the given mixes (the other mixes' cells show the figure, not judged). */
interface Goal {
  x: string;
  y: string;
  label: string;
  goal: number;
  mixes: readonly Mix[];
}
const goals: Goal[] = [
  { x: "g", y: "h", label: "(g) DevTools + CORS Lens ÷ (h) DevTools + a HAR listener", goal: 1.05, mixes: loopback },
  { x: "b", y: "a", label: "(b) CORS Lens, DevTools closed ÷ (a) no extension", goal: 1.02, mixes: realistic },
  { x: "c", y: "a", label: "(c) Capture in the background ÷ (a) no extension", goal: 1.02, mixes: realistic },
  { x: "g", y: "e", label: "(g) DevTools + CORS Lens ÷ (e) DevTools, no extension", goal: 1.02, mixes: realistic },
  { x: "b", y: "p", label: "(b) CORS Lens, DevTools closed ÷ (p) webRequest permission", goal: 1.05, mixes: MIXES },
  {
    x: "c",
    y: "l",
    label: "(c) background ÷ (l) its listeners, empty: CORS Lens's own work",
    goal: 1.05,
    mixes: MIXES,
  },
];
const context: [string, string, string][] = [
  ["g", "o", "(g) DevTools + CORS Lens ÷ (o) the earlier build (BENCH_BEFORE): the change"],
  ["o", "h", "(o) the earlier build ÷ (h) DevTools + a HAR listener"],
  ["w", "h", "(w) HAR listener + webRequest permission ÷ (h) HAR listener: the permission's proxy, DevTools open"],
  ["g", "w", "(g) DevTools + CORS Lens ÷ (w) HAR listener + permission: CORS Lens's own work, DevTools open"],
  ["k", "h", "(k) HAR listener + CORS Lens's page hook ÷ (h) HAR listener: the page hook alone"],
  ["h", "e", "(h) HAR listener ÷ (e) DevTools, no extension"],
  ["g", "e", "(g) DevTools + CORS Lens ÷ (e) DevTools, no extension"],
  ["b", "a", "(b) CORS Lens, DevTools closed ÷ (a) no extension"],
  ["c", "a", "(c) background ÷ (a) no extension"],
  ["p", "a", "(p) webRequest permission, no listener ÷ (a) no extension"],
  ["l", "p", "(l) CORS Lens's listeners, empty ÷ (p) the permission alone"],
  ["d", "a", "(d) floor ÷ (a) no extension"],
  ["f", "e", "(f) DevTools + floor ÷ (e) DevTools"],
  ["g", "f", "(g) DevTools + CORS Lens ÷ (f) DevTools + floor"],
];

const report = `# What CORS Lens costs the pages it watches

Chromium headless over a bare DevTools-protocol pipe (no Network.enable), a fresh profile per run, ${PAIRS} pairs; in
each pair every configuration runs once, in an order rotated from pair to pair, so configurations compared are
measured side by side, alternating, in one run. ${CALLS} cross-origin calls per mix through 6 concurrent workers
(timed in the page). Loopback mixes answer at once (the worst case: the extension's work is all there is); the
realistic mix's API answers after ${NETWORK_MS} ms, as over a real network. With DevTools open, every configuration
shows the same panel: **${DEVTOOLS_PANEL === "network" ? "Network" : DEVTOOLS_PANEL}** (CORS Lens's own tab is not
shown, as when a user works in the Network panel). Ratios are taken per pair, then the median (min–max); the added
milliseconds per call are the difference of the medians divided by ${CALLS} (wall time of the mix, 6 calls in
flight). ${minutes} minutes in all.

## Goals

${table(
  ["ratio", ...MIXES.map((m) => m.label), "goal"],
  goals
    .filter((g) => has(g.x, g.y) && g.mixes.length > 0)
    .map((g) => {
      const cells = MIXES.map((m) => ({ mix: m, ...ratio(g.x, g.y, m.id) }));
      const judged = cells.filter((c) => g.mixes.includes(c.mix));
      const mixes = g.mixes.length === MIXES.length ? "" : ` (${g.mixes.map((m) => m.label).join(", ")})`;
      return [
        g.label,
        ...cells.map((c) => (g.mixes.includes(c.mix) ? c.text : `_${c.text}_`)),
        `≤ ${g.goal}×${mixes} — ${verdict(judged.every((c) => c.median <= g.goal))}`,
      ];
    }),
)}

Figures in italics are shown for context; the goal applies to the others.

## The same ratios in CPU time

The whole browser's CPU time over each mix (every Chromium process, SystemInfo.getProcessInfo before and after):
what the machine spends, less swayed than wall time by other programs on a busy machine; ms/call here is CPU.

${table(
  ["ratio", ...MIXES.map((m) => m.label)],
  [...goals.map((g): [string, string, string] => [g.x, g.y, g.label]), ...context]
    .filter(([x, y], i, all) => has(x, y) && all.findIndex(([x2, y2]) => x2 === x && y2 === y) === i)
    .map(([x, y, label]) => [label, ...MIXES.map((m) => ratio(x, y, cpuKey(m.id)).text)]),
)}

## For context

${table(
  ["ratio", ...MIXES.map((m) => m.label)],
  context.filter(([x, y]) => has(x, y)).map(([x, y, label]) => [label, ...MIXES.map((m) => ratio(x, y, m.id).text)]),
)}

## Median times

${table(
  ["configuration", ...MIXES.map((m) => m.label)],
  CONFIGS.map((c) => [
    `(${c.id}) ${c.label}`,
    ...MIXES.map(
      (m) =>
        `${median(times[c.id]![m.id]!).toFixed(0)} ms (${(median(times[c.id]![m.id]!) / CALLS).toFixed(2)} ms/call)`,
    ),
  ]),
)}
`;
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
/** BENCH_OUT=name writes results/<name>.md instead (an experiment's run does not replace the report). */
writeFileSync(new URL(`./results/${process.env.BENCH_OUT ?? "overhead"}.md`, import.meta.url), report);
console.log(report);
