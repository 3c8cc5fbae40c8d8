import { expect, test } from "bun:test";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { IService } from "kubernetes-models/v1/Service";
import { stringify } from "yaml";
import { describeRendered, named, ofKind, render } from "./render";
import { secretVariables, services } from "./topology";
import { allContainers, serviceContainer, workloadOf, workloads } from "./workloads";

const ecrImage = /^<account>\.dkr\.ecr\.<region>\.amazonaws\.com\/questline-([a-z]+):[\w.-]+$/;

/** Text that only a real credential contains: connection strings with a scheme, PEM, private JWKs. */
const credentialShapes = [/postgres(ql)?:\/\//, /rediss?:\/\//, /-----BEGIN/, /"d"\s*:/];

describeRendered("eks overlay", () => {
  const objects = () => render("eks");

  test("holds no Secret and no credential, only references to <service>-secrets", () => {
    expect(ofKind(objects(), "Secret")).toEqual([]);
    const text = stringify(objects());
    for (const shape of credentialShapes) expect(text).not.toMatch(shape);
    for (const config of ofKind<{ data?: Record<string, string> }>(objects(), "ConfigMap")) {
      for (const variable of secretVariables) expect(config.data?.[variable]).toBeUndefined();
    }
    for (const workload of workloads(objects())) {
      for (const container of allContainers(workload)) {
        const inline = (container.env ?? []).filter((entry) =>
          secretVariables.includes(entry.name),
        );
        expect(inline).toEqual([]);
        const secretRefs = (container.envFrom ?? []).flatMap((source) =>
          source.secretRef ? [source.secretRef] : [],
        );
        expect(secretRefs).toEqual([{ name: `${workload.name}-secrets` }]);
      }
    }
  });

  test("images come from the service's own ECR repository with a fixed tag", () => {
    for (const workload of workloads(objects())) {
      for (const container of allContainers(workload)) {
        expect(ecrImage.exec(container.image ?? "")?.[1]).toBe(workload.name);
      }
    }
  });

  test("each database service migrates with its own image before it starts; the gateway does not", () => {
    for (const service of services) {
      const workload = workloadOf(objects(), service.name);
      const init = workload.pod.initContainers ?? [];
      if (!service.hasDatabase) {
        expect(init).toEqual([]);
        continue;
      }
      const main = serviceContainer(workload);
      expect(init.map((container) => container.name)).toEqual(["migrate"]);
      expect(init[0]?.image).toBe(main.image ?? "");
      expect(init[0]?.args).toEqual(["migrate"]);
      expect(init[0]?.envFrom).toEqual(main.envFrom ?? []);
    }
  });

  test("every service scales on CPU from two replicas, and no Deployment pins a count", () => {
    const autoscalers = ofKind<IHorizontalPodAutoscaler>(objects(), "HorizontalPodAutoscaler");
    for (const workload of workloads(objects())) {
      expect(workload.kind).toBe("Deployment");
      expect(workload.replicas).toBeUndefined();
      const scaling = autoscalers.filter(
        (autoscaler) =>
          autoscaler.spec?.scaleTargetRef.kind === "Deployment" &&
          autoscaler.spec.scaleTargetRef.name === workload.name,
      );
      expect(scaling.map((autoscaler) => autoscaler.spec?.minReplicas)).toEqual([2]);
    }
  });

  test("an ALB sends HTTPS traffic to the gateway pods, checking /ready", () => {
    const ingress = named<IIngress>(objects(), "Ingress", "gateway");
    const annotations = ingress.metadata?.annotations ?? {};
    expect(ingress.spec?.ingressClassName).toBe("alb");
    expect(annotations["alb.ingress.kubernetes.io/scheme"]).toBe("internet-facing");
    expect(annotations["alb.ingress.kubernetes.io/target-type"]).toBe("ip");
    expect(annotations["alb.ingress.kubernetes.io/healthcheck-path"]).toBe("/ready");
    expect(annotations["alb.ingress.kubernetes.io/ssl-redirect"]).toBe("443");
    expect(annotations["alb.ingress.kubernetes.io/certificate-arn"]).toStartWith("arn:aws:acm:");
    expect(JSON.parse(annotations["alb.ingress.kubernetes.io/listen-ports"] ?? "[]")).toEqual([
      { HTTP: 80 },
      { HTTPS: 443 },
    ]);
    const backends = (ingress.spec?.rules ?? []).flatMap((rule) =>
      (rule.http?.paths ?? []).map((path) => path.backend.service),
    );
    expect(backends).toEqual([{ name: "gateway", port: { name: "http" } }]);
    const gateway = named<IService>(objects(), "Service", "gateway");
    expect(gateway.spec?.ports?.map((port) => port.name)).toContain("http");
  });
});

test("the credential shapes catch the usual leaks", () => {
  const leaks = [
    "DATABASE_URL: postgres://questline:hunter2@db:5432/catalog",
    "REDIS_URL: rediss://default:pw@cache:6379",
    "-----BEGIN PRIVATE KEY-----",
    '{"kty":"OKP","crv":"Ed25519","d":"secret"}',
  ];
  for (const leak of leaks) expect(credentialShapes.some((shape) => shape.test(leak))).toBe(true);
  expect(ecrImage.exec("<account>.dkr.ecr.<region>.amazonaws.com/questline-auth:latest")?.[1]).toBe(
    "auth",
  );
  expect(ecrImage.test("questline-auth")).toBe(false);
});
