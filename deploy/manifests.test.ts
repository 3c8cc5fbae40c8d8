import { expect, test } from "bun:test";
import { describeRendered, render } from "./render";
import { modelPath, validateAgainstSchema } from "./schema";

describeRendered("every overlay renders to objects the Kubernetes API accepts", () => {
  for (const overlay of ["base", "eks", "local"] as const) {
    test(`${overlay}: each object matches its API schema`, async () => {
      const objects = render(overlay);
      expect(objects.length).toBeGreaterThan(20);
      const failures: string[] = [];
      for (const object of objects) {
        await validateAgainstSchema(object).catch((error: unknown) => {
          failures.push(`${object.kind}/${object.metadata.name}: ${String(error)}`);
        });
      }
      expect(failures).toEqual([]);
    });

    test(`${overlay}: everything lives in the questline namespace`, () => {
      for (const object of render(overlay)) {
        if (object.kind === "Namespace") expect(object.metadata.name).toBe("questline");
        else
          expect(`${object.kind}/${object.metadata.name} in ${object.metadata.namespace}`).toBe(
            `${object.kind}/${object.metadata.name} in questline`,
          );
      }
    });

    test(`${overlay}: names are unique per kind`, () => {
      const ids = render(overlay).map((object) => `${object.kind}/${object.metadata.name}`);
      expect(new Set(ids).size).toBe(ids.length);
    });
  }
});

test("the schema check rejects an object that breaks the API schema", async () => {
  const broken = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "broken" },
    spec: {
      selector: { matchLabels: { app: "broken" } },
      template: {
        spec: { containers: [{ name: "x", image: "x", ports: [{ containerPort: "80" }] }] },
      },
    },
  };
  await expect(validateAgainstSchema(broken)).rejects.toThrow("containerPort must be integer");
  await expect(
    validateAgainstSchema({
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
    }),
  ).rejects.toThrow("no Kubernetes schema for example.com/v1 Widget");
  expect(modelPath({ apiVersion: "v1", kind: "Service" })).toBe("kubernetes-models/v1/Service");
});
