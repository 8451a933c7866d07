// The `cors-lens` command: parses arguments, runs the check, prints the report or the export, returns the exit code.

import { version } from "../../package.json";
import { buildExport } from "../report/export";
import { markdownReport } from "../report/markdown";
import { parseCommand, UsageError } from "./args";
import { auditCommand } from "./audit";
import { harCommand } from "./har";
import { fixFor } from "../fixes/index";
import type { CliIo } from "./io";
import { dnsLookup, localNetworkOfCheck } from "./local-network";
import { renderReport, style } from "./render";
import { repeatLines } from "./preflight-lines";
import { runRepeated } from "./repeat";

/** Contract 5 of DESIGN.md: scripts and CI steps rely on these numbers. */
export const EXIT = { allowed: 0, blocked: 1, usage: 2, unreachable: 3 } as const;

export const VERSION: string = version;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`cors-lens: ${err.message}\nRun 'cors-lens --help' for usage.\n`);
    return EXIT.usage;
  }
  if (command.kind === "help") {
    io.out(command.usage);
    return EXIT.allowed;
  }
  const userAgent = `cors-lens/${VERSION} (Node ${process.versions.node})`;
  if (command.kind === "audit") return auditCommand(command.options, io, userAgent);
  if (command.kind === "har") return harCommand(command.options, io, VERSION);
  const o = command.options;
  const [run, localNetwork] = await Promise.all([
    runRepeated(
      {
        url: o.url,
        origin: o.origin,
        method: o.method,
        headers: o.headers,
        credentials: o.credentials,
        timeoutMs: o.timeoutMs,
        userAgent,
      },
      o.repeat,
    ),
    localNetworkOfCheck(o.origin, o.url, io.lookup ?? dnsLookup),
  ]);
  // The first call is the one reported (it carries the preflight); --json and --md hold every call.
  const { record } = run.results[0]!;
  const records = run.results.map((r) => r.record);
  const unreachable = run.results.find((r) => r.unreachable)?.unreachable ?? null;

  if (o.json) {
    const doc = buildExport(records, {
      extensionVersion: VERSION,
      browser: { name: "cli", version: VERSION },
      pageUrl: null,
      includeSecrets: o.includeSecrets,
      ...(o.stack ? { stack: o.stack } : {}),
    });
    io.out(JSON.stringify(localNetwork ? { ...doc, localNetwork } : doc, null, 2) + "\n");
    if (unreachable) io.err(`cors-lens: ${unreachable.message}\n`);
  } else if (o.md) {
    const ticket = markdownReport(records, {
      browser: { name: "cli", version: VERSION },
      pageUrl: null,
      stack: o.stack ?? "headers",
      includeSecrets: o.includeSecrets,
    });
    io.out(localNetwork ? `${ticket}\n> **Local Network Access:** ${localNetwork.warning}\n` : ticket);
    if (unreachable) io.err(`cors-lens: ${unreachable.message}\n`);
  } else {
    const fix = o.stack ? fixFor(record, o.stack) : null;
    const repeated = o.repeat > 1 ? repeatLines(run, o.repeat, style(io.color)).join("\n") + "\n" : "";
    io.out(renderReport(record, unreachable, fix, style(io.color), localNetwork) + repeated);
  }

  if (unreachable) return EXIT.unreachable;
  return records.every((r) => r.diagnosis.outcome === "allowed") ? EXIT.allowed : EXIT.blocked;
}
