// Joins the benchmark reports into bench/results/README.md, the file the README's performance section quotes.

import { existsSync, readFileSync, writeFileSync } from "node:fs";

const parts = ["overhead", "memory", "panel", "engine"]
  .map((name) => new URL(`./results/${name}.md`, import.meta.url))
  .filter((url) => existsSync(url))
  .map((url) => readFileSync(url, "utf8").replace(/^# /, "## "));
const text = `# CORS Lens benchmarks\n\nMade by \`npm run bench\` on ${new Date().toISOString()}.\n\n${parts.join("\n")}`;
writeFileSync(new URL("./results/README.md", import.meta.url), text);
console.log("wrote bench/results/README.md");
