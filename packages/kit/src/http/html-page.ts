/**
 * The headers of every HTML page Questline serves (the console, the Swagger UI, the gateway's
 * /docs): a Content-Security-Policy that lets the page load nothing from elsewhere and run no
 * script it did not name, no framing, no MIME sniffing, no referrer.
 */
import { createHash } from "node:crypto";

export interface PagePolicy {
  /** `script-src` sources beyond none, e.g. `'self'`. */
  scripts?: string[];
  /** `style-src` sources. */
  styles?: string[];
  images?: string[];
  /** `connect-src` sources (what the page may fetch). */
  connect?: string[];
}

const list = (sources: string[] | undefined) =>
  sources === undefined || sources.length === 0 ? "'none'" : sources.join(" ");

export function contentSecurityPolicy(policy: PagePolicy): string {
  return [
    "default-src 'none'",
    `script-src ${list(policy.scripts)}`,
    `style-src ${list(policy.styles)}`,
    `img-src ${list(policy.images)}`,
    `connect-src ${list(policy.connect)}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The response headers of an HTML page under `policy`. */
export const htmlPageHeaders = (policy: PagePolicy): Record<string, string> => ({
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-cache",
  "content-security-policy": contentSecurityPolicy(policy),
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
});

/** A CSP source for one inline `<style>` or `<script>` body: `'sha256-…'`. */
export const inlineSource = (body: string): string =>
  `'sha256-${createHash("sha256").update(body).digest("base64")}'`;
