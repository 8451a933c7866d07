// Peak memory of `cors-lens har` streaming a generated 200 MB HAR (two shapes: DevTools entries with bodies, and
// many small entries), against the 300 MB budget of issue 21. Run: npm run build && npx tsx bench/har.bench.ts

import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { once } from "node:events";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = resolve(ROOT, "dist/cli/cors-lens.mjs");
const SOURCE = resolve(ROOT, "test/fixtures/har/chromium-devtools.har");
const TARGET_BYTES = Number(process.env.BENCH_HAR_MB ?? 200) * 1024 * 1024;
const BUDGET_MB = 300;
const OUT = resolve(ROOT, "bench/results/har.md");

interface Entry {
  request: { url: string };
  response: { content?: { text?: string; size?: number } };
}

/** Writes a HAR of about TARGET_BYTES: the recorded DevTools entries over and over, each with a body of `bodyBytes`. */
async function generate(path: string, bodyBytes: number): Promise<{ bytes: number; entries: number }> {
  const recorded = (JSON.parse(readFileSync(SOURCE, "utf8")) as { log: { entries: Entry[] } }).log.entries;
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write(`{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[`);
  // A body of base64-like text, as DevTools writes binary content; the same characters every time, to be quick.
  const body = "QUJDRA".repeat(Math.ceil(bodyBytes / 6)).slice(0, bodyBytes);
  let bytes = 0;
  let entries = 0;
  for (let round = 0; bytes < TARGET_BYTES; round++) {
    for (const e of recorded) {
      // A query per round keeps every call its own URL, as a long session's would be.
      const copy = {
        ...e,
        request: { ...e.request, url: `${e.request.url}${e.request.url.includes("?") ? "&" : "?"}round=${round}` },
        response: { ...e.response, content: { ...e.response.content, size: body.length, text: body } },
      };
      const text = (entries === 0 ? "" : ",") + JSON.stringify(copy);
      bytes += Buffer.byteLength(text);
      entries++;
      await write(text);
      if (bytes >= TARGET_BYTES) break;
    }
  }
  await write("]}}");
  out.end();
  await once(out, "finish");
  return { bytes: statSync(path).size, entries };
}

/** Runs the built CLI on the file; peak RSS from the process's own getrusage at exit (maxRSS, KiB). */
async function measure(
  path: string,
  format: string[],
): Promise<{ peakMb: number; seconds: number; exit: number; out: number }> {
  const hook = `data:text/javascript,process.on("exit",()=>process.stderr.write("maxRSS="+process.resourceUsage().maxRSS+"\\n"))`;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", hook, CLI, "har", path, ...format], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = 0;
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.length));
  child.stderr.on("data", (d: Buffer) => (err += String(d)));
  const [exit] = (await once(child, "exit")) as [number];
  const kib = Number(/maxRSS=(\d+)/.exec(err)?.[1]);
  if (!Number.isFinite(kib)) throw new Error(`no maxRSS from the CLI: ${err}`);
  return { peakMb: kib / 1024, seconds: (performance.now() - started) / 1000, exit, out };
}

const dir = join(tmpdir(), `cors-lens-har-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });
const rows: string[] = [];
let over = false;
try {
  for (const [shape, body] of [
    ["DevTools entries with 64 KiB bodies", 64 * 1024],
    ["DevTools entries, no bodies (many small entries)", 0],
  ] as const) {
    const file = join(dir, `${body}.har`);
    const { bytes, entries } = await generate(file, body);
    for (const format of [[], ["--json"], ["--md"]]) {
      const m = await measure(file, format);
      over ||= m.peakMb >= BUDGET_MB;
      const row = `| ${shape} | ${(bytes / 1024 / 1024).toFixed(0)} MB, ${entries.toLocaleString("en")} entries | ${format[0] ?? "text"} | ${m.peakMb.toFixed(0)} MB | ${m.seconds.toFixed(1)} s | ${m.exit} | ${(m.out / 1024 / 1024).toFixed(1)} MB |`;
      console.log(row);
      rows.push(row);
    }
    rmSync(file);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

mkdirSync(resolve(ROOT, "bench/results"), { recursive: true });
writeFileSync(
  OUT,
  [
    "# cors-lens har on a 200 MB HAR",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} by bench/har.bench.ts on this machine (Node ${process.versions.node}): peak RSS is the CLI process's own maxRSS (getrusage) at exit; budget ${BUDGET_MB} MB.`,
    "",
    "| file | size | output | peak RSS | time | exit | output size |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n"),
);
console.log(over ? `over the ${BUDGET_MB} MB budget` : `all under ${BUDGET_MB} MB`);
process.exitCode = over ? 1 : 0;
