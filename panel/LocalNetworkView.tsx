// Why Local Network Access blocked a call: both address spaces and how each was found, the permission, what else counted.

import type { LocalNetworkFacts } from "../src/diagnose/local-network";

const STATE: Record<LocalNetworkFacts["permissionState"], string> = {
  granted: "granted",
  denied: "denied (by the user, a policy, or a prompt the browser answered itself)",
  prompt: "not granted yet (the prompt was not answered, or never shown)",
  unknown: "not known (no page hook where the call was made, e.g. a worker)",
};

const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? "not known" : v ? yes : no);

export function LocalNetworkView({ facts: f }: { facts: LocalNetworkFacts }) {
  const rows: [string, preact.ComponentChildren][] = [
    [
      "Page",
      <>
        <b>{f.initiatorSpace}</b> address space — {f.initiatorSpaceFrom}
      </>,
    ],
    [
      "Server",
      <>
        <b>{f.targetSpace}</b> address space — {f.targetSpaceFrom}
      </>,
    ],
    [
      "Permission",
      f.permission ? (
        <>
          <code>{f.permission}</code>: {STATE[f.permissionState]}
        </>
      ) : (
        "not known (the server's address space is not known)"
      ),
    ],
    ["Secure context", yesNo(f.secureContext, "yes (https: or a trustworthy origin)", "no: an http: page")],
  ];
  if (f.targetAddressSpace) rows.push(["targetAddressSpace", <code key="tas">{f.targetAddressSpace}</code>]);
  if (f.policyAllows !== null) {
    rows.push([
      "Frame policy",
      f.policyAllows
        ? `allows ${f.permission}`
        : `does not allow ${f.permission} (the frame was embedded without allow=)`,
    ]);
  }
  rows.push(["CORS headers", "not reached: Chrome stopped the call before reading any response"]);
  if (f.privateNetworkAccess) {
    rows.push([
      "Private Network Access",
      `the call carried the old PNA headers${f.privateNetworkAccess.allowHeader ? ` (Access-Control-Allow-Private-Network: ${f.privateNetworkAccess.allowHeader})` : ""}; Chrome 142+ ignores them`,
    ]);
  }
  rows.push(["How CORS Lens knows", f.evidence]);
  return (
    <section aria-label="Local Network Access">
      <h3>Local Network Access</h3>
      <table class="why lna">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
