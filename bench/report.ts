// Joins the benchmark reports into bench/results/README.md and refreshes the generated part of the performance
// section of docs/capture-and-performance.md with them, so that page always quotes the latest run.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";

const START = "<!-- bench:start (written by bench/report.ts from bench/results/) -->";
const END = "<!-- bench:end -->";

const reports = ["overhead", "overhead-profile", "memory", "panel", "engine"]
  .map((name) => new URL(`./results/${name}.md`, import.meta.url))
  .filter((url) => existsSync(url))
  .map((url) => readFileSync(url, "utf8").trim());
const made = new Date().toISOString();

const joined = `# CORS Lens benchmarks\n\nMade by \`npm run bench\` on ${made}.\n\n${reports
  .map((r) => r.replace(/^# /, "## "))
  .join("\n\n")}\n`;
writeFileSync(new URL("./results/README.md", import.meta.url), joined);
console.log("wrote bench/results/README.md");

/** On the performance page, each report's title becomes a bold line and its sections smaller headings. */
const quoted = reports.map((r) => r.replace(/^# (.*)$/m, "**$1**").replace(/^## (.*)$/gm, "_$1_")).join("\n\n");
const pageUrl = new URL("../docs/capture-and-performance.md", import.meta.url);
const page = readFileSync(pageUrl, "utf8");
const from = page.indexOf(START);
const to = page.indexOf(END);
if (from < 0 || to < from) {
  console.log("docs/capture-and-performance.md has no bench markers: left as it is");
} else {
  const block = `${START}\n\nLatest run: ${made.slice(0, 10)}.\n\n${quoted}\n\n${END}`;
  const next = page.slice(0, from) + block + page.slice(to + END.length);
  const options = (await resolveConfig(pageUrl.pathname)) ?? {};
  writeFileSync(pageUrl, await format(next, { ...options, filepath: pageUrl.pathname }));
  console.log("refreshed the performance figures in docs/capture-and-performance.md");
}
