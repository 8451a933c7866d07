// The fix for calls Local Network Access blocked: a page-side change for every stack, never a server CORS snippet.

import { describe, expect, it } from "vitest";
import { clientAlternatives, fixFor, STACKS } from "../../src/fixes/index";
import { explanationOf } from "../../src/report/explanation";
import { ticketSection } from "../../src/report/markdown";
import { recordOf } from "./fixes-records";
import { LNA_PAGE, lnaRecord, type LnaCall } from "./local-network-records";

const PNA: [string, string] = ["Access-Control-Request-Private-Network", "true"];

/** One call per LNA code (and the frame and PNA variants), as Chrome 156 shows them. */
const CALLS: Record<string, LnaCall> = {
  denied: {},
  "denied-put-pna": { method: "PUT", preflightHeaders: [PNA] },
  "denied-frame": { hints: { localNetworkPolicy: { "loopback-network": false } } },
  "denied-lan": {
    url: "http://192.168.1.20/status",
    hints: { localNetworkPermissions: { "local-network": "denied" } },
  },
  invalid: { plainFailure: true, hints: { targetAddressSpace: "local" } },
  "invalid-lan": { url: "http://192.168.1.20/status", plainFailure: true, hints: { targetAddressSpace: "loopback" } },
  insecure: { initiator: "http://app.example.com", hints: { secureContext: false } },
};
const rec = (name: keyof typeof CALLS) => lnaRecord(CALLS[name]);

