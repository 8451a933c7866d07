// The webRequest event fields capture reads, as plain types (no extension API), so Node tests can feed them.

/** A header as webRequest gives it: a string value, or raw bytes when it is not valid UTF-8. */
export interface RawHeader {
  name: string;
  value?: string;
  binaryValue?: ArrayLike<number>;
}

export interface RequestEventBase {
  requestId: string;
  url: string;
  method: string;
  tabId: number;
  frameId: number;
  type: string;
  /** Chrome: the calling origin. */
  initiator?: string;
  /** Firefox has no `initiator`: it gives the URL of the document or worker that made the call instead. */
  originUrl?: string;
  timeStamp: number;
}

export interface SendHeadersEvent extends RequestEventBase {
  requestHeaders?: RawHeader[];
}

export interface HeadersReceivedEvent extends RequestEventBase {
  statusCode: number;
  responseHeaders?: RawHeader[];
}

export interface CompletedEvent extends RequestEventBase {
  statusCode: number;
  fromCache?: boolean;
}

export interface ErrorEvent extends RequestEventBase {
  error: string;
  /** The headers a call that was never sent would have had, where the source knows them (DevTools' record). */
  requestHeaders?: RawHeader[];
}

/** onBeforeRequest: a request was created (Chrome numbers requests in creation order). */
export type BeforeRequestEvent = RequestEventBase;

export type CaptureEvent =
  | { kind: "before"; event: BeforeRequestEvent }
  | { kind: "send"; event: SendHeadersEvent }
  | { kind: "headers"; event: HeadersReceivedEvent }
  | { kind: "completed"; event: CompletedEvent }
  | { kind: "error"; event: ErrorEvent };
