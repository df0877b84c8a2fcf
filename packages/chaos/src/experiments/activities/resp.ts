/*
 * Just enough of Redis's RESP2 for a probe: commands as arrays of bulk strings, and a reader for
 * the five reply types. A full client (ioredis) would be a dependency for three commands.
 */

/** A command as Redis reads it: an array of bulk strings. */
export function encodeCommand(parts: readonly (string | number)[]): Buffer {
  const chunks = [`*${parts.length}\r\n`];
  for (const part of parts) {
    const text = String(part);
    chunks.push(`$${Buffer.byteLength(text)}\r\n${text}\r\n`);
  }
  return Buffer.from(chunks.join(''));
}

/** A reply: text, a number, null, a list, or an error reply. */
export type RespValue = string | number | null | RespValue[] | { error: string };

/** Reads one reply from `buffer` at `offset`: the value and where it ends, or undefined if incomplete. */
export function readReply(buffer: Buffer, offset = 0): { value: RespValue; end: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const kind = String.fromCharCode(buffer[offset]!);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (kind) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: { error: line }, end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: RespValue[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = readReply(buffer, at);
        if (!item) return undefined;
        items.push(item.value);
        at = item.end;
      }
      return { value: items, end: at };
    }
    default:
      throw new Error(`not a Redis reply: starts with ${JSON.stringify(kind)}`);
  }
}
