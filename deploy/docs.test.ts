import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describeRendered, render, repoRoot } from "./render";
import { secretVariables, services } from "./topology";
import { allContainers, workloads } from "./workloads";

const guide = await Bun.file(join(repoRoot, "docs/deploy.md")).text();

/** Rows of a Markdown table whose first cell matches, split into trimmed cells. */
const rows = (firstCell: RegExp) =>
  guide
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => firstCell.test(cells[0] ?? ""));

test("the guide's port table matches the services' ports", () => {
  const table = rows(/^(gateway|auth|catalog|processing)$/).map((cells) => cells.slice(0, 3));
  expect(table).toEqual(
    services.map((service) => [
      service.name,
      String(service.httpPort),
      service.grpcPort ? String(service.grpcPort) : "–",
    ]),
  );
});

test("every repository path the guide names exists", () => {
  const paths = [...guide.matchAll(/`((?:k8s|deploy|services|docs)\/[\w./-]+)`/g)].map(
    (match) => match[1] ?? "",
  );
  expect(paths.length).toBeGreaterThan(5);
  expect(paths.filter((path) => !path.includes("<") && !existsSync(join(repoRoot, path)))).toEqual(
    [],
  );
});

describeRendered("the guide's Secret table", () => {
  const table = rows(/^`[a-z]+-secrets`$/).map(([name = "", keys = ""]) => ({
    name: name.replaceAll("`", ""),
    keys: [...keys.matchAll(/`([A-Z][A-Z_]+)`/g)].map((match) => match[1] ?? ""),
  }));

  test("names exactly the Secrets the eks overlay references", () => {
    const referenced = workloads(render("eks")).flatMap((workload) =>
      allContainers(workload).flatMap((container) =>
        (container.envFrom ?? []).flatMap((source) => source.secretRef?.name ?? []),
      ),
    );
    expect(table.map((row) => row.name).sort()).toEqual([...new Set(referenced)].sort());
  });

  test("lists only credentials, and a DATABASE_URL for each service with data", () => {
    for (const row of table) {
      for (const key of row.keys) expect(secretVariables).toContain(key);
      const service = services.find((candidate) => `${candidate.name}-secrets` === row.name);
      expect(row.keys.includes("DATABASE_URL")).toBe(service?.hasDatabase ?? false);
    }
  });
});
