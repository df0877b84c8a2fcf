import { describe, expect, it } from 'vitest';
import { MAX_HEAD_BYTES, RequestFramer } from './request-framer.js';

type Event = [string, string];

/** Feeds `input` to a framer in pieces of `step` bytes and records what it reports. */
function frame(input: string, step = input.length): Event[] {
  const events: Event[] = [];
  const framer = new RequestFramer({
    head: (head, raw) => events.push(['head', `${head.method} ${head.target} ${raw.length}`]),
    body: (raw) => raw.length > 0 && events.push(['body', raw.toString('latin1')]),
    requestEnd: () => events.push(['end', '']),
    opaque: (raw) => events.push(['opaque', raw.toString('latin1')]),
  });
  const bytes = Buffer.from(input, 'latin1');
  for (let i = 0; i < bytes.length; i += step) framer.push(bytes.subarray(i, i + step));
  return events;
}

/** Joins consecutive body events, so results do not depend on how the input was cut. */
function merged(events: Event[]): Event[] {
  const out: Event[] = [];
  for (const event of events) {
    const last = out.at(-1);
    if (last && last[0] === event[0] && (event[0] === 'body' || event[0] === 'opaque')) last[1] += event[1];
    else out.push([...event]);
  }
  return out;
}

const GET = 'GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\n';
const POST = 'POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello';
const CHUNKED =
  'POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nTrailer: t\r\n\r\n';

describe('the HTTP request framer', () => {
  it('finds each request of a keep-alive connection, bodies by length or chunks, whatever the reads', () => {
    const input = GET + POST + CHUNKED + GET;
    const expected: Event[] = [
      ['head', `GET /a?x=1 ${GET.length}`],
      ['end', ''],
      ['head', 'POST /b 39'],
      ['body', 'hello'],
      ['end', ''],
      ['head', 'POST /c 48'],
      ['body', '5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nTrailer: t\r\n\r\n'],
      ['end', ''],
      ['head', `GET /a?x=1 ${GET.length}`],
      ['end', ''],
    ];
    for (const step of [1, 2, 7, 64, input.length]) expect(merged(frame(input, step))).toEqual(expected);
  });

  it('passes the connection through as opaque bytes after an upgrade', () => {
    const upgrade = 'GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n';
    expect(merged(frame(`${upgrade}\u0001\u0002GET / HTTP/1.1\r\n\r\n`))).toEqual([
      ['head', `GET /ws ${upgrade.length}`],
      ['opaque', '\u0001\u0002GET / HTTP/1.1\r\n\r\n'],
    ]);
  });

  it('gives up on what is not HTTP/1.x, and on a head that never ends, passing every byte on', () => {
    expect(merged(frame('\u0016\u0003\u0001binary TLS\r\n\r\nmore'))).toEqual([
      ['opaque', '\u0016\u0003\u0001binary TLS\r\n\r\nmore'],
    ]);
    const endless = `GET / HTTP/1.1\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`;
    const events = merged(frame(endless, 4096));
    expect(events).toEqual([['opaque', endless]]);
  });

  it('passes on an unfinished head when the stream ends', () => {
    const events: string[] = [];
    const framer = new RequestFramer({
      head: () => events.push('head'),
      body: () => events.push('body'),
      requestEnd: () => events.push('end'),
      opaque: (raw) => events.push(`opaque ${raw.toString()}`),
    });
    framer.push(Buffer.from('GET / HT'));
    framer.flush();
    expect(events).toEqual(['opaque GET / HT']);
  });
});
