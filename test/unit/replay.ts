// Feeds capture events into a Recorder and returns the exchanges it finished, for unit tests.

import type { CaptureEvent } from "../../src/capture/events";
import type { Exchange } from "../../src/capture/exchange";
import { Recorder } from "../../src/capture/recorder";

export function replay(events: readonly CaptureEvent[]): { exchanges: Exchange[]; recorder: Recorder } {
  const exchanges: Exchange[] = [];
  const recorder = new Recorder((e) => exchanges.push(e));
  for (const ev of events) {
    if (ev.kind === "before") recorder.beforeRequest(ev.event);
    else if (ev.kind === "send") recorder.sendHeaders(ev.event);
    else if (ev.kind === "headers") recorder.headersReceived(ev.event);
    else if (ev.kind === "completed") recorder.completed(ev.event);
    else recorder.errorOccurred(ev.event);
  }
  return { exchanges, recorder };
}
