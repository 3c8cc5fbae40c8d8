import { expect, test } from "bun:test";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import { describeRendered, ofKind, render } from "./render";
import { services } from "./topology";
import { serviceConfig, serviceContainer, workloadOf } from "./workloads";

/** A pod spec with what the local overlay may change taken out: the data volume and image tags. */
function comparable(pod: IPodSpec): unknown {
  const text = JSON.stringify({
    ...pod,
    volumes: (pod.volumes ?? []).filter((volume) => volume.name !== "data"),
  });
  return JSON.parse(
    text.replaceAll(/"image":"([^":]+):local"/g, '"image":"$1"').replaceAll(',"optional":true', ""),
  );
}

describeRendered("local overlay", () => {
  const objects = () => render("local");

  test("services with data are one-replica StatefulSets keeping DATA_DIR on a volume claim", () => {
    for (const service of services.filter((candidate) => candidate.hasDatabase)) {
      const workload = workloadOf(objects(), service.name);
      expect(workload.kind).toBe("StatefulSet");
      expect(workload.replicas).toBe(1);
      const claims = (workload.source as IStatefulSet).spec?.volumeClaimTemplates ?? [];
      expect(claims.map((claim) => [claim.metadata?.name, claim.spec?.accessModes])).toEqual([
        ["data", ["ReadWriteOnce"]],
      ]);
      const dataDir = serviceConfig(objects(), service.name).DATA_DIR;
      const mount = serviceContainer(workload).volumeMounts?.find((entry) => entry.name === "data");
      expect(mount?.mountPath).toBe(dataDir ?? "DATA_DIR unset");
    }
  });

  test("one gateway replica, nothing autoscaled, no Ingress", () => {
    const gateway = workloadOf(objects(), "gateway");
    expect(gateway.kind).toBe("Deployment");
    expect(gateway.replicas).toBeUndefined();
    expect(ofKind(objects(), "HorizontalPodAutoscaler")).toEqual([]);
    expect(ofKind(objects(), "Ingress")).toEqual([]);
  });

  test("images are the locally built questline-<service>:local", () => {
    for (const service of services) {
      const container = serviceContainer(workloadOf(objects(), service.name));
      expect(container.image).toBe(`questline-${service.name}:local`);
    }
  });

  test("each StatefulSet runs the same pod as the base Deployment it replaces", () => {
    const base = render("base");
    for (const set of ofKind<IStatefulSet>(objects(), "StatefulSet")) {
      const name = set.metadata?.name ?? "";
      const pod = set.spec?.template.spec;
      if (pod === undefined) throw new Error(`${name} has no pod spec`);
      expect(comparable(pod)).toEqual(comparable(workloadOf(base, name).pod));
      expect(set.spec?.template.metadata).toEqual(
        ofKind<IStatefulSet>(base, "Deployment").find(
          (deployment) => deployment.metadata?.name === name,
        )?.spec?.template.metadata ?? {},
      );
    }
  });
});
