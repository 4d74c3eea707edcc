import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { repoRoot } from "../../src/config/readConfig.js";

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH names another build. */
export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Where the browser tests leave their screenshots (git-ignored). */
export const SCREENSHOT_DIR = path.join(repoRoot, "test-results", "browser");

/** A headless Chromium with a fresh profile, and every request a page made to a host off this machine. */
export interface HeadlessChromium {
  context: BrowserContext;
  /** URLs of requests to anything but loopback; the pages must make none (they work offline). */
  offMachineRequests: string[];
  screenshotPath(name: string): string;
  close(): Promise<void>;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** True for a request that would leave this machine; data: and blob: URLs never touch a network. */
export function isOffMachine(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === "data:" || parsed.protocol === "blob:" || parsed.protocol === "about:")
    return false;
  return !LOOPBACK.test(parsed.hostname);
}

/**
 * Launches the system Chromium through playwright-core (never a downloaded browser), headless, as
 * root, with background networking off and a new empty profile. Requests off this machine are
 * recorded and refused, so a page that needs a CDN fails here as it would offline.
 */
export async function launchHeadlessChromium(): Promise<HeadlessChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get update && apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
    );
  }
  const profile = mkdtempSync(path.join(tmpdir(), "footprints-chromium-"));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // launchPersistentContext passes the profile as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const offMachineRequests: string[] = [];
  context.on("request", (request) => {
    if (isOffMachine(request.url())) offMachineRequests.push(request.url());
  });
  await context.route(
    (url) => isOffMachine(url.href),
    (route) => route.abort("internetdisconnected"),
  );
  return {
    context,
    offMachineRequests,
    screenshotPath: (name) => path.join(SCREENSHOT_DIR, `${name}.png`),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
