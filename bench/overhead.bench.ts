// What CORS Lens costs the pages it watches (and the ones it does not), side by side with no extension, the
// platform's floor (two empty webRequest listeners) and DevTools' own cost, over a bare DevTools-protocol pipe.

import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { startLab } from "../test/lab/server";
import { PipeBrowser } from "./cdp-pipe";
import { median, table, verdict } from "./stats";

const ROOT = resolve(import.meta.dirname, "..");
/** BENCH_LENS=path times another build of CORS Lens (an experiment) in its place. */
const LENS = resolve(process.env.BENCH_LENS ?? resolve(ROOT, "dist/chrome"));
const FLOOR = resolve(ROOT, "test/fixtures/floor-extension");
const PERMISSION = resolve(ROOT, "test/fixtures/permission-extension");
const HAR = resolve(ROOT, "test/fixtures/har-extension");
const LISTENERS = resolve(ROOT, "test/fixtures/listeners-extension");
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const CALLS = 1000;
const MIXES = [
  { id: "get", label: "1,000 GET" },
  { id: "put", label: "1,000 preflighted PUT" },
  { id: "half", label: "1,000 GET, half blocked" },
] as const;

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
  { id: "d", label: "floor extension (2 empty listeners)", extension: FLOOR, devtools: false },
  { id: "e", label: "DevTools on Network, no extension", extension: null, devtools: true },
  { id: "f", label: "DevTools on Network + floor", extension: FLOOR, devtools: true },
  { id: "g", label: "DevTools + CORS Lens", extension: LENS, devtools: true },
  // For context: CORS Lens's listeners without its work, the webRequest permission with no listener, and the
  // DevTools-only way to look.
  { id: "l", label: "CORS Lens's four capture listeners, empty", extension: LISTENERS, devtools: false },
  { id: "p", label: "webRequest permission, no listener", extension: PERMISSION, devtools: false },
  { id: "h", label: "DevTools + a chrome.devtools.network listener", extension: HAR, devtools: true },
];
/** BENCH_CONFIGS=a,b runs only those (for a quick look); the report needs all of them. */
const CONFIGS = process.env.BENCH_CONFIGS
  ? ALL_CONFIGS.filter((c) => process.env.BENCH_CONFIGS!.split(",").includes(c.id))
  : ALL_CONFIGS;

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

async function run(config: Config, pageUrl: string, api: string): Promise<Record<string, number>> {
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
    if (config.extension === LENS) {
      // Start-up settles: the extension keeps listeners only in background mode (provisional ones go once the
      // saved state is read).
      const s = await workerSession(b);
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
      if (config.extension === LENS) await b.waitForTarget((t) => t.url.includes("/extension/devtools.html"));
      if (config.extension === HAR) await b.waitForTarget((t) => t.url.endsWith("/devtools.html"));
      for (let i = 0; ; i++) {
        const shown = await b
          .evaluate<boolean>(
            s,
            `(async () => { const ui = await import('./ui/legacy/legacy.js');
            await ui.InspectorView.InspectorView.instance().showPanel('network'); return true; })()`,
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
    const times: Record<string, number> = {};
    for (const mix of MIXES)
      times[mix.id] = await b.evaluate<number>(page, `runMix("${mix.id}", ${CALLS}, ${JSON.stringify(api)})`);
    return times;
  } finally {
    await b.close();
  }
}

const lab = await startLab();
const pageUrl = `${lab.pageOrigin}/static/bench.html`;
const times: Record<string, Record<string, number[]>> = {};
for (const c of CONFIGS) times[c.id] = Object.fromEntries(MIXES.map((m) => [m.id, [] as number[]]));
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
    for (const m of MIXES) times[c.id]![m.id]!.push(t[m.id]!);
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

const goals: [string, string, string, number][] = [
  ["b", "a", "(b) CORS Lens, DevTools closed ÷ (a) no extension", 1.05],
  ["c", "d", "(c) Capture in the background ÷ (d) floor", 1.1],
  ["g", "f", "(g) DevTools + CORS Lens ÷ (f) DevTools + floor", 1.05],
];
const context: [string, string, string][] = [
  ["d", "a", "(d) floor ÷ (a) no extension"],
  ["c", "a", "(c) background ÷ (a) no extension"],
  ["e", "a", "(e) DevTools ÷ (a) no extension"],
  ["f", "e", "(f) DevTools + floor ÷ (e) DevTools"],
  ["g", "e", "(g) DevTools + CORS Lens ÷ (e) DevTools"],
  ["c", "l", "(c) background ÷ (l) its listeners, empty: CORS Lens's own work"],
  ["l", "d", "(l) CORS Lens's listeners, empty ÷ (d) floor: the two extra listeners"],
  ["p", "a", "(p) webRequest permission, no listener ÷ (a) no extension"],
  ["b", "p", "(b) CORS Lens, DevTools closed ÷ (p) webRequest permission"],
  ["h", "e", "(h) DevTools + chrome.devtools.network listener ÷ (e) DevTools"],
  ["h", "f", "(h) DevTools + chrome.devtools.network listener ÷ (f) DevTools + floor"],
];

const report = `# What CORS Lens costs the pages it watches

Chromium headless over a bare DevTools-protocol pipe (no Network.enable), a fresh profile per run, ${PAIRS} pairs with
the configurations' order rotated each pair, ${CALLS} cross-origin calls per mix through 6 concurrent workers on
loopback (timed in the page). Ratios are per pair, then the median (min–max) and the added milliseconds per call
from the medians. ${minutes} minutes in all.

## Goals

${table(
  ["ratio", ...MIXES.map((m) => m.label), "goal"],
  goals
    .filter(([x, y]) => times[x] && times[y])
    .map(([x, y, label, goal]) => {
      const cells = MIXES.map((m) => ratio(x, y, m.id));
      return [label, ...cells.map((c) => c.text), `≤ ${goal}× — ${verdict(cells.every((c) => c.median <= goal))}`];
    }),
)}

## For context

${table(
  ["ratio", ...MIXES.map((m) => m.label)],
  context
    .filter(([x, y]) => times[x] && times[y])
    .map(([x, y, label]) => [label, ...MIXES.map((m) => ratio(x, y, m.id).text)]),
)}

## Median times

${table(
  ["configuration", ...MIXES.map((m) => m.label)],
  CONFIGS.map((c) => [`(${c.id}) ${c.label}`, ...MIXES.map((m) => `${median(times[c.id]![m.id]!).toFixed(0)} ms`)]),
)}
`;
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/overhead.md", import.meta.url), report);
console.log(report);
