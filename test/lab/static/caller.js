// Shared by the lab page, its frames and workers: make the fetch a message asks for, answer with the outcome and the
// Local Network Access permission state the caller saw just before (null where the browser has no such permission).
"use strict";

async function call(data) {
  const permission = await (self.navigator.permissions
    ? self.navigator.permissions.query({ name: "loopback-network" }).then(
        (s) => s.state,
        () => null,
      )
    : null);
  try {
    const res = await fetch(data.url, data.init || {});
    return { id: data.id, ok: true, status: res.status, permission };
  } catch (err) {
    return { id: data.id, ok: false, error: String(err), permission };
  }
}
