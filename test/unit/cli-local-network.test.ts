// `cors-lens check`'s Local Network Access warning: the address spaces of --origin and the URL, with DNS faked.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localNetworkOfCheck, type HostLookup } from "../../src/cli/local-network";
import { main } from "../../src/cli/main";
import { startLab, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";

/** A fake DNS: the names it knows, and every name it was asked. */
function fakeDns(names: Record<string, string>): { lookup: HostLookup; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lookup: (host) => {
      asked.push(host);
      return Promise.resolve(names[host] ?? null);
    },
  };
}

const PUBLIC_PAGE = "https://app.example.com";
const DNS = {
  "app.example.com": "203.0.113.7",
  "api.example.com": "203.0.113.8",
  "printer.example.com": "192.168.1.50",
  "intranet.example.com": "10.1.2.3",
};

describe("the address spaces of a check", () => {
  it("a public origin calling a loopback address: the loopback-network permission, certain", async () => {
    const dns = fakeDns(DNS);
    const ln = await localNetworkOfCheck(PUBLIC_PAGE, "http://127.0.0.1:8080/x", dns.lookup);
    expect(ln).toMatchObject({
      initiatorSpace: "public",
      targetSpace: "loopback",
      permission: "loopback-network",
      certain: true,
      initiatorSpaceFrom: "app.example.com resolved to 203.0.113.7 here",
      targetSpaceFrom: "127.0.0.1 is a loopback address",
    });
    expect(ln!.warning).toBe(
      "In Chrome 142+ a page on https://app.example.com (public: app.example.com resolved to 203.0.113.7 here) calling http://127.0.0.1:8080/x (loopback: 127.0.0.1 is a loopback address) also needs the user's \"loopback-network\" permission (Local Network Access), which a terminal cannot hold or test: the CORS verdict shown is only the server's half.",
    );
    expect(dns.asked).toEqual(["app.example.com"]);
  });

  it("a name that resolves to a private address is local, and needs local-network", async () => {
    const ln = await localNetworkOfCheck(PUBLIC_PAGE, "http://printer.example.com/status", fakeDns(DNS).lookup);
    expect(ln).toMatchObject({ targetSpace: "local", permission: "local-network", certain: true });
    expect(ln!.targetSpaceFrom).toBe("printer.example.com resolved to 192.168.1.50 here");
    const lan = await localNetworkOfCheck(PUBLIC_PAGE, "http://192.168.1.20/", fakeDns(DNS).lookup);
    expect(lan).toMatchObject({ targetSpace: "local", permission: "local-network" });
  });

  it("nothing to say, and no lookup of the origin, when the target is public", async () => {
    const dns = fakeDns(DNS);
    expect(await localNetworkOfCheck(PUBLIC_PAGE, "https://api.example.com/x", dns.lookup)).toBeNull();
    expect(dns.asked).toEqual(["api.example.com"]);
  });

  it("nothing to say for a loopback origin (never checked) or a call that is not more private", async () => {
    const dns = fakeDns(DNS);
    expect(await localNetworkOfCheck("http://localhost:5173", "http://127.0.0.1:8080/x", dns.lookup)).toBeNull();
    expect(await localNetworkOfCheck("http://[::1]:5173", "http://192.168.1.20/", dns.lookup)).toBeNull();
    expect(
      await localNetworkOfCheck("https://intranet.example.com", "http://printer.example.com/", dns.lookup),
    ).toBeNull();
    // Only the names had to be resolved; literals and localhost need no DNS.
    expect(dns.asked).toEqual(["printer.example.com", "intranet.example.com"]);
  });

  it("local → loopback is more private, but Chromium does not enforce it yet: said so", async () => {
    const ln = await localNetworkOfCheck("https://intranet.example.com", "http://localhost:9000/", fakeDns(DNS).lookup);
    expect(ln).toMatchObject({ initiatorSpace: "local", targetSpace: "loopback", certain: true });
    expect(ln!.warning).toContain("Chromium 156 does not enforce it yet");
  });

  it("an origin that does not resolve here: unknown, and the warning is conditional", async () => {
    const ln = await localNetworkOfCheck("https://offline.example.org", "http://127.0.0.1:8080/x", fakeDns({}).lookup);
    expect(ln).toMatchObject({ initiatorSpace: "unknown", targetSpace: "loopback", certain: false });
    expect(ln!.warning).toMatch(
      /^The page's address space is unknown \(offline\.example\.org did not resolve here \(offline, or a name only the user's network knows\)\): if https:\/\/offline\.example\.org is served from a public address, in Chrome 142\+ its call to/,
    );
  });

  it("a reserved .test origin and a null origin are unknown without any DNS query", async () => {
    const dns = fakeDns(DNS);
    const test = await localNetworkOfCheck("http://app.test", "http://127.0.0.1:8080/x", dns.lookup);
    expect(test!.initiatorSpaceFrom).toBe("app.test is a reserved name that no DNS resolves");
    const opaque = await localNetworkOfCheck("null", "http://10.0.0.2/x", dns.lookup);
    expect(opaque).toMatchObject({ initiatorSpace: "unknown", targetSpace: "local", permission: "local-network" });
    expect(dns.asked).toEqual([]);
  });

  it("a target that does not resolve: unknown space, no permission named for sure", async () => {
    const ln = await localNetworkOfCheck(PUBLIC_PAGE, "http://device.example.net/", fakeDns(DNS).lookup);
    expect(ln).toMatchObject({ initiatorSpace: "public", targetSpace: "unknown", permission: null, certain: false });
    expect(ln!.warning).toMatch(/^The target's address space is unknown \(device\.example\.net did not resolve here/);
    // Neither space known: nothing to say.
    expect(await localNetworkOfCheck("http://app.test", "http://device.example.net/", fakeDns({}).lookup)).toBeNull();
  });
});

describe("cors-lens check prints it", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab.close();
  });

  async function check(args: string[]): Promise<{ code: number; stdout: string }> {
    let stdout = "";
    const io = { out: (t: string) => (stdout += t), err: () => {}, color: false, lookup: fakeDns(DNS).lookup };
    const code = await main(["check", `${lab.apiOrigin}/audit/reflect-any-public`, ...args], io);
    return { code, stdout };
  }

  it("in the text report after the verdict, which stays the server's (exit 0 when CORS allows)", async () => {
    const { code, stdout } = await check(["--origin", PUBLIC_PAGE]);
    expect(stdout).toMatch(/^✔ allowed\n/);
    expect(stdout).toContain(
      "\n  Local Network Access: In Chrome 142+ a page on https://app.example.com (public: app.example.com resolved to 203.0.113.7 here) calling http://127.0.0.1:",
    );
    expect(code).toBe(0);
  });

  it("in --json as a top-level localNetwork field the schema knows; absent when no space is crossed", async () => {
    const { stdout } = await check(["--origin", PUBLIC_PAGE, "--json"]);
    const doc = JSON.parse(stdout) as { localNetwork?: Record<string, unknown> };
    expect(doc.localNetwork).toMatchObject({
      initiatorSpace: "public",
      targetSpace: "loopback",
      permission: "loopback-network",
      certain: true,
    });
    expect(doc.localNetwork!.warning).toContain("which a terminal cannot hold or test");
    expect(schemaErrors(doc)).toEqual([]);

    const same = await check(["--origin", lab.pageOrigin, "--json"]);
    expect(JSON.parse(same.stdout)).not.toHaveProperty("localNetwork");
    const text = await check(["--origin", lab.pageOrigin]);
    expect(text.stdout).not.toContain("Local Network Access");
  });
});
