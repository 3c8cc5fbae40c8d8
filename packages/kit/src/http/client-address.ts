/**
 * The client's address, for the gateway's per-address rate limits and auth's sign-in throttle. A
 * forwarding header is believed only when the peer that sent it is a trusted proxy, and then read
 * from the right: the rightmost entry that is not itself a trusted proxy is the first hop nobody
 * we trust vouches for, so a client cannot pick its own address by sending one. An address inside
 * TRUSTED_PROXIES is taken for a proxy: keep that list to the proxies' own networks.
 */
import { ConfigError, env, type Setting } from "../config";
import type { ConnectionHooks } from "../runtime/connection";

/** What the host tells a handler about the connection: Bun's server, or the runtime's stand-in. */
export type PeerSource = Pick<ConnectionHooks, "requestIP">;

/** The socket's peer address, when the host knows it (not for `app.handle` in tests). */
export const socketAddress = (request: Request, server: PeerSource | null): string | undefined =>
  server?.requestIP(request)?.address;

/** The client's address from the socket's peer and the request's headers. */
export type ClientAddressResolver = (peer: string | undefined, headers: Headers) => string;

/** Loopback and the private ranges: where a load balancer or the gateway usually sits. */
export const PRIVATE_NETWORKS: readonly string[] = [
  "127.0.0.0/8",
  "::1/128",
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "fc00::/7",
];

interface Network {
  bytes: number[];
  prefix: number;
}

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

function ipv4Bytes(address: string): number[] | undefined {
  const parts = address.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function ipv6Bytes(address: string): number[] | undefined {
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const groups = (text: string | undefined) => (text ? text.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const all = [...head, ...Array<string>(missing).fill("0"), ...tail];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return all.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

/** The address's bytes (IPv4-mapped IPv6 read as IPv4); undefined when it is not an address. */
export function addressBytes(address: string): number[] | undefined {
  const plain = MAPPED_IPV4.exec(address)?.[1] ?? address;
  return plain.includes(":") ? ipv6Bytes(plain) : ipv4Bytes(plain);
}

/** The canonical text of an address: `::ffff:1.2.3.4` becomes `1.2.3.4`. */
export const normalizeAddress = (address: string): string =>
  MAPPED_IPV4.exec(address)?.[1] ?? address;

function parseNetwork(text: string): Network {
  const [address = "", prefixText] = text.split("/");
  const bytes = addressBytes(address);
  if (bytes === undefined) throw new Error(`"${text}" is not an address or CIDR`);
  const prefix = prefixText === undefined ? bytes.length * 8 : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bytes.length * 8) {
    throw new Error(`"${text}" has a bad prefix length`);
  }
  return { bytes, prefix };
}

function contains(network: Network, bytes: number[]): boolean {
  if (bytes.length !== network.bytes.length) return false;
  for (let bit = 0; bit < network.prefix; bit += 8) {
    const width = Math.min(8, network.prefix - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((network.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

/** The resolver for a header and the proxies trusted to write it; throws on a bad network. */
export function clientAddressResolver(options: {
  trustedHeader: string | undefined;
  trustedProxies: readonly string[];
}): ClientAddressResolver {
  const header = options.trustedHeader?.toLowerCase();
  const networks = options.trustedProxies.map(parseNetwork);
  const trusted = (address: string) => {
    const bytes = addressBytes(address);
    return bytes !== undefined && networks.some((network) => contains(network, bytes));
  };

  return (socketPeer, headers) => {
    const peer = normalizeAddress(socketPeer ?? "unknown");
    if (header === undefined || !trusted(peer)) return peer;
    const hops = (headers.get(header) ?? "").split(",").map((hop) => normalizeAddress(hop.trim()));
    let client = peer;
    for (const hop of hops.reverse()) {
      if (addressBytes(hop) === undefined) break;
      client = hop;
      if (!trusted(hop)) break;
    }
    return client;
  };
}

/** The two settings of every service that reads client addresses, declared once. */
export const clientAddressSettings = {
  /** The header a trusted proxy writes the client address to (e.g. `x-forwarded-for`). */
  TRUSTED_PROXY_HEADER: env.optionalString(),
  /** Peers (addresses or CIDRs) whose `TRUSTED_PROXY_HEADER` is believed. */
  TRUSTED_PROXIES: trustedNetworks(PRIVATE_NETWORKS),
};

/** A comma-separated list of addresses or CIDRs, each checked when the config loads. */
function trustedNetworks(fallback: readonly string[]): Setting<readonly string[]> {
  const list = env.list(fallback);
  return {
    parse(raw, variable) {
      const networks = list.parse(raw, variable);
      for (const network of networks) {
        try {
          parseNetwork(network);
        } catch (error) {
          throw new ConfigError(variable, (error as Error).message);
        }
      }
      return networks;
    },
  };
}

/** The resolver a service's config asks for. */
export const clientAddressFromConfig = (config: {
  readonly TRUSTED_PROXY_HEADER: string | undefined;
  readonly TRUSTED_PROXIES: readonly string[];
}): ClientAddressResolver =>
  clientAddressResolver({
    trustedHeader: config.TRUSTED_PROXY_HEADER,
    trustedProxies: config.TRUSTED_PROXIES,
  });