/** A snippet's comments as one text, their line breaks undone. */
const prose = (snippet: string): string => snippet.replace(/\n\/\/ /g, " ");
/** The fetch() line of a snippet: what the page should call. */
const fetchLine = (snippet: string): string => snippet.split("\n").find((l) => /fetch\(/.test(l)) ?? "";

describe("the fix for a Local Network Access block", () => {
  it("the records carry the code the fix is for", () => {
    const codes = Object.fromEntries(Object.keys(CALLS).map((n) => [n, rec(n).diagnosis.code]));
    expect(codes).toEqual({
      denied: "LocalNetworkAccessPermissionDenied",
      "denied-put-pna": "LocalNetworkAccessPermissionDenied",
      "denied-frame": "LocalNetworkAccessPermissionDenied",
      "denied-lan": "LocalNetworkAccessPermissionDenied",
      invalid: "InvalidLocalNetworkAccess",
      "invalid-lan": "InvalidLocalNetworkAccess",
      insecure: "InsecureLocalNetwork",
    });
  });

  it("for every stack: a JS change to the page, titled as such, the same whichever stack was chosen", () => {
    for (const name of Object.keys(CALLS)) {
      const record = rec(name);
      const snippets = new Set<string>();
      for (const { id } of STACKS) {
        const fix = fixFor(record, id);
        expect(fix.stack).toBe(id);
        expect(fix.language).toBe("js");
        expect(fix.title).toBe(
          "No server header fixes this, whatever the server runs: change the page (Local Network Access)",
        );
        expect(fix.notes[0]).toContain(`the change belongs to whoever owns ${record.exchange.initiator}`);
        snippets.add(fix.snippet);
      }
      expect(snippets.size, name).toBe(1);
    }
  });

  it("never offers the server CORS change the same stack gives a CORS failure", () => {
    const cors = fixFor(recordOf("acao-other-origin"), "express");
    expect(cors.snippet).toContain("cors(");
    const lna = fixFor(rec("denied"), "express");
    expect(lna.snippet).not.toContain("cors(");
    expect(lna.title).not.toMatch(/: allow /);
    expect(fixFor(rec("denied"), "nginx").snippet).not.toContain("add_header");
  });

  it("InsecureLocalNetwork: serve the page over HTTPS", () => {
    const fix = fixFor(rec("insecure"), "headers");
    expect(prose(fix.snippet)).toContain("http://app.example.com is not a secure context");
    expect(fix.snippet).toContain("window.isSecureContext");
    expect(fix.snippet).toContain('"https:"');
    expect(prose(fix.snippet)).toContain('"loopback-network" permission');
  });

  it("InvalidLocalNetworkAccess: declare the target's real space", () => {
    const loopback = fixFor(rec("invalid"), "headers").snippet;
    expect(prose(loopback)).toContain(
      'The page declared targetAddressSpace: "local", but http://127.0.0.1:8080 is in the loopback',
    );
    expect(fetchLine(loopback)).toBe(
      'await fetch("http://127.0.0.1:8080/api/status", { targetAddressSpace: "loopback" });',
    );
    expect(loopback).toContain("or leave the option out");
    expect(fetchLine(fixFor(rec("invalid-lan"), "headers").snippet)).toContain('targetAddressSpace: "local" }');
  });

  it("permission denied: query the permission the target's space needs, then call on a click", () => {
    const loopback = fixFor(rec("denied"), "express").snippet;
    expect(loopback).toContain('navigator.permissions.query({ name: "loopback-network" })');
    expect(loopback).toContain('addEventListener("click"');
    expect(fetchLine(loopback)).toContain('{ targetAddressSpace: "loopback" }');
    const lan = fixFor(rec("denied-lan"), "express").snippet;
    expect(lan).toContain('navigator.permissions.query({ name: "local-network" })');
    expect(prose(lan)).toContain('its state was "denied": only the user (site settings) or a policy can change that');
    expect(fetchLine(lan)).toContain('{ targetAddressSpace: "local" }');
    // The call's method stays; its headers and body are the page's own.
    expect(fetchLine(fixFor(rec("denied-put-pna"), "express").snippet)).toContain(
      `{ method: "PUT", targetAddressSpace: "loopback" /* and the call's headers and body */ }`,
    );
  });

  it("a frame whose Permissions-Policy does not allow the permission: its parent's iframe delegates it", () => {
    const frame = fixFor(rec("denied-frame"), "express");
    expect(frame.snippet).toContain('<iframe src="…" allow="local-network; loopback-network"></iframe>');
    const page = fixFor(rec("denied"), "express");
    expect(page.snippet).not.toContain("<iframe");
    // Not known to be a frame: only a note says what a frame would need.
    expect(page.notes.join("\n")).toContain('allow="local-network; loopback-network"');
    expect(frame.notes.join("\n")).not.toContain("A cross-origin iframe needs");
  });

  it("notes what the device must still send, the enterprise policy, and PNA only when it was seen", () => {
    const get = fixFor(rec("denied"), "express").notes.join("\n");
    expect(get).toContain(`it must send Access-Control-Allow-Origin: ${LNA_PAGE}.`);
    expect(get).not.toContain("preflight");
    expect(get).toContain("LocalNetworkAccessAllowedForUrls");
    expect(get).not.toContain("Private Network Access");
    const put = fixFor(rec("denied-put-pna"), "express").notes.join("\n");
    expect(put).toContain(
      `Access-Control-Allow-Origin: ${LNA_PAGE}, Access-Control-Allow-Methods: PUT, Access-Control-Allow-Headers: content-type, and answer its OPTIONS preflight with a 2xx`,
    );
    expect(put).toContain(
      "carried the deprecated Private Network Access headers (Access-Control-Request-Private-Network)",
    );
    expect(put).toContain("neither needed nor sufficient");
  });

  it("offers no client alternative: none gets past Local Network Access", () => {
    for (const name of Object.keys(CALLS)) expect(clientAlternatives(rec(name)), name).toEqual([]);
    // The same kind of PUT blocked by CORS does get alternatives.
    expect(clientAlternatives(recordOf("header-not-allowed")).length).toBeGreaterThan(0);
  });

  it("reads as a page-side fix in the console explanation and the Markdown ticket", () => {
    const entry = explanationOf(rec("denied"), "nginx").entries.find((e) => e.label === "Fix (on the page)");
    expect(entry?.text).toMatch(
      /^No server header fixes this, whatever the server runs: change the page \(Local Network Access\)\n/,
    );
    const md = ticketSection(rec("denied"), {
      browser: { name: "chrome", version: "156" },
      pageUrl: LNA_PAGE,
      stack: "nginx",
    });
    expect(md).toContain(
      "No server header fixes this, whatever the server runs: change the page (Local Network Access)",
    );
    expect(md).toContain("```js\n// Chrome 142+ lets a page reach the loopback address space");
    expect(md).not.toContain("Alternatives");
  });
});
