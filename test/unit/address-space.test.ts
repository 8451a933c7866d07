// Local Network Access address spaces of IPs and hosts, per the LNA spec's table, and secure contexts.

import { describe, expect, it } from "vitest";
import {
  addressSpaceOfHost,
  addressSpaceOfIp,
  isMorePrivate,
  isPotentiallyTrustworthy,
  permissionFor,
} from "../../src/cors/address-space";

describe("address spaces", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.45.6.7", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["0.0.0.0", "loopback"],
    ["0.1.2.3", "local"],
    ["10.0.0.8", "local"],
    ["172.16.0.1", "local"],
    ["172.31.255.255", "local"],
    ["192.168.1.1", "local"],
    ["169.254.169.254", "local"],
    ["100.64.0.1", "local"],
    ["198.18.0.1", "local"],
    ["fd00::1", "local"],
    ["fe80::1", "local"],
    ["fec0::1", "local"],
    ["2001:db8::1", "local"],
    ["::ffff:192.168.0.1", "local"],
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["2606:4700::1111", "public"],
  ])("%s is %s", (ip, space) => {
    expect(addressSpaceOfIp(ip)).toBe(space);
  });

  it("says null for what is not an IP address", () => {
    expect(addressSpaceOfIp("example.com")).toBeNull();
    expect(addressSpaceOfIp("999.1.1.1")).toBeNull();
  });

  it("reads hosts: literals, localhost names, .local names; other names are unknown and say why", () => {
    expect(addressSpaceOfHost("LOCALHOST").space).toBe("loopback");
    expect(addressSpaceOfHost("api.localhost").space).toBe("loopback");
    expect(addressSpaceOfHost("printer.local.").space).toBe("local");
    expect(addressSpaceOfHost("[::1]").space).toBe("loopback");
    const name = addressSpaceOfHost("api.example.com");
    expect(name.space).toBe("unknown");
    expect(name.from).toContain("api.example.com");
    // The address the browser connected to wins over the name.
    expect(addressSpaceOfHost("api.example.com", "192.168.0.5")).toEqual({
      space: "local",
      from: "the browser connected to 192.168.0.5",
    });
  });

  it("orders spaces public < local < loopback, and names the permission each needs", () => {
    expect(isMorePrivate("loopback", "public")).toBe(true);
    expect(isMorePrivate("local", "public")).toBe(true);
    expect(isMorePrivate("loopback", "local")).toBe(true);
    expect(isMorePrivate("public", "local")).toBe(false);
    expect(isMorePrivate("loopback", "unknown")).toBe(false);
    expect(permissionFor("loopback")).toBe("loopback-network");
    expect(permissionFor("local")).toBe("local-network");
  });

  it("knows secure contexts: https, and http only on loopback hosts", () => {
    expect(isPotentiallyTrustworthy("https://app.example.com")).toBe(true);
    expect(isPotentiallyTrustworthy("http://localhost:3000")).toBe(true);
    expect(isPotentiallyTrustworthy("http://127.0.0.1:5173")).toBe(true);
    expect(isPotentiallyTrustworthy("http://lna.test:5175")).toBe(false);
    expect(isPotentiallyTrustworthy("http://192.168.0.2")).toBe(false);
    expect(isPotentiallyTrustworthy("null")).toBeNull();
  });
});
