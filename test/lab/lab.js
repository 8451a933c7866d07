// The CORS lab page script: loads /scenarios.json, wires the buttons, and makes each scenario's fetch.
"use strict";

const lab = fetch("/scenarios.json").then((res) => res.json());

function show(scenario, result) {
  const output = document.querySelector(`[data-result="${scenario.id}"]`);
  const row = document.querySelector(`[data-row="${scenario.id}"]`);
  if (!output || !row) return;
  output.textContent = result.ok ? `allowed (status ${result.status})` : `blocked: ${result.error}`;
  output.className = `result ${result.ok ? "allowed" : "blocked"}`;
  row.dataset.match = result.ok === (scenario.expect.code === null) ? "yes" : "no";
}

/** Calls fetch from this script (the calling line CORS Lens names), with the permission state seen just before. */
async function callHere(url, init) {
  const permission = await permissionState();
  try {
    const res = await fetch(url, init);
    return { ok: true, status: res.status, permission };
  } catch (err) {
    return { ok: false, error: String(err), permission };
  }
}

/** Sends a call to a frame or worker running static/caller.js and waits for its answer. */
let nextCall = 0;
function callThrough(answers, send) {
  return (url, init) =>
    new Promise((resolve) => {
      const id = `call-${++nextCall}`;
      const onMessage = (e) => {
        if (!e.data || e.data.id !== id) return;
        answers.removeEventListener("message", onMessage);
        resolve(e.data);
      };
      answers.addEventListener("message", onMessage);
      send({ id, url, init });
    });
}

let worker = null;
let frame = null;

/** Where a Local Network Access scenario calls from: this page, its dedicated worker, or a cross-origin frame. */
async function callerFor(scenario, data) {
  const from = scenario.lna && scenario.lna.from;
  if (from === "worker") {
    worker = worker || new Worker("/static/dedicated-worker.js");
    return callThrough(worker, (m) => worker.postMessage(m));
  }
  if (from === "frame") {
    // Embedded without allow="local-network; loopback-network": its Permissions-Policy does not allow the call.
    frame =
      frame ||
      (await new Promise((resolve) => {
        const el = document.createElement("iframe");
        el.src = `${data.frameOrigin}/static/frame.html`;
        el.hidden = true;
        addEventListener("message", function ready(e) {
          if (e.data && e.data.ready === data.frameOrigin) {
            removeEventListener("message", ready);
            resolve(el);
          }
        });
        document.body.append(el);
      }));
    return callThrough(window, (m) => frame.contentWindow.postMessage(m, data.frameOrigin));
  }
  return callHere;
}

/** Makes the scenario's request; resolves with { ok, status } or { ok: false, error }, never rejects. */
window.runScenario = async (id) => {
  let result;
  let scenario;
  try {
    const data = await lab;
    scenario = data.scenarios.find((s) => s.id === id);
    if (!scenario) throw new Error(`unknown scenario: ${id}`);
    const request = scenario.request;
    if (request.withCookie) await fetch(`${data.apiOrigin}/set-cookie`, { credentials: "include" });
    const base = { alt: data.altOrigin, v6: data.v6Origin }[request.host] || data.apiOrigin;
    const init = { method: request.method, credentials: request.credentials || "same-origin" };
    if (request.headers) init.headers = request.headers;
    if (request.body !== undefined) init.body = request.body;
    if (request.targetAddressSpace) init.targetAddressSpace = request.targetAddressSpace;
    const caller = await callerFor(scenario, data);
    // A scenario may repeat its call (the second of two shows a cached preflight); the last result counts.
    for (let i = 0; i < (request.times || 1); i++) result = await caller(`${base}/s/${id}`, init);
  } catch (err) {
    result = { ok: false, error: String(err) };
  }
  if (scenario) show(scenario, result);
  return result;
};

/** Runs every scenario in page order, one after another. */
window.runAll = async () => {
  const results = {};
  for (const button of document.querySelectorAll("button[data-scenario]")) {
    const id = button.dataset.scenario;
    results[id] = await window.runScenario(id);
  }
  return results;
};

for (const button of document.querySelectorAll("button[data-scenario]")) {
  button.addEventListener("click", () => window.runScenario(button.dataset.scenario));
}
document.getElementById("run-all")?.addEventListener("click", () => window.runAll());
lab.then(() => (document.documentElement.dataset.labReady = "true"));
