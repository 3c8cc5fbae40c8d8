/**
 * `bun services/<name>/src/main.ts migrate` (or `<binary> migrate`): opens the service's storage,
 * which migrates it under the kit's lock, closes it and exits. Kubernetes runs this as an init
 * container so a new version's schema is in place before it serves. Other arguments: no-op.
 */
export async function runMigrateCommand(
  argv: readonly string[],
  openStorage: () => Promise<{ close(): Promise<void> }>,
): Promise<void> {
  if (argv[2] !== "migrate") return;
  await (await openStorage()).close();
  process.exit(0);
}
