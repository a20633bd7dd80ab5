// Two kinds of failure, kept apart (as mapshaper's stop()/error()): a user's bad input (a UserError) → one line,
// exit 2; anything else is a bug → stack trace, exit 1. The CLI's translator of UserErrors (src/lib/errors.ts).
import { parseArgs as nodeParseArgs } from 'node:util';
import { operatorError, UserError } from '../lib/errors.ts';

/** A mistake in the command line or its files, told in one line (often "English / 中文" already). */
export const cliError = (message: string) => operatorError('cli_input', message);

export async function runCommand(fn: () => Promise<number | void>): Promise<never> {
  let code = 0;
  try {
    code = (await fn()) ?? 0;
  } catch (e) {
    if (e instanceof UserError) {
      const lang = (process.env.LANG ?? '').startsWith('zh') ? 'zh' : 'en';
      const msg = e.text[lang];
      process.stderr.write(`zeroland: ${msg.replace(/\s*\n\s*/g, ' ')}\n`);
      code = 2;
    } else {
      console.error(e);
      code = 1;
    }
  }
  await drained(process.stdout);
  await drained(process.stderr);
  process.exit(code);
}

/**
 * Resolves once everything written to `stream` so far has reached the OS. On a pipe Node writes
 * asynchronously: exiting earlier cuts the output (at 64 KiB), so `zeroland inspect big.dxf --json | jq` broke.
 * Writes complete in order, so the callback of an empty write comes after all earlier data.
 */
export function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('error', () => resolve()); // the reader went away (EPIPE): nothing left to wait for
    stream.write('', () => resolve());
  });
}

/** Flags through Node's util.parseArgs: --name value and --name=value, booleans as declared, positionals kept
 *  in order. An undeclared --name takes the next argument as its value (each command checks its own names). */
export function parseArgs(args: string[], booleans: string[] = []) {
  const { tokens } = nodeParseArgs({
    args,
    options: Object.fromEntries(booleans.map((b) => [b, { type: 'boolean' as const }])),
    strict: false,
    allowPositionals: true,
    tokens: true
  });
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i];
    if (tk.kind === 'positional') positional.push(tk.value);
    else if (tk.kind === 'option') {
      if (tk.inlineValue) flags[tk.name] = tk.value ?? '';
      else if (booleans.includes(tk.name)) flags[tk.name] = true;
      else {
        const next = tokens[i + 1];
        if (next?.kind !== 'positional') throw cliError(`--${tk.name} needs a value`);
        flags[tk.name] = next.value;
        i++;
      }
    }
  }
  return { flags, positional };
}
