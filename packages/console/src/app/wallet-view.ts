import { h, region, replaceContent } from "./dom";
import type { ConsoleState } from "./store";

/** Renders the balances into `#wallet-balances`. */
export function renderWallet(state: ConsoleState): void {
  const items = Object.entries(state.balances).sort(([a], [b]) => a.localeCompare(b));
  const list = region("wallet-balances");
  if (items.length === 0) {
    replaceContent(list, h("p", { class: "empty" }, "Nothing in the wallet yet."));
    return;
  }
  replaceContent(
    list,
    ...items.flatMap(([item, qty]) => [h("dt", {}, item), h("dd", { "data-item": item }, qty)]),
  );
}
