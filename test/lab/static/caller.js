// Shared by the lab page, its frames and workers: the Local Network Access permission state a caller sees, and the
// fetch a frame or worker makes when a message asks for it (answered with the outcome and that state).
"use strict";

/** navigator.permissions' state of "loopback-network" here; null where the browser has no such permission. */
function permissionState() {
  if (!self.navigator.permissions) return Promise.resolve(null);
  return self.navigator.permissions.query({ name: "loopback-network" }).then(
    (s) => s.state,
    () => null,
  );
}

async function call(data) {
  const permission = await permissionState();
  try {
    const res = await fetch(data.url, data.init || {});
    return { id: data.id, ok: true, status: res.status, permission };
  } catch (err) {
    return { id: data.id, ok: false, error: String(err), permission };
  }
}
