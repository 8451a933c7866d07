// The human-readable report of one check: verdict, the header at fault, causes, evidence, and the fix.

import type { Step } from "../capture/exchange";
import { CATALOGUE } from "../cors/codes";
import { chromeSays } from "../diagnose/local-network";
import { headerValue, type Header } from "../cors/headers";
import type { CallRecord } from "../store/call-record";
import type { Fix } from "../fixes/index";
import type { NetFailure } from "../net/http";
import type { CheckLocalNetwork } from "./local-network";
import { preflightLines } from "./preflight-lines";

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain = (s: string): string => s;

/** ANSI styles, or none: NO_COLOR and pipes get plain text. */
export function style(color: boolean): Style {
  return color
    ? { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) }
    : { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };
}

/** Response headers worth showing as evidence: the CORS ones and those that explain a deeper cause. */
const EVIDENCE = /^(access-control-|location$|vary$|www-authenticate$)/i;

export function renderReport(
  { exchange, diagnosis: d }: CallRecord,
  unreachable: NetFailure | null,
  fix: Fix | null,
  s: Style,
  localNetwork: CheckLocalNetwork | null = null,
): string {
  const out: string[] = [];
  const credentials = d.credentials === "include" ? "credentials: include" : "no credentials";
  const call = `  ${exchange.method} ${exchange.url} from ${exchange.initiator ?? "null"} (${credentials})`;
  if (d.outcome === "allowed") {
    out.push(s.green(s.bold("✔ allowed")), call, "", `  ${d.summary}`);
  } else if (d.outcome === "blocked" && d.code) {
    out.push(s.red(s.bold(`✖ blocked: ${d.code}`)), call, "", `  ${d.summary}`);
    if (d.header) {
      out.push("");
      out.push(`  ${s.dim("header   ")} ${d.header}`);
      out.push(`  ${s.dim("received ")} ${d.received === null ? s.red("(absent)") : s.red(d.received)}`);
      if (d.expected) out.push(`  ${s.dim("needed   ")} ${s.green(d.expected)}`);
      if (d.disallowed.length > 1) out.push(`  ${s.dim("refused  ")} ${d.disallowed.join(", ")}`);
    }
    out.push("", `  ${s.dim("Chrome says:")} ${chromeSays({ ...d, code: d.code })}`);
    out.push(`  ${s.dim("About it:   ")} ${CATALOGUE[d.code].mdn}`);
  } else {
    const what = unreachable
      ? `✖ unreachable: ${unreachable.message}`
      : `✖ failed: ${exchange.error ?? "network error"}`;
    out.push(s.red(s.bold(what)), call, "", `  ${d.summary}`);
  }
  if (localNetwork) out.push("", `  ${s.yellow("Local Network Access:")} ${localNetwork.warning}`);
  if (d.cause && d.outcome !== "network-error") out.push("", `  ${s.yellow("Cause:")} ${d.cause.summary}`);
  for (const w of d.warnings) out.push("", `  ${s.yellow("Warning:")} ${w.summary}`);
  for (const a of d.assumptions) out.push("", `  ${s.dim("Assumed:")} ${a}`);

  out.push("", s.bold("Evidence"));
  for (const [i, hop] of exchange.hops.entries()) {
    if (hop.preflight) out.push(...renderStep("preflight", hop.preflight, d.header, s));
    const label = i === exchange.hops.length - 1 ? "request" : "redirect";
    out.push(...renderStep(label, hop.request, d.header, s));
  }
  out.push(...preflightLines({ exchange, diagnosis: d }, s));

  if (fix) {
    out.push("", s.bold(`Fix: ${fix.title}`), "");
    out.push(
      ...fix.snippet
        .trimEnd()
        .split("\n")
        .map((line) => (line ? `    ${line}` : "")),
    );
    if (fix.notes.length > 0) out.push("", ...fix.notes.map((note) => `  - ${note}`));
  } else if (d.outcome === "blocked") {
    out.push("", s.dim("Add --stack NAME (express, nginx, django, …) for the change to make on the server."));
  }
  return out.join("\n") + "\n";
}

function renderStep(label: string, step: Step, faultHeader: string | null, s: Style): string[] {
  const head = `  ${s.bold(label.padEnd(9))} ${step.method} ${step.url}`;
  if (!step.sent) {
    return [
      `${head}  ${s.dim(`→ not sent${step.error === "net::ERR_FAILED" ? " (the browser stops before it)" : ""}`)}`,
    ];
  }
  if (step.statusCode === null) return [`${head}  ${s.red(`→ ${step.error ?? "no answer"}`)}`];
  const lines = [`${head}  → ${step.statusCode}`];
  for (const name of ["Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"]) {
    const v = headerValue(step.requestHeaders, name);
    if (v !== null) lines.push(`      ${s.dim(`> ${name}: ${v}`)}`);
  }
  const shown: Header[] = (step.responseHeaders ?? []).filter((h) => EVIDENCE.test(h.name));
  const isFault = (name: string): boolean => faultHeader !== null && name.toLowerCase() === faultHeader.toLowerCase();
  for (const h of shown) {
    const line = `< ${h.name}: ${h.value}`;
    lines.push(`      ${isFault(h.name) ? s.red(line) : line}`);
  }
  if (!shown.some((h) => /^access-control-allow-origin$/i.test(h.name))) {
    lines.push(`      ${s.dim("< (no Access-Control-Allow-Origin)")}`);
  }
  return lines;
}
