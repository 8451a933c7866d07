// The fix for a call Local Network Access blocked: a change to the page (no server header fixes it), and what the device must still send.

import type { LocalNetworkCode, LocalNetworkFacts } from "../diagnose/local-network";
import type { CallRecord } from "../store/call-record";
import { comment, lines, q } from "./render";
import { headerPlan, type Requirements } from "./requirements";
import type { Fix, StackId } from "./types";

/** The space to declare in fetch()'s targetAddressSpace: the target's real one ("local" when it is not known). */
function spaceToDeclare(f: LocalNetworkFacts): "local" | "loopback" {
  return f.targetSpace === "loopback" ? "loopback" : "local";
}

/** The fetch() options the call needs: the declared space, plus what the page already passed that matters to CORS. */
function fetchOptions(req: Requirements, f: LocalNetworkFacts): string {
  const parts = [`targetAddressSpace: ${q(spaceToDeclare(f))}`];
  if (req.method !== "GET") parts.unshift(`method: ${q(req.method)}`);
  if (req.credentials) parts.push(`credentials: "include"`);
  const more = req.headers.length > 0 || req.method !== "GET" ? " /* and the call's headers and body */" : "";
  return `{ ${parts.join(", ")}${more} }`;
}

function insecureSnippet(req: Requirements, f: LocalNetworkFacts): string {
  const page = req.pageOrigin ?? "the page";
  return lines(
    comment(
      "// ",
      `${page} is not a secure context: Chrome 142+ refuses every call from an http: page into the ${f.targetSpace} address space, without asking the user. Serve the page over HTTPS; Chrome then asks for the "${f.permission ?? "local-network"}" permission instead.`,
    ),
    "if (!window.isSecureContext) {",
    `  location.replace(location.href.replace(/^http:/, "https:")); // better: redirect (and HSTS) on the server of ${page}`,
    "}",
    "",
    comment(
      "// ",
      `Once on HTTPS, a call to an http:// device passes mixed-content blocking only when Chrome knows beforehand that the target is local: a private IP literal, a .local name, or targetAddressSpace.`,
    ),
    `await fetch(${q(req.url)}, ${fetchOptions(req, f)});`,
    "",
  );
}

function invalidSnippet(req: Requirements, f: LocalNetworkFacts): string {
  return lines(
    comment(
      "// ",
      `The page declared targetAddressSpace: ${q(f.targetAddressSpace ?? "?")}, but ${req.serverOrigin} is in the ${f.targetSpace} address space, and Chrome refuses a declaration that does not match. Declare the real space (localhost, 127.x and [::1] are "loopback"; 10.x, 172.16-31.x, 192.168.x and .local names are "local"), or leave the option out.`,
    ),
    `await fetch(${q(req.url)}, ${fetchOptions(req, f)});`,
    "",
  );
}

function permissionSnippet(req: Requirements, f: LocalNetworkFacts): string {
  const permission = f.permission ?? "local-network";
  const state =
    f.permissionState === "unknown"
      ? ""
      : ` When the call was made its state was "${f.permissionState}"${f.permissionState === "denied" ? ": only the user (site settings) or a policy can change that" : ""}.`;
  const frame =
    f.policyAllows === false
      ? lines(
          "",
          comment(
            "// ",
            `The calling frame may not use "${permission}" (its Permissions-Policy): a cross-origin iframe can ask only when its parent delegates the permission. In the embedding page:`,
          ),
          `// <iframe src="…" allow="local-network; loopback-network"></iframe>`,
        )
      : null;
  return lines(
    comment(
      "// ",
      `Chrome 142+ lets a page reach the ${f.targetSpace} address space only with the user's "${permission}" permission.${state} Check it first, explain why the page needs it, and make the first call from a click so Chrome can show its prompt.`,
    ),
    `const { state } = await navigator.permissions.query({ name: ${q(permission)} });`,
    `if (state === "denied") {`,
    `  // Tell the user to allow "${permission}" for this site in the browser's site settings.`,
    "} else {",
    `  button.addEventListener("click", async () => {`,
    `    const response = await fetch(${q(req.url)}, ${fetchOptions(req, f)});`,
    "  });",
    "}",
    frame,
    "",
  );
}

const SNIPPETS: Record<LocalNetworkCode, (req: Requirements, f: LocalNetworkFacts) => string> = {
  InsecureLocalNetwork: insecureSnippet,
  InvalidLocalNetworkAccess: invalidSnippet,
  LocalNetworkAccessPermissionDenied: permissionSnippet,
};

/** What the device or companion server must still answer once Chrome lets the call through. */
function deviceNote(req: Requirements): string {
  const plan = headerPlan(req);
  const headers = (req.preflight ? plan.preflight : plan.actual)
    .filter(([name]) => name !== "Vary")
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
  const preflight = req.preflight ? `, and answer its OPTIONS preflight with a 2xx` : "";
  return `The device or companion server (${req.serverOrigin}) still answers CORS as for any cross-origin call once Chrome lets the call through: it must send ${headers}${preflight}. These headers do not unblock Local Network Access by themselves.`;
}

function pnaNote(f: LocalNetworkFacts): string | null {
  const pna = f.privateNetworkAccess;
  if (!pna) return null;
  const seen = [
    pna.requested ? "Access-Control-Request-Private-Network" : null,
    pna.allowHeader !== null ? `Access-Control-Allow-Private-Network: ${pna.allowHeader}` : null,
  ]
    .filter(Boolean)
    .join(" and ");
  return `This call carried the deprecated Private Network Access headers (${seen}). Chrome 142+ replaced Private Network Access with the Local Network Access permission: the server's Access-Control-Allow-Private-Network is neither needed nor sufficient (harmless to keep, useless to add). Keep the CORS headers.`;
}

/** The page-side fix for a call Local Network Access blocked: the same for every stack. */
export function localNetworkFix(
  record: CallRecord,
  req: Requirements,
  code: LocalNetworkCode,
  stack: { id: StackId; label: string },
): Fix {
  const d = record.diagnosis;
  const f = d.localNetwork;
  if (!f) throw new Error(`a ${code} diagnosis without its localNetwork facts`);
  const notes = [
    `No server header fixes ${code}: Chrome stops the call before reading any response, so the change belongs to whoever owns ${req.pageOrigin ?? "the page"}.`,
    deviceNote(req),
    pnaNote(f),
    code === "LocalNetworkAccessPermissionDenied" && f.policyAllows !== false
      ? `A cross-origin iframe needs allow="local-network; loopback-network" from its parent to ask; a worker cannot ask, so get the permission granted from a page first.`
      : null,
    `Managed fleets: the enterprise policy LocalNetworkAccessAllowedForUrls (Chrome 139+; per space from Chrome 146: LocalNetworkAllowedForUrls, LoopbackNetworkAllowedForUrls) lets listed origins through without asking.`,
    ...d.warnings.map((w) => w.summary),
  ].filter((n): n is string => n !== null);
  return {
    stack: stack.id,
    title: `No server header fixes this, whatever the server runs: change the page (Local Network Access)`,
    snippet: SNIPPETS[code](req, f),
    language: "js",
    notes,
  };
}
