import { socketUrlOf } from './client.js';

/** A JSON message stream over a WebSocket, reconnecting after a drop until closed. */
export interface Stream {
  close(): void;
}

/** Opens `path`'s WebSocket and hands every JSON message to `onMessage`; `onState` hears connects and drops. */
export function openStream<T>(args: {
  path: string;
  onMessage: (args: { message: T }) => void;
  onState?: (args: { connected: boolean }) => void;
}): Stream {
  let socket: WebSocket | undefined;
  let closed = false;
  let retryMs = 500;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    socket = new WebSocket(socketUrlOf(args.path));
    socket.onopen = () => {
      retryMs = 500;
      args.onState?.({ connected: true });
    };
    socket.onmessage = (event) => {
      try {
        args.onMessage({ message: JSON.parse(String(event.data)) as T });
      } catch {
        // A message we cannot read is skipped; the next snapshot carries the whole state again.
      }
    };
    socket.onclose = () => {
      args.onState?.({ connected: false });
      if (closed) return;
      // Back off so a restarting server is not hammered, but come back quickly on a blip.
      timer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}
