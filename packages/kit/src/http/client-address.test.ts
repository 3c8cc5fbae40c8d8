import { describe, expect, test } from "bun:test";
import { clientAddressResolver } from "./client-address";

const PRIVATE = ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "fc00::/7"];

const from = (peer: string) => ({ requestIP: () => ({ address: peer }) });
const request = (forwardedFor?: string) =>
  new Request("http://gateway.test/", {
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  });

describe("client address", () => {
  test("without a configured header the socket's peer is the client, whatever it sends", () => {
    const resolve = clientAddressResolver({ trustedHeader: undefined, trustedProxies: PRIVATE });
    expect(resolve(request("6.6.6.6"), from("10.0.0.5"))).toBe("10.0.0.5");
  });

  test("the header of an untrusted peer is ignored", () => {
    const resolve = clientAddressResolver({
      trustedHeader: "X-Forwarded-For",
      trustedProxies: PRIVATE,
    });
    expect(resolve(request("6.6.6.6"), from("203.0.113.9"))).toBe("203.0.113.9");
  });

  test("behind a trusted proxy the entry it appended wins over what the client wrote", () => {
    const resolve = clientAddressResolver({
      trustedHeader: "x-forwarded-for",
      trustedProxies: PRIVATE,
    });
    expect(resolve(request("6.6.6.6, 198.51.100.7"), from("10.1.2.3"))).toBe("198.51.100.7");
  });

  test("a chain of trusted proxies is walked from the right", () => {
    const resolve = clientAddressResolver({
      trustedHeader: "x-forwarded-for",
      trustedProxies: PRIVATE,
    });
    expect(resolve(request("6.6.6.6, 198.51.100.7, 10.9.9.9"), from("10.1.2.3"))).toBe(
      "198.51.100.7",
    );
  });

  test("garbage in the header stops the walk at the last real address", () => {
    const resolve = clientAddressResolver({
      trustedHeader: "x-forwarded-for",
      trustedProxies: PRIVATE,
    });
    expect(resolve(request("not-an-ip"), from("10.1.2.3"))).toBe("10.1.2.3");
  });

  test("IPv4-mapped IPv6 peers and IPv6 networks are understood", () => {
    const resolve = clientAddressResolver({
      trustedHeader: "x-forwarded-for",
      trustedProxies: PRIVATE,
    });
    expect(resolve(request("198.51.100.7"), from("::ffff:127.0.0.1"))).toBe("198.51.100.7");
    expect(resolve(request("2001:db8::1"), from("fd00::2"))).toBe("2001:db8::1");
    expect(resolve(request("2001:db8::1"), from("2001:db8::99"))).toBe("2001:db8::99");
  });

  test("a malformed trusted network is refused at start", () => {
    expect(() =>
      clientAddressResolver({ trustedHeader: "x-forwarded-for", trustedProxies: ["10.0.0.0/40"] }),
    ).toThrow("bad prefix");
  });
});
