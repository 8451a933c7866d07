// Joins the benchmark reports into bench/results/README.md and refreshes the generated part of the README's
// performance section with them, so the README always quotes the latest run.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";

const START = "<!-- bench:start (written by bench/report.ts from bench/results/) -->";
const END = "<!-- bench:end -->";

const reports = ["overhead", "memory", "panel", "engine"]
  .map((name) => new URL(`./results/${name}.md`, import.meta.url))
  .filter((url) => existsSync(url))
  .map((url) => readFileSync(url, "utf8").trim());
const made = new Date().toISOString();

const joined = `# CORS Lens benchmarks\n\nMade by \`npm run bench\` on ${made}.\n\n${reports
  .map((r) => r.replace(/^# /, "## "))
  .join("\n\n")}\n`;
writeFileSync(new URL("./results/README.md", import.meta.url), joined);
console.log("wrote bench/results/README.md");

/** In the README, each report's title becomes a bold line and its sections smaller headings. */
const quoted = reports.map((r) => r.replace(/^# (.*)$/m, "**$1**").replace(/^## (.*)$/gm, "_$1_")).join("\n\n");
const readmeUrl = new URL("../README.md", import.meta.url);
const readme = readFileSync(readmeUrl, "utf8");
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) {
  console.log("README.md has no bench markers: left as it is");
} else {
  const block = `${START}\n\nLatest run: ${made.slice(0, 10)}.\n\n${quoted}\n\n${END}`;
  const next = readme.slice(0, from) + block + readme.slice(to + END.length);
  const options = (await resolveConfig(readmeUrl.pathname)) ?? {};
  writeFileSync(readmeUrl, await format(next, { ...options, filepath: readmeUrl.pathname }));
  console.log("refreshed the README's performance figures");
}
