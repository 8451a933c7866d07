// The export document (cors-lens/export@1, ../shared/export-schema.json) as TypeScript types.

import type { PreflightMatch } from "../capture/exchange";
import type { Header } from "../cors/headers";
import type { Note } from "../diagnose/diagnosis";
import type { LocalNetworkFacts } from "../diagnose/local-network";
import type { PreflightReason } from "../diagnose/preflight-reasons";
import type { PreflightSummary } from "./preflight-summary";

export const EXPORT_SCHEMA_ID = "cors-lens/export@1";

export interface ExportStep {
  url: string;
  method: string;
  sent: boolean;
  statusCode: number | null;
  requestHeaders: Header[] | null;
  responseHeaders: Header[] | null;
  startedAt: string;
  durationMs: number | null;
  /** Beyond the contract, preflights only: what paired it with its request (docs/pairing.md). */
  matchedBy?: PreflightMatch;
  /** Beyond the contract, preflights only: what made the call need it (docs/preflights.md). */
  reasons?: PreflightReason[];
}

export interface ExportDiagnosis {
  code: string | null;
  failedParameter: string;
  disallowed: string[];
  stage: "preflight" | "actual" | "redirect" | null;
  header: string | null;
  summary: string;
  cause: Note | null;
  warnings: Note[];
  assumptions: string[];
  callSite: { url: string; line: number; column: number } | null;
  firefoxReason: string | null;
  /** Beyond the contract: the header's value and the value it needed. */
  received: string | null;
  expected: string | null;
  credentials: string;
  origin: string;
  /** Beyond the contract: what Local Network Access decided, when it decided the call. */
  localNetwork?: LocalNetworkFacts;
}

export interface ExportRequest {
  id: string;
  url: string;
  method: string;
  type: string;
  initiator: string | null;
  startedAt: string;
  outcome: "blocked" | "allowed" | "network-error";
  statusCode: number | null;
  diagnosis: ExportDiagnosis;
  preflight: ExportStep | null;
  actual: ExportStep | null;
  redirects: ExportStep[];
  /** Preflights sent for later hops of a redirected call (beyond the contract). */
  redirectPreflights?: ExportStep[];
  /** curl commands and the `cors-lens check` line that replay the call from a terminal. */
  reproduce: { curl: string[]; check: string };
  /** The server change for the chosen stack; null when CORS did not block the call or no stack was chosen. */
  fix: { stack: string; snippet: string; notes: string[] } | null;
}

export interface ExportDocument {
  schema: typeof EXPORT_SCHEMA_ID;
  exportedAt: string;
  extensionVersion: string;
  browser: {
    name: "chrome" | "firefox" | "cli";
    /** As the user agent gives it: Chrome's is reduced to 156.0.0.0. */
    version: string;
    userAgent?: string;
    /** Beyond the contract: the full version (156.0.8078.129), from navigator.userAgentData's high-entropy values. */
    fullVersion?: string;
  };
  page: { url: string; origin: string } | null;
  redacted: boolean;
  requests: ExportRequest[];
  /** Beyond the contract: the exported calls' preflights, their cost and cache times (docs/preflights.md). */
  preflightSummary?: PreflightSummary;
}
