/** Typed views of the rendered workloads (Deployments and StatefulSets) that the rule tests read. */
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import { type KubeObject, named, ofKind } from "./render";

export interface Workload {
  kind: "Deployment" | "StatefulSet";
  name: string;
  replicas: number | undefined;
  selector: Record<string, string>;
  podLabels: Record<string, string>;
  pod: IPodSpec;
  source: IDeployment | IStatefulSet;
}

/** Every Deployment and StatefulSet of an overlay. */
export function workloads(objects: readonly KubeObject[]): Workload[] {
  const sets: Array<IDeployment | IStatefulSet> = [
    ...ofKind<IDeployment>(objects, "Deployment"),
    ...ofKind<IStatefulSet>(objects, "StatefulSet"),
  ];
  return sets.map((source) => {
    const spec = source.spec;
    if (spec?.template.spec === undefined) throw new Error(`${source.kind} without a pod spec`);
    return {
      kind: source.kind,
      name: source.metadata?.name ?? "",
      replicas: spec.replicas,
      selector: spec.selector.matchLabels ?? {},
      podLabels: spec.template.metadata?.labels ?? {},
      pod: spec.template.spec,
      source,
    };
  });
}

/** The workload that runs a service, whatever its kind. */
export function workloadOf(objects: readonly KubeObject[], service: string): Workload {
  const found = workloads(objects).find((workload) => workload.name === service);
  if (found === undefined) throw new Error(`no workload runs ${service}`);
  return found;
}

/** The container named after its service. */
export function serviceContainer(workload: Workload): IContainer {
  const container = workload.pod.containers.find((candidate) => candidate.name === workload.name);
  if (container === undefined) throw new Error(`${workload.name} has no container of that name`);
  return container;
}

/** Every container of the pod, init containers included. */
export function allContainers(workload: Workload): IContainer[] {
  return [...(workload.pod.initContainers ?? []), ...workload.pod.containers];
}

/** The service's ConfigMap data (`<service>-config`). */
export function serviceConfig(
  objects: readonly KubeObject[],
  service: string,
): Record<string, string> {
  return named<IConfigMap>(objects, "ConfigMap", `${service}-config`).data ?? {};
}

/** True when every label of the selector is on the pod. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
