// The Diagnosis type: Chrome's verdict for one call plus what a developer needs to act on it.

import type { CredentialsMode } from "../cors/check";
import type { CorsErrorName } from "../cors/codes";
import type { FirefoxVerdict } from "./firefox";
import type { LocalNetworkFacts } from "./local-network";
import type { Stage } from "./verdict";

export interface Note {
  /** A stable identifier, e.g. error-status-without-cors-headers. */
  kind: string;
  severity: "info" | "low" | "medium" | "high";
  summary: string;
}

export type Outcome = "blocked" | "allowed" | "network-error";

export interface Diagnosis {
  outcome: Outcome;
  /** Chrome's CorsError name; null when CORS allowed the call (or it failed for another reason). */
  code: CorsErrorName | null;
  /** As Chrome reports it; "" when Chrome gives none. */
  failedParameter: string;
  /** Every request header (lower-case) or method the preflight refused. */
  disallowed: string[];
  stage: Stage | null;
  /** The response header at fault. */
  header: string | null;
  /** What that header held (null when absent) and what it needed. */
  received: string | null;
  expected: string | null;
  summary: string;
  cause: Note | null;
  warnings: Note[];
  assumptions: string[];
  /** The Origin the call sent ("null" after a tainting redirect). */
  origin: string;
  credentials: CredentialsMode | "unknown";
  /** Index of the hop that decided the verdict. */
  hopIndex: number;
  /** Status of the step that decided the outcome; null when none was received. */
  statusCode: number | null;
  /** Firefox's reason, message and MDN page for a blocked call, when diagnosed in Firefox mode. */
  firefox?: FirefoxVerdict;
  /** What Local Network Access decided (the address spaces, the permission), when it was involved. */
  localNetwork?: LocalNetworkFacts;
}
