// The Local Network Access facts of a diagnosis as labelled lines, the same in the panel, the console and Markdown.

import type { LocalNetworkFacts } from "../diagnose/local-network";

const STATE: Record<LocalNetworkFacts["permissionState"], string> = {
  granted: "granted",
  denied: "denied (by the user, a policy, or a prompt the browser answered itself)",
  prompt: "not granted yet (the prompt was not answered, or never shown)",
  unknown: "not known (no page hook where the call was made, e.g. a worker)",
};

export interface FactRow {
  label: string;
  text: string;
}

export function localNetworkRows(f: LocalNetworkFacts): FactRow[] {
  const rows: FactRow[] = [
    { label: "Page", text: `${f.initiatorSpace} address space — ${f.initiatorSpaceFrom}` },
    { label: "Server", text: `${f.targetSpace} address space — ${f.targetSpaceFrom}` },
    {
      label: "Permission",
      text: f.permission
        ? `${f.permission}: ${STATE[f.permissionState]}`
        : "not known (the server's address space is not known)",
    },
    {
      label: "Secure context",
      text: f.secureContext === null ? "not known" : f.secureContext ? "yes" : "no: an http: page",
    },
  ];
  if (f.targetAddressSpace) rows.push({ label: "targetAddressSpace", text: f.targetAddressSpace });
  if (f.policyAllows !== null) {
    rows.push({
      label: "Frame policy",
      text: f.policyAllows
        ? `allows ${f.permission}`
        : `does not allow ${f.permission} (the frame was embedded without allow=)`,
    });
  }
  rows.push({ label: "CORS headers", text: "not reached: Chrome stopped the call before reading any response" });
  if (f.privateNetworkAccess) {
    const allow = f.privateNetworkAccess.allowHeader;
    rows.push({
      label: "Private Network Access",
      text: `the call carried the old PNA headers${allow ? ` (Access-Control-Allow-Private-Network: ${allow})` : ""}; Chrome 142+ ignores them`,
    });
  }
  rows.push({ label: "How CORS Lens knows", text: f.evidence });
  return rows;
}
