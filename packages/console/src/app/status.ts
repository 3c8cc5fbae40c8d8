import { region } from "./dom";

/**
 * One polite live region for what just happened ("Reward claimed", an error): screen readers
 * announce it, sighted users see it under the header.
 */
export function announce(message: string, tone: "info" | "error" = "info"): void {
  const status = region("status");
  status.textContent = message;
  status.dataset.tone = tone;
}

/** The human text of any failure. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : "Something went wrong";
