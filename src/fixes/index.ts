// The fix catalogue: every stack, fixFor(record, stack) and the client-side alternatives for a blocked call.

import { isLocalNetworkCode } from "../diagnose/local-network";
import type { CallRecord } from "../store/call-record";
import { apache } from "./apache";
import { apigateway } from "./apigateway";
import { aspnet } from "./aspnet";
import { caddy } from "./caddy";
import { devProxies, dropCredentials, dropHeaders, sameOrigin } from "./client";
import { cloudflare } from "./cloudflare";
import { django } from "./django";
import { express } from "./express";
import { fastify } from "./fastify";
import { flask } from "./flask";
import { goNetHttp } from "./go-nethttp";
import { goRsCors } from "./go-rscors";
import { headers } from "./headers";
import { hono } from "./hono";
import { koa } from "./koa";
import { localNetworkFix } from "./local-network";
import { maxAgeSnippet } from "./max-age";
import { nestjs } from "./nestjs";
import { nextjs } from "./nextjs";
import { nginx } from "./nginx";
import { rails } from "./rails";
import { requirementsOf, titleOf, type Requirements } from "./requirements";
import { s3 } from "./s3";
import { spring } from "./spring";
import type { StackFixer } from "./stack";
import { starlette } from "./starlette";
import type { ClientAlternative, Fix, StackId } from "./types";

export type { ClientAlternative, Fix, StackId } from "./types";
export { requirementsOf, type Requirements } from "./requirements";

const FIXERS: readonly StackFixer[] = [
  express,
  fastify,
  koa,
  hono,
  nextjs,
  nestjs,
  starlette,
  django,
  flask,
  spring,
  aspnet,
  goNetHttp,
  goRsCors,
  rails,
  nginx,
  apache,
  caddy,
  s3,
  apigateway,
  cloudflare,
  headers,
];

const BY_ID = new Map<StackId, StackFixer>(FIXERS.map((f) => [f.id, f]));

export const STACKS: { id: StackId; label: string; language: string }[] = FIXERS.map(({ id, label, language }) => ({
  id,
  label,
  language,
}));

export function isStackId(name: string): name is StackId {
  return BY_ID.has(name as StackId);
}

/** What to say when CORS did not block the call: the server change would be the wrong fix. */
function nothingToChange(record: CallRecord, fixer: StackFixer, req: Requirements): Fix {
  const d = record.diagnosis;
  const why =
    d.outcome === "network-error"
      ? `The call failed before CORS could decide: ${d.cause?.summary ?? d.summary} No CORS setting changes that.`
      : "CORS allowed this call: no CORS change is needed.";
  return {
    stack: fixer.id,
    title: titleOf(req, fixer.label),
    snippet: `${why}\n`,
    language: "text",
    notes: [...d.warnings.map((w) => w.summary)],
  };
}

export function fixFor(record: CallRecord, stack: StackId): Fix {
  const fixer = BY_ID.get(stack);
  if (!fixer) throw new Error(`unknown stack ${stack}; known: ${STACKS.map((s) => s.id).join(", ")}`);
  const req = requirementsOf(record);
  if (req.nothingToFix) return nothingToChange(record, fixer, req);
  // Local Network Access stops the call before any response is read: the page changes, not the server.
  if (isLocalNetworkCode(req.code)) return localNetworkFix(record, req, req.code, fixer);
  const { snippet, notes } = fixer.build(req);
  return {
    stack: fixer.id,
    title: titleOf(req, fixer.label),
    snippet,
    language: fixer.snippetLanguage,
    notes: [...req.notes, ...notes, ...record.diagnosis.warnings.map((w) => w.summary)],
  };
}

/** Changes on the page's side that avoid the server change; each title says it is a client or dev alternative. */
export function clientAlternatives(record: CallRecord): ClientAlternative[] {
  const req = requirementsOf(record);
  if (req.nothingToFix) return [];
  // None of them gets past Local Network Access: without credentials or headers the call still reaches the more
  // private space, and a proxy or same-origin deployment has the page's server make the call, which cannot reach a
  // device on the user's network or loopback; where it can (the page is served locally), Chrome would not block it.
  if (isLocalNetworkCode(req.code)) return [];
  return [dropCredentials(req), dropHeaders(req), ...devProxies(req), sameOrigin(req)].filter(
    (a): a is ClientAlternative => a !== null,
  );
}

/** The change that makes the server send Access-Control-Max-Age: 7200 on its preflights, for one stack. */
export function maxAgeFixFor(stack: StackId): Fix {
  const fixer = BY_ID.get(stack);
  if (!fixer) throw new Error(`unknown stack ${stack}; known: ${STACKS.map((s) => s.id).join(", ")}`);
  const { snippet, language, notes } = maxAgeSnippet(stack);
  return { stack, title: `Cache preflights for 2 hours (${fixer.label})`, snippet, language, notes };
}
