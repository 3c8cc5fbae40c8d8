/**
 * What one wallet grant may hold. Auth refuses any other grant; the catalog refuses any quest
 * reward beyond these at creation, and processing skips such a quest, so a claim is never accepted
 * for a reward the wallet would refuse (the outbox would retry it forever).
 */

/** Item names: 1-64 of [a-z0-9_.:-], starting with a letter. */
export const ITEM_PATTERN = /^[a-z][a-z0-9_.:-]{0,63}$/;
/** Items in one grant, and so rewards in one quest. */
export const MAX_GRANT_ITEMS = 10;
/** The largest quantity of one item in one grant, and so of one quest reward. */
export const MAX_GRANT_QTY = 1_000_000;
