// `cors-lens audit`: runs the active audit against one URL and prints the findings as text or a cors-lens/audit@1 document.

import { runAudit, type AuditFinding, type AuditResult } from "../audit/active";
import type { AuditOptions } from "./args";
import type { CliIo } from "./io";
import { style, type Style } from "./render";

/** Contract 5 of DESIGN.md for audit: scripts and CI steps rely on these numbers. */
export const AUDIT_EXIT = { clean: 0, findings: 1, usage: 2, unreachable: 3 } as const;

export async function auditCommand(options: AuditOptions, io: CliIo, userAgent: string): Promise<number> {
  const result = await runAudit({
    url: options.url,
    trustedOrigin: options.trustedOrigin,
    timeoutMs: options.timeoutMs,
    userAgent,
  });
  if (options.json) {
    io.out(JSON.stringify(result.document, null, 2) + "\n");
    if (result.unreachable) io.err(`cors-lens: ${result.unreachable.message}\n`);
  } else {
    io.out(renderAudit(result, style(io.color)));
  }
  // Findings are real even when some probes went unanswered; "none found" needs every answer.
  if (result.document.findings.length > 0) return AUDIT_EXIT.findings;
  return result.unreachable ? AUDIT_EXIT.unreachable : AUDIT_EXIT.clean;
}

const SEVERITY_WIDTH = 6;

function severityLabel(f: AuditFinding, s: Style): string {
  const label = f.severity.toUpperCase().padEnd(SEVERITY_WIDTH);
  return f.severity === "high" ? s.red(s.bold(label)) : f.severity === "medium" ? s.yellow(label) : s.dim(label);
}

export function renderAudit({ document: doc, baseline, unreachable }: AuditResult, s: Style): string {
  const out: string[] = [];
  const context = `  trusted origin ${doc.trustedOrigin} · ${doc.probes} Origins probed`;
  if (baseline === null && unreachable) {
    out.push(s.red(s.bold(`✖ unreachable: ${unreachable.message}`)), `  ${doc.url}`, context);
    return out.join("\n") + "\n";
  }
  const n = doc.findings.length;
  if (n > 0) out.push(s.red(s.bold(`✖ ${n} risky CORS ${n === 1 ? "policy" : "policies"} at ${doc.url}`)));
  else if (unreachable) out.push(s.yellow(s.bold(`! nothing found so far at ${doc.url}, but the audit is incomplete`)));
  else out.push(s.green(s.bold(`✔ no risky CORS policy found at ${doc.url}`)));
  out.push(context);

  const indent = " ".repeat(SEVERITY_WIDTH + 3);
  for (const f of doc.findings) {
    const pna = f.kind === "private-network-access" ? ", Access-Control-Allow-Private-Network: true" : "";
    const back = `Access-Control-Allow-Origin: ${f.allowOrigin || "(absent)"}${f.allowCredentials ? ", Access-Control-Allow-Credentials: true" : ""}${pna}`;
    out.push(
      "",
      `  ${severityLabel(f, s)} ${s.bold(f.kind)}  Origin: ${f.probeOrigin} → ${back}${f.via === "OPTIONS" ? " (preflight)" : ""}`,
    );
    out.push(`${indent}${f.summary}`, `${indent}${s.green("Fix:")} ${f.fix}`);
  }

  if (baseline && n === 0) {
    out.push("");
    if (baseline.allowOrigin === null) {
      out.push(
        `  ${s.dim("Note:")} not even the trusted origin got an Access-Control-Allow-Origin; if this URL serves other sites, pass --origin with one of them so the tricks are built around an origin it trusts.`,
      );
    } else {
      out.push(
        `  ${s.dim("Trusted origin answered:")} Access-Control-Allow-Origin: ${baseline.allowOrigin}${baseline.allowCredentials ? ", Access-Control-Allow-Credentials: true" : ""}`,
      );
    }
  }
  if (unreachable && doc.unanswered.length > 0) {
    out.push(
      "",
      `  ${s.yellow(`${doc.unanswered.length} of ${doc.probes} probes got no answer`)} (${unreachable.message}): ${doc.unanswered.join(" ")}`,
    );
  }
  return out.join("\n") + "\n";
}
