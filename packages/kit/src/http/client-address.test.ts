import { describe, expect, test } from "bun:test";
import { ConfigError, loadConfig } from "../config";
import {
  clientAddressFromConfig,
  clientAddressResolver,
  clientAddressSettings,
} from "./client-address";

const PRIVATE = ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "fc00::/7"];

/** Believes X-Forwarded-For from loopback and the private ranges. */
const resolve = clientAddressResolver({
  trustedHeader: "x-forwarded-for",
  trustedProxies: PRIVATE,
});

const forwarded = (forwardedFor?: string) =>
  new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor });

describe("client address", () => {
  test("without a configured header the socket's peer is the client, whatever it sends", () => {
    const socketOnly = clientAddressResolver({ trustedHeader: undefined, trustedProxies: PRIVATE });
    expect(socketOnly("10.0.0.5", forwarded("6.6.6.6"))).toBe("10.0.0.5");
  });

  test("the header of an untrusted peer is ignored", () => {
    const mixedCase = clientAddressResolver({
      trustedHeader: "X-Forwarded-For",
      trustedProxies: PRIVATE,
    });
    expect(mixedCase("203.0.113.9", forwarded("6.6.6.6"))).toBe("203.0.113.9");
  });

  test("behind a trusted proxy the entry it appended wins over what the client wrote", () => {
    expect(resolve("10.1.2.3", forwarded("6.6.6.6, 198.51.100.7"))).toBe("198.51.100.7");
  });

  test("a chain of trusted proxies is walked from the right", () => {
    expect(resolve("10.1.2.3", forwarded("6.6.6.6, 198.51.100.7, 10.9.9.9"))).toBe("198.51.100.7");
  });

  test("garbage in the header stops the walk at the last real address", () => {
    expect(resolve("10.1.2.3", forwarded("not-an-ip"))).toBe("10.1.2.3");
  });

  test("IPv4-mapped IPv6 peers and IPv6 networks are understood", () => {
    expect(resolve("::ffff:127.0.0.1", forwarded("198.51.100.7"))).toBe("198.51.100.7");
    expect(resolve("fd00::2", forwarded("2001:db8::1"))).toBe("2001:db8::1");
    expect(resolve("2001:db8::99", forwarded("2001:db8::1"))).toBe("2001:db8::99");
  });

  test("without a socket (a request handed to the app in process) the address is unknown", () => {
    expect(resolve(undefined, forwarded("198.51.100.7"))).toBe("unknown");
  });

  test("a malformed trusted network is refused at start", () => {
    expect(() =>
      clientAddressResolver({ trustedHeader: "x-forwarded-for", trustedProxies: ["10.0.0.0/40"] }),
    ).toThrow("bad prefix");
  });

  test("the settings name TRUSTED_PROXIES when one of its networks is malformed", () => {
    const load = () =>
      loadConfig(clientAddressSettings, { TRUSTED_PROXIES: "10.0.0.0/8, 300.1.2.3" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow('TRUSTED_PROXIES: "300.1.2.3" is not an address or CIDR');
  });

  test("the settings trust loopback and the private ranges unless told otherwise", () => {
    const config = loadConfig(clientAddressSettings, { TRUSTED_PROXY_HEADER: "x-forwarded-for" });
    const fromConfig = clientAddressFromConfig(config);
    expect(fromConfig("192.168.1.1", forwarded("198.51.100.7"))).toBe("198.51.100.7");
    expect(fromConfig("203.0.113.9", forwarded("198.51.100.7"))).toBe("203.0.113.9");
  });
});
