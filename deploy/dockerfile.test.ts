import { describe, expect, test } from "bun:test";
import { validate } from "dockerfile-utils";
import { type Instruction, parseDockerfile, readDockerfile } from "./dockerfile";
import { secretVariables, services } from "./topology";

const instructions = parseDockerfile(await readDockerfile());
const all = (keyword: string) => instructions.filter((entry) => entry.keyword === keyword);
const finalStage = instructions.slice(
  instructions.findLastIndex((entry) => entry.keyword === "FROM"),
);

describe("Dockerfile", () => {
  test("the linter finds no error and no warning", async () => {
    expect(validate(await readDockerfile())).toEqual([]);
  });

  test("the linter does report a broken Dockerfile", () => {
    const problems = validate(
      "FROM oven/bun:1.4.5-slim\nEXPOSE 99999\nWORKDIR app\nmaintainer x\n",
    );
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });

  test("every stage starts from the Bun image of the toolchain, pinned by version tag", () => {
    const base = all("ARG").find((entry) => entry.args.startsWith("BUN_IMAGE="));
    expect(base?.args).toBe(`BUN_IMAGE=oven/bun:${Bun.version}-slim`);
    const stages = all("FROM").map((entry) => entry.args.split(" ")[0]);
    expect(stages).toEqual([`\${BUN_IMAGE}`, `\${BUN_IMAGE}`, `\${BUN_IMAGE}`]);
    expect(all("ADD")).toEqual([]);
  });

  test("production dependencies come from the committed lockfile only", () => {
    const installs = all("RUN").filter((entry) => entry.args.includes("bun install"));
    expect(installs.map((entry) => entry.args)).toEqual([
      "bun install --frozen-lockfile --production --ignore-scripts",
    ]);
  });

  test("the final stage ships the chosen service and its migrations, and runs as uid 10001", () => {
    const copies = finalStage
      .filter((entry) => entry.keyword === "COPY")
      .map((entry) => entry.args);
    expect(copies).toContain(`services/\${SERVICE} ./services/\${SERVICE}`);
    const env = finalStage.filter((entry) => entry.keyword === "ENV").map((entry) => entry.args);
    expect(env.join(" ")).toContain(`MIGRATIONS_DIR=/app/services/\${SERVICE}/drizzle`);
    const users = finalStage.filter((entry) => entry.keyword === "USER");
    expect(users.map((entry) => entry.args)).toEqual(["10001:10001"]);
    const lastRun = finalStage.findLastIndex((entry) => entry.keyword === "RUN");
    expect(finalStage.findIndex((entry) => entry.keyword === "USER")).toBeGreaterThan(lastRun);
  });

  test("the health check probes /health through the shipped script, in exec form", () => {
    const healthchecks = all("HEALTHCHECK").map((entry: Instruction) => entry.args);
    expect(healthchecks).toHaveLength(1);
    expect(healthchecks[0]).toEndWith('CMD ["bun", "/app/healthcheck.ts"]');
    expect(all("COPY").map((entry) => entry.args)).toContain(
      "deploy/healthcheck.ts ./healthcheck.ts",
    );
    expect(JSON.parse(all("ENTRYPOINT")[0]?.args ?? "null")).toEqual(["bun", "src/main.ts"]);
    expect(all("CMD")).toEqual([]);
  });

  test("every service's ports are exposed", () => {
    const ranges = all("EXPOSE").flatMap((entry) => entry.args.split(" "));
    const exposed = (port: number) =>
      ranges.some((range) => {
        const [low = "", high = low] = range.split("-");
        return Number(low) <= port && port <= Number(high);
      });
    for (const service of services) {
      expect(exposed(service.httpPort)).toBe(true);
      if (service.grpcPort) expect(exposed(service.grpcPort)).toBe(true);
    }
  });

  test("no credential is set at build time", () => {
    const names = [...all("ENV"), ...all("ARG")].flatMap((entry) =>
      [...entry.args.matchAll(/(?:^|\s)([A-Z_][A-Z0-9_]*)=/g)].map((match) => match[1] ?? ""),
    );
    expect(names.length).toBeGreaterThan(4);
    for (const name of names) {
      expect(secretVariables).not.toContain(name);
      expect(name).not.toMatch(/SECRET|TOKEN|PASSWORD|SIGNING|PRIVATE/);
    }
  });
});
