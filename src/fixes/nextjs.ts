// Next.js: a middleware that answers the preflight and adds the CORS headers to the API's responses.

import { comment, lines, q } from "./render";
import { credentialsNote, headerPlan, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

export const nextjs: StackFixer = {
  id: "nextjs",
  label: "Next.js",
  language: "TypeScript",
  snippetLanguage: "ts",
  build(req) {
    const plan = headerPlan(req);
    const set = (target: string, pairs: [string, string][]): string[] =>
      pairs.map(([name, value]) => `  ${target}.headers.set(${q(name)}, ${q(value)});`);
    const matcher = req.pathPrefix === "/" ? "/:path*" : `${req.pathPrefix}:path*`;
    const snippet = lines(
      "// middleware.ts, next to app/ or pages/ (Next.js 16: proxy.ts exporting `proxy`; the body is the same).",
      `import { NextResponse, type NextRequest } from "next/server";`,
      "",
      "export function middleware(request: NextRequest) {",
      comment(
        "  // ",
        "Answer the preflight here: route handlers and pages never see it, and nothing that authenticates runs first.",
      ),
      `  if (request.method === "OPTIONS" && request.headers.has("access-control-request-method")) {`,
      "    const preflight = new NextResponse(null, { status: 204 });",
      ...set("preflight", plan.preflight).map((l) => "  " + l),
      "    return preflight;",
      "  }",
      "  const response = NextResponse.next();",
      ...set("response", plan.actual),
      "  return response;",
      "}",
      "",
      `export const config = { matcher: ${q(matcher)} };`,
      "",
    );
    const notes = [
      ...orderingNotes(req, { cors: "the middleware", auth: "authentication in middleware or route handlers" }),
      "headers() in next.config.js adds headers to responses but cannot answer OPTIONS; an App Router route handler can (export async function OPTIONS), but the middleware covers every route at once.",
      "If your middleware already handles auth, put the OPTIONS branch first in it: browsers send no cookies or Authorization on a preflight.",
      "Next.js 16 renames middleware.ts to proxy.ts and the function to proxy; middleware.ts still runs there, with a deprecation warning.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
