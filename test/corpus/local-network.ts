// Local Network Access scenarios (Chrome 142+): a "public" lab page calls the loopback API; Chrome 156's verdict for each.

import type { ResponseSpec, Scenario, ScenarioRequest } from "./scenario";

type H = [string, string];
// The API answers the Origin it received: the page, its http: name and the frame all call it, each with its own origin.
const origin: H = ["Access-Control-Allow-Origin", "{requestOrigin}"];
const ok = (headers: H[] = [origin]): ResponseSpec => ({
  status: 200,
  headers: [["Content-Type", "application/json"], ...headers],
  body: '{"ok":true}',
});
const preflightOk = (extra: H[] = []): ResponseSpec => ({
  status: 204,
  headers: [
    origin,
    ["Access-Control-Allow-Methods", "PUT"],
    ["Access-Control-Allow-Headers", "Content-Type"],
    ...extra,
  ],
});
const get: ScenarioRequest = { method: "GET" };
const putJson: ScenarioRequest = { method: "PUT", headers: [["Content-Type", "application/json"]], body: "{}" };
const one = (response: ResponseSpec, options?: ResponseSpec) => [
  { path: "", response, ...(options ? { options } : {}) },
];
const DENIED = "LocalNetworkAccessPermissionDenied" as const;

export const LNA_SCENARIOS: Scenario[] = [
  {
    id: "lna-get-denied",
    title: "Public page → loopback API, simple GET, correct CORS headers, no permission",
    routes: one(ok()),
    request: get,
    expect: { code: DENIED },
    cause: "local-network-access",
  },
  {
    id: "lna-put-denied",
    title: "Public page → loopback API, preflighted PUT the server allows, no permission",
    routes: one(ok(), preflightOk()),
    request: putJson,
    expect: { code: DENIED },
    cause: "local-network-access",
  },
  {
    id: "lna-localhost-denied",
    title: "Public page → http://localhost, no permission",
    routes: one(ok()),
    request: { ...get, host: "alt" },
    expect: { code: DENIED },
    cause: "local-network-access",
  },
  {
    id: "lna-ipv6-denied",
    title: "Public page → http://[::1], no permission",
    routes: one(ok()),
    request: { ...get, host: "v6" },
    expect: { code: DENIED },
    cause: "local-network-access",
  },
  {
    id: "lna-pna-headers",
    title: "The server still answers the old Private Network Access preflight (Allow-Private-Network: true)",
    routes: one(
      ok([origin, ["Access-Control-Allow-Private-Network", "true"]]),
      preflightOk([["Access-Control-Allow-Private-Network", "true"]]),
    ),
    request: putJson,
    expect: { code: DENIED },
    cause: "local-network-access",
  },
  {
    id: "lna-tas-local",
    title: 'fetch(url, { targetAddressSpace: "local" }) to a loopback address',
    routes: one(ok()),
    request: { ...get, targetAddressSpace: "local" },
    expect: { code: "InvalidLocalNetworkAccess" },
    cause: "local-network-access",
  },
  {
    id: "lna-tas-public",
    title: 'fetch(url, { targetAddressSpace: "public" }) to a loopback address',
    routes: one(ok()),
    request: { ...get, targetAddressSpace: "public" },
    expect: { code: "InvalidLocalNetworkAccess" },
    cause: "local-network-access",
  },
  {
    id: "lna-tas-loopback",
    title: 'fetch(url, { targetAddressSpace: "loopback" }), no permission',
    routes: one(ok()),
    request: { ...get, targetAddressSpace: "loopback" },
    expect: { code: DENIED },
    cause: "local-network-access",
  },
  {
    id: "lna-insecure",
    title: "An http: page (not a secure context) on a public address → loopback API",
    routes: one(ok()),
    request: get,
    lna: { from: "insecure" },
    expect: { code: "InsecureLocalNetwork" },
    cause: "local-network-access",
  },
  {
    id: "lna-worker",
    title: "A dedicated worker of the public page → loopback API, no permission",
    routes: one(ok()),
    request: get,
    lna: { from: "worker" },
    expect: { code: DENIED },
    cause: "local-network-access",
  },
  {
    id: "lna-frame-no-policy",
    title: 'A cross-origin frame embedded without allow="loopback-network" → loopback API',
    routes: one(ok()),
    request: get,
    lna: { from: "frame" },
    expect: { code: DENIED },
    cause: "local-network-access",
  },
  {
    id: "lna-denied",
    title: "The user denied Local Network Access for the page",
    routes: one(ok()),
    request: get,
    lna: { permission: "denied" },
    expect: { code: DENIED },
    cause: "local-network-access",
  },
  {
    id: "lna-granted-ok",
    title: "Permission granted, correct CORS headers: allowed",
    routes: one(ok()),
    request: get,
    lna: { permission: "granted" },
    expect: { code: null },
  },
  {
    id: "lna-granted-put",
    title: "Permission granted, preflighted PUT the server allows: allowed",
    routes: one(ok(), preflightOk()),
    request: putJson,
    lna: { permission: "granted" },
    expect: { code: null },
  },
  {
    id: "lna-granted-no-acao",
    title: "Permission granted, but the server sends no Access-Control-Allow-Origin",
    routes: one(ok([])),
    request: get,
    lna: { permission: "granted" },
    expect: { code: "MissingAllowOriginHeader" },
  },
  {
    id: "lna-granted-tas-local",
    title: 'Permission granted, but targetAddressSpace: "local" for a loopback address',
    routes: one(ok()),
    request: { ...get, targetAddressSpace: "local" },
    lna: { permission: "granted" },
    expect: { code: "InvalidLocalNetworkAccess" },
    cause: "local-network-access",
  },
];
