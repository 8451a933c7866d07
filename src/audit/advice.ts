// What the passive warnings and the active audit say about the risks they share: one fix sentence per risk.

import type { Note } from "../diagnose/diagnosis";

export type Severity = Note["severity"];

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3 };

/** Orders severities so reports can put the worst first and keep the worst of duplicates. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/**
 * The fixes for risks both audits can see: a captured response shows them passively, a crafted Origin actively,
 * and the developer must read the same advice either way.
 */
export const SHARED_FIX = {
  nullOrigin:
    "Remove null from the allowed origins and name the real ones (for a redirect that taints the Origin, avoid the cross-origin hop or answer * for public data only).",
  insecureOrigin: "Allow only https:// origins (and serve the site with HSTS so its http:// twin never loads).",
  privateNetworkAccess:
    "Access-Control-Allow-Private-Network: true answers Private Network Access, which Chrome 142+ replaced with the user's Local Network Access permission: the header is neither needed nor sufficient, and pages calling this server must ask for that permission instead. Keep the CORS headers (Access-Control-Allow-Origin and the preflight answer); the Private-Network one can go.",
} as const;

/**
 * Secure Contexts' "potentially trustworthy" hosts: an http:// origin on them cannot be tampered with on the network,
 * so trusting it from an https API is a development setup, not a hole.
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname === "[::1]"
  );
}
