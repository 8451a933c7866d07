// A port to the service worker that reconnects with backoff (the worker may be stopped at any time) and re-watches.

import type { ViewerMessage, WorkerMessage } from "../src/protocol/messages";
import { browser, type Runtime } from "./platform";

export interface ViewerPort {
  send(message: ViewerMessage): void;
  close(): void;
}

export function connectViewer(
  name: string,
  tabId: number,
  onMessage: (message: WorkerMessage) => void = () => {},
): ViewerPort {
  let port: Runtime.Port | null = null;
  let closed = false;
  let delay = 50;

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
    port.postMessage({ type: "watch", tabId } satisfies ViewerMessage);
  };
  connect();

  return {
    send(message) {
      port?.postMessage(message);
    },
    close() {
      closed = true;
      port?.disconnect();
    },
  };
}
