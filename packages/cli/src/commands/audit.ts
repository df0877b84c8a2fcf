import { existsSync } from 'node:fs';
import { openStore, type Store } from '@faultline/store';
import type { Output, RegisterCommand } from '../program.js';

interface VerifyOptions {
  db?: string;
  anchor?: string;
  json?: boolean;
}

/**
 * `faultline audit verify`: checks the studio's append-only audit log, entry by entry, against its
 * hash chain, and names the first broken link. Exit 0 when intact, 1 when broken or unreadable.
 */
export const registerAudit: RegisterCommand = (program, output, done) => {
  const audit = program.command('audit').description("the studio's hash-chained audit log");
  audit
    .command('verify')
    .description('check every audit entry against the hash chain and name the first broken link')
    .option(
      '--db <path>',
      'the SQLite file (default ./faultline.db); FAULTLINE_DATABASE_URL=postgres://… for PostgreSQL',
    )
    .option(
      '--anchor <seq:hash>',
      "an earlier verify's head, kept elsewhere: also catches entries cut off the end or rewritten",
    )
    .option('--json', 'print the verification as JSON')
    .action(async (options: VerifyOptions) => done(await verify(options, output)));
};

async function verify(options: VerifyOptions, output: Output): Promise<number> {
  const anchor = options.anchor === undefined ? undefined : parseAnchor(options.anchor);
  if (anchor instanceof Error) return fail(output, anchor.message);
  const url = process.env.FAULTLINE_DATABASE_URL;
  const path = options.db ?? (url ? undefined : './faultline.db');
  // Verifying must never create the database it was asked to check.
  if (path !== undefined && !existsSync(path)) return fail(output, `no database at ${path}: pass --db PATH`);
  let store: Store | undefined;
  try {
    store = await openStore(path === undefined ? { url } : { path });
    const result = await store.audit.verify(anchor ? { anchor } : {});
    if (options.json) output.out(`${JSON.stringify(result, null, 2)}\n`);
    else if (result.ok)
      output.out(
        `ok: ${result.entries} audit entries verified${result.head ? `; head ${result.head.seq}:${result.head.hash}` : ''}\n`,
      );
    else
      output.out(
        `broken: the audit log breaks at entry ${result.firstBroken?.seq}: ${result.firstBroken?.reason} (${result.entries} entries checked)\n`,
      );
    return result.ok ? 0 : 1;
  } catch (error) {
    return fail(output, error instanceof Error ? error.message : String(error));
  } finally {
    await store?.close();
  }
}

function parseAnchor(text: string): { seq: number; hash: string } | Error {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text);
  if (!match)
    return new Error(`--anchor: expected SEQ:HASH as a verify printed it (like 12:3f…), got "${text}"`);
  return { seq: Number(match[1]), hash: match[2]! };
}

function fail(output: Output, message: string): number {
  output.err(`faultline audit verify: ${message}\n`);
  return 1;
}
