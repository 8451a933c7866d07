// A port to the service worker that reconnects with backoff (the worker may be stopped at any time), re-watches,
// and keeps what is sent meanwhile until it can be delivered.

import type { ViewerMessage, WorkerMessage } from "../src/protocol/messages";
import { browser, type Runtime } from "./platform";

export interface ViewerPort {
  send(message: ViewerMessage): void;
  close(): void;
}

/** Messages kept while the worker is away; a restart takes a fraction of a second, so this is never reached. */
const MAX_WAITING = 1000;
/** MV3 stops a worker after 30 s without events; a message this often keeps it up while a tab is watched. */
const KEEPALIVE_MS = 20_000;

export function connectViewer(
  name: string,
  tabId: number,
  onMessage: (message: WorkerMessage) => void = () => {},
  via?: "devtools",
): ViewerPort {
  let port: Runtime.Port | null = null;
  let closed = false;
  let delay = 50;
  let waiting: ViewerMessage[] = [];

  const connect = (): void => {
    if (closed) return;
    try {
      port = browser.runtime.connect({ name });
    } catch {
      // The extension was reloaded or removed: this page is orphaned.
      return;
    }
    port.onMessage.addListener((m: unknown) => {
      delay = 50;
      onMessage(m as WorkerMessage);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      if (closed) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 2000);
    });
    port.postMessage({ type: "watch", tabId, ...(via ? { via } : {}) } satisfies ViewerMessage);
    const held = waiting;
    waiting = [];
    for (const m of held) port.postMessage(m);
  };
  connect();
  const keepalive = setInterval(() => {
    try {
      port?.postMessage({ type: "ping", tabId } satisfies ViewerMessage);
    } catch {
      // Reconnecting: the next connection is keepalive enough.
    }
  }, KEEPALIVE_MS);

  return {
    send(message) {
      if (port) {
        try {
          port.postMessage(message);
          return;
        } catch {
          // Disconnected in the meantime: keep it for the next connection.
        }
      }
      waiting.push(message);
      if (waiting.length > MAX_WAITING) waiting.shift();
    },
    close() {
      closed = true;
      clearInterval(keepalive);
      port?.disconnect();
    },
  };
}
