/**
 * Validates rendered objects against the Kubernetes API's OpenAPI schemas, offline, through the
 * validators that `kubernetes-models` generates from them. These check types, enums, formats and
 * required fields; they do not reject unknown fields, which the rule tests cover for the fields
 * that matter by reading them.
 */
import type { KubeObject } from "./render";

interface Validatable {
  validate(): void;
}

type ModelClass = new (data: KubeObject) => Validatable;

/** The kubernetes-models module holding a kind: `v1/Service`, `apps/v1/Deployment`, ... */
export function modelPath({ apiVersion, kind }: Pick<KubeObject, "apiVersion" | "kind">): string {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

/** Throws when the object breaks its kind's schema or its kind has no schema. */
export async function validateAgainstSchema(object: KubeObject): Promise<void> {
  let module: Record<string, unknown>;
  try {
    module = (await import(modelPath(object))) as Record<string, unknown>;
  } catch {
    throw new Error(`no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
  }
  const Model = module[object.kind] as ModelClass | undefined;
  if (Model === undefined) {
    throw new Error(`no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
  }
  new Model(object).validate();
}
