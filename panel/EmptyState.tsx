// What the panel says when there is nothing to list: it teaches what CORS Lens watches and what to do next.

import type { Counts, View } from "./filter";

interface Props {
  ready: boolean;
  counts: Counts;
  view: View;
  query: string;
  onView: (v: View) => void;
  noAccess: { origin: string; onGrant: () => void } | null;
}

export function EmptyState({ ready, counts, view, query, onView, noAccess }: Props) {
  const total = counts.blocked + counts.allowed + counts.failed;
  let body;
  if (!ready) body = <p>Connecting…</p>;
  else if (noAccess) {
    body = (
      <>
        <h2>CORS Lens can't see this site's requests</h2>
        <p>
          Site access for CORS Lens does not include <code>{noAccess.origin}</code>, so Chrome does not show it the
          calls this page makes.
        </p>
        <button type="button" class="primary" onClick={noAccess.onGrant}>
          Allow access to {noAccess.origin}
        </button>
      </>
    );
  } else if (total === 0) {
    body = (
      <>
        <h2>No cross-origin calls yet</h2>
        <p>
          CORS Lens is watching this tab. When the page calls another origin — <code>fetch</code>,{" "}
          <code>XMLHttpRequest</code>, fonts, module scripts — the call appears here. When the browser blocks one, CORS
          Lens says which response header caused it, what it held, what it needed, and the change to make on the server.
        </p>
        <p class="muted">
          Calls made before DevTools opened are not seen unless "Capture in the background" is on (⚙).
        </p>
      </>
    );
  } else if (query) {
    body = (
      <p>
        No calls match <code>{query}</code>
        {view !== "all" ? " in this view" : ""}.
      </p>
    );
  } else if (view === "blocked") {
    body = (
      <>
        <h2>Every cross-origin call passed CORS</h2>
        <p>
          {counts.allowed} call{counts.allowed === 1 ? "" : "s"} to other origins went through
          {counts.failed ? `, and ${counts.failed} failed for reasons that are not CORS` : ""}.{" "}
          <button type="button" class="link" onClick={() => onView("all")}>
            Show all cross-origin calls
          </button>
        </p>
      </>
    );
  } else {
    body = <p>Nothing in this view.</p>;
  }
  return (
    <main class="empty" aria-live="polite">
      {body}
    </main>
  );
}
