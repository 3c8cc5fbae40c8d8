import { expect, test } from "bun:test";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IService } from "kubernetes-models/v1/Service";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { IServicePort } from "kubernetes-models/v1/ServicePort";
import { describeRendered, named, ofKind, render } from "./render";
import { serviceNames, services } from "./topology";
import {
  allContainers,
  selects,
  serviceConfig,
  serviceContainer,
  workloadOf,
  workloads,
} from "./workloads";

for (const overlay of ["eks", "local"] as const) {
  describeRendered(`${overlay} overlay: workloads`, () => {
    const objects = () => render(overlay);

    test("each service runs as one workload named after it", () => {
      const names = workloads(objects()).map((workload) => workload.name);
      expect(names.toSorted()).toEqual([...serviceNames].sort());
    });

    test("pods run as uid 10001 with the runtime's seccomp profile and no API token", () => {
      for (const workload of workloads(objects())) {
        const security = workload.pod.securityContext;
        expect(security?.runAsNonRoot).toBe(true);
        expect(security?.runAsUser).toBe(10001);
        expect(security?.seccompProfile?.type).toBe("RuntimeDefault");
        expect(workload.pod.automountServiceAccountToken).toBe(false);
        expect(workload.pod.serviceAccountName).toBe(workload.name);
        const account = named<IServiceAccount>(objects(), "ServiceAccount", workload.name);
        expect(account.automountServiceAccountToken).toBe(false);
      }
    });

    test("every container is locked down and has requests and limits", () => {
      for (const workload of workloads(objects())) {
        for (const container of allContainers(workload)) {
          const where = `${workload.name}/${container.name}`;
          const security = container.securityContext;
          expect({ where, readOnly: security?.readOnlyRootFilesystem }).toEqual({
            where,
            readOnly: true,
          });
          expect(security?.allowPrivilegeEscalation).toBe(false);
          expect(security?.privileged).toBeUndefined();
          expect(security?.capabilities?.drop).toEqual(["ALL"]);
          expect(security?.capabilities?.add).toBeUndefined();
          for (const bound of ["requests", "limits"] as const) {
            expect(Object.keys(container.resources?.[bound] ?? {}).sort()).toEqual([
              "cpu",
              "memory",
            ]);
          }
        }
      }
    });

    test("the only writable paths are volumes: /tmp and DATA_DIR", () => {
      for (const workload of workloads(objects())) {
        const claimed = (
          workload.source.kind === "StatefulSet"
            ? (workload.source.spec?.volumeClaimTemplates ?? [])
            : []
        ).map((claim) => claim.metadata?.name);
        const emptyDirs = (workload.pod.volumes ?? [])
          .filter((volume) => volume.emptyDir !== undefined)
          .map((volume) => volume.name);
        const mountedAt = (path: string) =>
          serviceContainer(workload).volumeMounts?.find((mount) => mount.mountPath === path)?.name;
        expect(emptyDirs).toContain(mountedAt("/tmp") ?? "none");
        const dataDir = serviceConfig(objects(), workload.name).DATA_DIR;
        if (dataDir !== undefined) {
          expect([...emptyDirs, ...claimed]).toContain(mountedAt(dataDir) ?? "none");
        }
      }
    });

    test("probes: startup and liveness on /health, readiness on /ready, all on the HTTP port", () => {
      for (const service of services) {
        const container = serviceContainer(workloadOf(objects(), service.name));
        const probes = {
          startup: container.startupProbe?.httpGet,
          liveness: container.livenessProbe?.httpGet,
          readiness: container.readinessProbe?.httpGet,
        };
        expect(probes).toEqual({
          startup: { path: "/health", port: "http" },
          liveness: { path: "/health", port: "http" },
          readiness: { path: "/ready", port: "http" },
        });
      }
    });

    test("ports agree across the topology, the container, its ConfigMap and its Service", () => {
      for (const service of services) {
        const container = serviceContainer(workloadOf(objects(), service.name));
        const expected = [{ name: "http", containerPort: service.httpPort }];
        if (service.grpcPort) expected.push({ name: "grpc", containerPort: service.grpcPort });
        expect(container.ports).toEqual(expected);

        const config = serviceConfig(objects(), service.name);
        expect(config.PORT).toBe(String(service.httpPort));
        expect(config.GRPC_PORT).toBe(service.grpcPort ? String(service.grpcPort) : undefined);

        const ports = named<IService>(objects(), "Service", service.name).spec?.ports ?? [];
        const expectedPorts: IServicePort[] = [
          { name: "http", port: service.httpPort, targetPort: "http", appProtocol: "http" },
        ];
        if (service.grpcPort) {
          expectedPorts.push({
            name: "grpc",
            port: service.grpcPort,
            targetPort: "grpc",
            appProtocol: "kubernetes.io/h2c",
          });
        }
        expect(ports).toEqual(expectedPorts);
      }
    });

    test("each Service selects its own workload's pods and no other", () => {
      for (const serviceObject of ofKind<IService>(objects(), "Service")) {
        const selector = serviceObject.spec?.selector ?? {};
        const selected = workloads(objects()).filter((workload) =>
          selects(selector, workload.podLabels),
        );
        expect(selected.map((workload) => workload.name)).toEqual([
          serviceObject.metadata?.name ?? "",
        ]);
      }
    });

    test("Deployments roll out without ever lowering the number of ready pods", () => {
      for (const workload of workloads(objects())) {
        if (workload.source.kind !== "Deployment") continue;
        expect(workload.source.spec?.strategy).toEqual({
          type: "RollingUpdate",
          rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
        });
      }
    });

    test("exactly one PodDisruptionBudget covers each workload", () => {
      const budgets = ofKind<IPodDisruptionBudget>(objects(), "PodDisruptionBudget");
      for (const workload of workloads(objects())) {
        const covering = budgets.filter((budget) =>
          selects(budget.spec?.selector?.matchLabels ?? { none: "" }, workload.podLabels),
        );
        expect(covering.map((budget) => budget.spec?.maxUnavailable)).toEqual([1]);
      }
    });

    test("peer URLs in the ConfigMaps name a Service port that exists", () => {
      let checked = 0;
      for (const service of serviceNames) {
        for (const [variable, value] of Object.entries(serviceConfig(objects(), service))) {
          if (!/^https?:\/\//.test(value) || !variable.endsWith("_URL")) continue;
          const url = new URL(value);
          const peer = named<IService>(objects(), "Service", url.hostname);
          const ports = (peer.spec?.ports ?? []).map((port) => port.port);
          expect({ variable, port: Number(url.port) }).toEqual({
            variable,
            port: ports.find((port) => port === Number(url.port)) ?? -1,
          });
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(8);
    });

    test("every service checks tokens against the same issuer and audience", () => {
      const claims = serviceNames.map((service) => {
        const config = serviceConfig(objects(), service);
        return `${config.AUTH_ISSUER} ${config.AUTH_AUDIENCE}`;
      });
      expect(new Set(claims).size).toBe(1);
      expect(claims[0]).not.toContain("undefined");
    });
  });
}
