// The placeholders scenario headers may use, filled the same way by the lab server and the simulator.

export interface PlaceholderContext {
  /** The lab page's origin, e.g. http://127.0.0.1:5173. */
  page: string;
  /** The API origin on 127.0.0.1 and the same port as localhost. */
  api: string;
  alt: string;
  /** The API origin the request was sent to (api or alt). */
  asked: string;
  scenarioId: string;
  /** The Origin header the request carried ("" when none). */
  requestOrigin: string;
}

/**
 * `{origin}` page origin · `{api}` / `{alt}` API origins · `{self}` this scenario on the host asked ·
 * `{requestOrigin}` the Origin received · near misses of the page origin: `{originAsLocalhost}`, `{originUpper}`
 * (upper case), `{originHttps}` (https scheme) · `{apiWithUserinfo}` the API origin with user:pass@.
 */
export function placeholderValues(c: PlaceholderContext): Record<string, string> {
  return {
    origin: c.page,
    api: c.api,
    alt: c.alt,
    self: `${c.asked}/s/${c.scenarioId}`,
    requestOrigin: c.requestOrigin,
    originAsLocalhost: c.page.replace("127.0.0.1", "localhost"),
    originUpper: c.page.toUpperCase(),
    originHttps: c.page.replace(/^http:/, "https:"),
    apiWithUserinfo: c.api.replace("://", "://user:secret-pass@"),
  };
}

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
