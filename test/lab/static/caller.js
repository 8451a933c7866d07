// Shared by the capture-test frames and workers: make the fetch a message asks for, answer with the outcome.
"use strict";

async function call(data) {
  try {
    const res = await fetch(data.url, data.init || {});
    return { id: data.id, ok: true, status: res.status };
  } catch (err) {
    return { id: data.id, ok: false, error: String(err) };
  }
}
