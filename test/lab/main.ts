// CLI entry for the CORS lab: starts it on LAB_PAGE_PORT / LAB_API_PORT (5173 / 5174) and stops on SIGINT/SIGTERM.

import { startLab } from "./server";

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
}

const lab = await startLab({
  pagePort: port("LAB_PAGE_PORT", 5173),
  apiPort: port("LAB_API_PORT", 5174),
  fallbackToFreePort: true,
});
console.log(`CORS lab: ${lab.pageOrigin}/  (API at ${lab.apiOrigin} and ${lab.altOrigin})`);

const shutdown = (): void => {
  lab.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
