/**
 * Renders the kustomize overlays under k8s/ with `kubectl kustomize` (kustomize v5, bundled with
 * kubectl ≥ 1.27) and parses the result. Debian's own kubectl (kubernetes-client 1.20) bundles
 * kustomize v2, which cannot read these overlays: deploy/ensure-tools.sh installs a current one.
 */
import { join } from "node:path";
import { describeNeeding } from "@questline/kit/testing/variants";
import { parseAllDocuments } from "yaml";

export const repoRoot = join(import.meta.dir, "..");

export type Overlay = "base" | "eks" | "local";

/** A rendered Kubernetes object; the schema tests check the rest of its shape. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

function kustomizeMajorVersion(): number | undefined {
  const kubectl = Bun.which("kubectl");
  if (kubectl === null) return undefined;
  const result = Bun.spawnSync([kubectl, "version", "--client", "-o", "json"]);
  if (result.exitCode !== 0) return undefined;
  const version = JSON.parse(result.stdout.toString()) as { kustomizeVersion?: string };
  const major = /^v(\d+)\./.exec(version.kustomizeVersion ?? "")?.[1];
  return major === undefined ? undefined : Number(major);
}

/** Whether `kubectl kustomize` here can render the overlays. */
export const canRender = (kustomizeMajorVersion() ?? 0) >= 5;

/**
 * `describe` for suites that render manifests: without a usable kubectl they fail under CI
 * and are skipped with a visible notice elsewhere.
 */
export function describeRendered(name: string, suite: () => void): void {
  const missing = canRender
    ? undefined
    : "kubectl with kustomize v5 is missing: run deploy/ensure-tools.sh";
  describeNeeding(name, missing, suite);
}

const rendered = new Map<Overlay, KubeObject[]>();

/** The objects `kubectl kustomize` produces for an overlay (or the base), rendered once per run. */
export function render(overlay: Overlay): KubeObject[] {
  const cached = rendered.get(overlay);
  if (cached) return cached;
  const dir = join(repoRoot, "k8s", overlay === "base" ? "base" : `overlays/${overlay}`);
  const result = Bun.spawnSync(["kubectl", "kustomize", dir]);
  if (result.exitCode !== 0) {
    throw new Error(`kubectl kustomize ${dir} failed:\n${result.stderr.toString()}`);
  }
  const objects = parseAllDocuments(result.stdout.toString()).map((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJS() as KubeObject;
  });
  rendered.set(overlay, objects);
  return objects;
}

/** The objects of one kind, typed by the caller after the schema suite has validated them. */
export function ofKind<T>(objects: readonly KubeObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as T[];
}

/** The single object of a kind and name; throws when there is none. */
export function named<T>(objects: readonly KubeObject[], kind: string, name: string): T {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} named ${name}`);
  return found as T;
}
