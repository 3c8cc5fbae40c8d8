/**
 * Why the domain refuses a command, in its own words and without a status: a tagged union, like
 * Emmett's NotFound / IllegalState errors. The application service turns each kind into the
 * kit's error once (`tracking/refusals.ts`), and the REST and RPC edges answer from that.
 */
export type QuestRefusal =
  /** The quest does not exist, or the player may not see it (not published). */
  | { type: "NotFound"; code: "quest_not_found"; message: string }
  /** The quest is there, but its state allows no such command now. */
  | {
      type: "IllegalState";
      code: "not_completed" | "max_claimed" | "already_claimed";
      message: string;
    }
  /** A quest definition the rules cannot apply (the catalog should have refused it). */
  | { type: "InvalidDefinition"; code: "invalid_timezone"; message: string };

/** What `decide` (and the calendar under it) throws: the refusal, and nothing was decided. */
export class QuestRefused extends Error {
  override readonly name = "QuestRefused";
  constructor(
    readonly refusal: QuestRefusal,
    options?: { cause?: unknown },
  ) {
    super(refusal.message, options);
  }
}

export const questNotFound = (questName: string): QuestRefused =>
  new QuestRefused({
    type: "NotFound",
    code: "quest_not_found",
    message: `Quest "${questName}" not found`,
  });
