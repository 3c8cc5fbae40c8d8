#!/usr/bin/env node
// Lets `npm run dev` and `npm test` work on a machine that has only Node.js and npm: finds Bun
// 1.4.5 (or installs it into .tools/), installs the workspace from bun.lock when it changed, then
// runs scripts/<task>.ts under Bun. `bun run dev` and `bun run test` come through here too.
// Deno 2.9.6 is found or installed the same way (into .tools/deno/) for what runs services on it:
// `dev --runtime deno`, the tests and the bench; its path reaches them as QUESTLINE_DENO.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BUN_VERSION = "1.4.5";
const DENO_VERSION = "2.9.6";

/** Tasks that run services on Deno (dev only when asked to). */
function needsDeno(task, args) {
  if (task === "test" || task === "bench") return true;
  const asked = args.some(
    (arg, i) => arg === "--runtime=deno" || (arg === "--runtime" && args[i + 1] === "deno"),
  );
  return task === "dev" && asked;
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [task, ...args] = process.argv.slice(2);
const script = join(root, "scripts", `${task}.ts`);
if (!task || !existsSync(script)) {
  console.error(`usage: node scripts/bootstrap.mjs <task> (no scripts/${task}.ts)`);
  process.exit(2);
}

function versionOf(bin) {
  try {
    const text = execFileSync(bin, ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    // Bun prints its version alone; Deno prints "deno 2.9.6 (stable, …)" and more lines.
    return /^deno (\S+)/.exec(text)?.[1] ?? text;
  } catch {
    return undefined;
  }
}

/** `npm install <spec>` into `prefix`, once; exits with `hint` when it did not work. */
function installTool(prefix, spec, bin, version, hint) {
  console.error(`bootstrap: installing ${spec} into ${prefix} (once)`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(
    npm,
    ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", spec],
    { stdio: "inherit" },
  );
  if (result.status !== 0 || versionOf(bin) !== version) {
    console.error(`bootstrap: could not install ${spec}; ${hint}`);
    process.exit(1);
  }
  return bin;
}

function findBun() {
  const local = join(root, ".tools", "node_modules", ".bin", "bun");
  for (const candidate of [process.env.BUN_BIN, "bun", local]) {
    if (candidate && versionOf(candidate) === BUN_VERSION) return candidate;
  }
  return installTool(
    join(root, ".tools"),
    `bun@${BUN_VERSION}`,
    local,
    BUN_VERSION,
    `install it yourself (npm i -g bun@${BUN_VERSION}) and retry`,
  );
}

/** Deno has its own prefix: a second `npm install --no-save` into .tools would remove Bun. */
function findDeno() {
  const local = join(root, ".tools", "deno", "node_modules", ".bin", "deno");
  for (const candidate of [process.env.QUESTLINE_DENO, "deno", local]) {
    if (candidate && versionOf(candidate) === DENO_VERSION) return candidate;
  }
  return installTool(
    join(root, ".tools", "deno"),
    `deno@${DENO_VERSION}`,
    local,
    DENO_VERSION,
    `install it yourself (npm i -g deno@${DENO_VERSION}) and retry, or set QUESTLINE_DENO`,
  );
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
if (needsDeno(task, args)) {
  const deno = findDeno();
  env.QUESTLINE_DENO = deno === "deno" ? deno : resolve(deno);
}
const child = spawn(bun, ["run", script, ...args], { cwd: root, stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
