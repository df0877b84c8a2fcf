import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@faultline/store';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type Output } from '../program.js';

function capture(): Output & { stdout: string; stderr: string } {
  const output = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out: (text: string) => void (output.stdout += text),
    err: (text: string) => void (output.stderr += text),
  };
  return output;
}

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function databaseWithHistory(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'faultline-audit-'));
  folders.push(folder);
  const path = join(folder, 'studio.db');
  const store = await openStore({ path });
  const design = await store.designs.create({ document: { name: 'shop' }, actor: 'ann' });
  await store.designs.update({
    id: design.id,
    expectedVersion: 1,
    document: { name: 'shop', seed: 7 },
    actor: 'bob',
  });
  await store.runs.create({ designId: design.id, params: { seed: 7 }, actor: 'ann' });
  await store.close();
  return path;
}

describe('faultline audit verify', () => {
  it('verifies an intact chain and prints its head', async () => {
    const path = await databaseWithHistory();
    const output = capture();
    expect(await main(['node', 'faultline', 'audit', 'verify', '--db', path], output)).toBe(0);
    expect(output.stdout).toMatch(/^ok: 3 audit entries verified; head 3:[0-9a-f]{64}\n$/);
  });

  it('names the first broken link after an entry is changed behind the store', async () => {
    const path = await databaseWithHistory();
    const raw = new Database(path);
    raw.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run();
    raw.close();
    const output = capture();
    expect(await main(['node', 'faultline', 'audit', 'verify', '--db', path, '--json'], output)).toBe(1);
    const result = JSON.parse(output.stdout);
    expect(result.ok).toBe(false);
    expect(result.firstBroken.seq).toBe(2);
  });

  it('refuses a missing database instead of creating one, and a malformed anchor', async () => {
    const output = capture();
    expect(
      await main(['node', 'faultline', 'audit', 'verify', '--db', '/nonexistent/studio.db'], output),
    ).toBe(1);
    expect(output.stderr).toContain('no database at /nonexistent/studio.db');
    const path = await databaseWithHistory();
    const second = capture();
    expect(await main(['node', 'faultline', 'audit', 'verify', '--db', path, '--anchor', 'x'], second)).toBe(
      1,
    );
    expect(second.stderr).toContain('--anchor: expected SEQ:HASH');
  });
});
