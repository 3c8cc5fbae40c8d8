import { h, region, replaceContent } from "./dom";
import type { ConsoleState, PlayerEvent } from "./store";

const HISTORY_SHOWN = 25;

/** A short line of an event's data: its plain values but ids, e.g. `questName: sign-up · progress: 1`. */
function summaryOf(event: PlayerEvent): string {
  return Object.entries(event.data)
    .filter(
      ([key, value]) => !/Id$/.test(key) && ["string", "number", "boolean"].includes(typeof value),
    )
    .map(([key, value]) => `${key}: ${value}`)
    .join(" · ");
}

/** Renders the newest events first into `#history-list`. */
export function renderHistory(state: ConsoleState): void {
  const recent = state.history.slice(-HISTORY_SHOWN).reverse();
  const list = region("history-list");
  if (recent.length === 0) {
    replaceContent(list, h("li", { class: "empty" }, "No events yet."));
    return;
  }
  replaceContent(
    list,
    ...recent.map((event) =>
      h(
        "li",
        { "data-type": event.type },
        h(
          "time",
          { datetime: event.occurred_at },
          new Date(event.occurred_at).toLocaleTimeString(),
        ),
        " ",
        h("strong", {}, event.type),
        " ",
        h("span", { class: "meta" }, summaryOf(event)),
      ),
    ),
  );
}
