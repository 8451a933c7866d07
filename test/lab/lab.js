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
    const base = request.host === "alt" ? data.altOrigin : data.apiOrigin;
    const init = { method: request.method, credentials: request.credentials || "same-origin" };
    if (request.headers) init.headers = request.headers;
    if (request.body !== undefined) init.body = request.body;
    // A scenario may repeat its call (the second of two shows a cached preflight); the last result counts.
    for (let i = 0; i < (request.times || 1); i++) {
      try {
        const res = await fetch(`${base}/s/${id}`, init);
        result = { ok: true, status: res.status };
      } catch (err) {
        result = { ok: false, error: String(err) };
      }
    }
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
