// The executable behind dist/cli/cors-lens.mjs: hands the process's arguments and streams to main().

import { main } from "./main";

// https://no-color.org: a non-empty NO_COLOR turns colour off; so does anything that is not a terminal.
const color = process.stdout.isTTY === true && !process.env.NO_COLOR;

main(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  color,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `cors-lens: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    // Not one of the contract's codes on purpose: a bug must not read as "blocked" or "bad usage".
    process.exitCode = 70;
  },
);
