import { expect, test } from "bun:test";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import type { INetworkPolicyPort } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort";
import { describeRendered, named, ofKind, render } from "./render";
import { metricsNamespace, type ServiceShape, services, storePorts } from "./topology";

const nameLabel = "app.kubernetes.io/name";

const namespaceLabel = "kubernetes.io/metadata.name";

/** A peer as "<service>", "namespace/<name>", or "anyone" when a rule has no `from`/`to`. */
function peerNames(peers: readonly INetworkPolicyPeer[] | undefined): string[] {
  if (peers === undefined || peers.length === 0) return ["anyone"];
  return peers.map((peer) => {
    const keys = Object.keys(peer);
    const name = peer.podSelector?.matchLabels?.[nameLabel];
    const namespace = peer.namespaceSelector?.matchLabels?.[namespaceLabel];
    if (keys.length === 1 && name !== undefined) return name;
    if (keys.length === 1 && namespace !== undefined) return `namespace/${namespace}`;
    throw new Error(
      `a peer other than one service's pods or one namespace: ${JSON.stringify(peer)}`,
    );
  });
}

function portNumbers(ports: readonly INetworkPolicyPort[] | undefined): number[] {
  return (ports ?? []).map((port) => {
    if (typeof port.port !== "number" || port.protocol !== "TCP") {
      throw new Error(`a port other than a TCP port number: ${JSON.stringify(port)}`);
    }
    return port.port;
  });
}

/** "peer:port" pairs a list of rules opens, sorted. */
function openings(
  rules: ReadonlyArray<{ peers?: INetworkPolicyPeer[]; ports?: INetworkPolicyPort[] }>,
) {
  return rules
    .flatMap((rule) =>
      peerNames(rule.peers).flatMap((peer) =>
        portNumbers(rule.ports).map((port) => `${peer}:${port}`),
      ),
    )
    .sort();
}

function expectedIngress(service: ServiceShape): string[] {
  const callers =
    service.httpCallers === "anyone"
      ? ["anyone"]
      : [...service.httpCallers, `namespace/${metricsNamespace}`];
  const http = callers.map((caller) => `${caller}:${service.httpPort}`);
  const grpc = service.grpcCallers.map((caller) => `${caller}:${service.grpcPort}`);
  return [...http, ...grpc].sort();
}

function expectedEgress(service: ServiceShape): string[] {
  const peers = services.flatMap((callee) => {
    const http = callee.httpCallers !== "anyone" && callee.httpCallers.includes(service.name);
    const grpc = callee.grpcCallers.includes(service.name);
    return [
      ...(http ? [`${callee.name}:${callee.httpPort}`] : []),
      ...(grpc ? [`${callee.name}:${callee.grpcPort}`] : []),
    ];
  });
  const stores = service.hasDatabase ? storePorts : [6379];
  return [...peers, ...stores.map((port) => `anyone:${port}`)].sort();
}

for (const overlay of ["eks", "local"] as const) {
  describeRendered(`${overlay} overlay: network policies`, () => {
    const policies = () => ofKind<INetworkPolicy>(render(overlay), "NetworkPolicy");

    test("everything is denied unless a policy allows it, DNS aside", () => {
      const deny = named<INetworkPolicy>(render(overlay), "NetworkPolicy", "default-deny");
      expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
      const dns = named<INetworkPolicy>(render(overlay), "NetworkPolicy", "allow-dns");
      expect(dns.spec?.policyTypes).toEqual(["Egress"]);
      expect(dns.spec?.ingress).toBeUndefined();
      expect(dns.spec?.egress?.map((rule) => rule.ports)).toEqual([
        [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      ]);
    });

    test("only the service's own policy opens anything to its pods", () => {
      const opening = policies().filter((policy) => policy.spec?.ingress !== undefined);
      expect(opening.map((policy) => policy.metadata?.name).sort()).toEqual(
        services.map((service) => service.name).sort(),
      );
      for (const policy of opening) {
        expect(policy.spec?.podSelector).toEqual({
          matchLabels: { [nameLabel]: policy.metadata?.name ?? "" },
        });
      }
    });

    for (const service of services) {
      test(`${service.name} accepts exactly its callers, each on the port it calls`, () => {
        const policy = named<INetworkPolicy>(render(overlay), "NetworkPolicy", service.name);
        const rules = (policy.spec?.ingress ?? []).map((rule) => ({
          peers: rule.from,
          ports: rule.ports,
        }));
        expect(openings(rules)).toEqual(expectedIngress(service));
      });

      test(`${service.name} reaches exactly the peers it calls, Postgres and Redis`, () => {
        const policy = named<INetworkPolicy>(render(overlay), "NetworkPolicy", service.name);
        expect(policy.spec?.policyTypes).toEqual(["Ingress", "Egress"]);
        const rules = (policy.spec?.egress ?? []).map((rule) => ({
          peers: rule.to,
          ports: rule.ports,
        }));
        expect(openings(rules)).toEqual(expectedEgress(service));
      });
    }
  });
}

test("the expected openings follow the callers table", () => {
  const processing = services.find((service) => service.name === "processing");
  if (processing === undefined) throw new Error("processing missing from the table");
  expect(expectedIngress(processing)).toEqual([
    "auth:50053",
    "gateway:8003",
    "namespace/monitoring:8003",
  ]);
  expect(expectedEgress(processing)).toEqual([
    "anyone:5432",
    "anyone:6379",
    "auth:50052",
    "auth:8001",
    "catalog:50051",
  ]);
  expect(() => peerNames([{ namespaceSelector: {} }])).toThrow("a peer other than");
});
