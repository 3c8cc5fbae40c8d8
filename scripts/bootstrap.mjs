#!/usr/bin/env node
// Lets `npm run dev` and `npm test` work on a machine that has only Node.js and npm: finds Bun
// 1.4.5 (or installs it into .tools/), installs the workspace from bun.lock when it changed, then
// runs scripts/<task>.ts under Bun. `bun run dev` and `bun run test` come through here too.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BUN_VERSION = "1.4.5";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [task, ...args] = process.argv.slice(2);
const script = join(root, "scripts", `${task}.ts`);
if (!task || !existsSync(script)) {
  console.error(`usage: node scripts/bootstrap.mjs <task> (no scripts/${task}.ts)`);
  process.exit(2);
}

function versionOf(bin) {
  try {
    return execFileSync(bin, ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

function findBun() {
  const local = join(root, ".tools", "node_modules", ".bin", "bun");
  for (const candidate of [process.env.BUN_BIN, "bun", local]) {
    if (candidate && versionOf(candidate) === BUN_VERSION) return candidate;
  }
  console.error(`bootstrap: installing Bun ${BUN_VERSION} into .tools/ (once)`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(
    npm,
    [
      "install",
      "--prefix",
      join(root, ".tools"),
      "--no-save",
      "--no-audit",
      "--no-fund",
      `bun@${BUN_VERSION}`,
    ],
    { stdio: "inherit" },
  );
  if (result.status !== 0 || versionOf(local) !== BUN_VERSION) {
    console.error(
      "bootstrap: could not install Bun; install it yourself (npm i -g bun@1.4.5) and retry",
    );
    process.exit(1);
  }
  return local;
}

function installDependencies(bun) {
  const stamp = join(root, "node_modules", ".questline-lock-hash");
  const hash = createHash("sha256")
    .update(readFileSync(join(root, "bun.lock")))
    .digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  console.error("bootstrap: installing dependencies from bun.lock");
  const result = spawnSync(bun, ["install", "--frozen-lockfile"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, hash);
}

const bun = findBun();
installDependencies(bun);
const bunDir = dirname(bun) === "." ? "" : resolve(dirname(bun));
const env = { ...process.env, PATH: [bunDir, process.env.PATH].filter(Boolean).join(delimiter) };
const child = spawn(bun, ["run", script, ...args], { cwd: root, stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
