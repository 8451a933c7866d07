// Why Local Network Access blocked a call: both address spaces and how each was found, the permission, what else counted.

import type { LocalNetworkFacts } from "../src/diagnose/local-network";
import { localNetworkRows } from "../src/report/local-network-rows";

export function LocalNetworkView({ facts }: { facts: LocalNetworkFacts }) {
  return (
    <section aria-label="Local Network Access">
      <h3>Local Network Access</h3>
      <table class="why lna">
        <tbody>
          {localNetworkRows(facts).map(({ label, text }) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
