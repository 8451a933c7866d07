// Cloudflare Workers: wraps the Worker's fetch handler to answer the preflight and add CORS headers to every response.

import { comment, lines, q } from "./render";
import { credentialsNote, headerPlan, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

export const cloudflare: StackFixer = {
  id: "cloudflare",
  label: "Cloudflare Workers",
  language: "JavaScript",
  snippetLanguage: "js",
  build(req) {
    const plan = headerPlan(req);
    const object = (pairs: [string, string][], indent: string): string =>
      pairs.map(([n, v]) => `${indent}${q(n)}: ${q(v)},`).join("\n");
    const extra = plan.preflight.filter(([n]) => !plan.actual.some(([a]) => a === n));
    const snippet = lines(
      "const CORS_HEADERS = {",
      object(plan.actual, "  "),
      "};",
      "",
      "export default {",
      "  async fetch(request, env, ctx) {",
      comment("    // ", "The preflight is answered before your handler (and any authentication in it) runs."),
      `    if (request.method === "OPTIONS" && request.headers.has("Access-Control-Request-Method")) {`,
      "      return new Response(null, {",
      "        status: 204,",
      "        headers: {",
      "          ...CORS_HEADERS,",
      extra.length ? object(extra, "          ") : null,
      "        },",
      "      });",
      "    }",
      "    let response;",
      "    try {",
      "      response = await handle(request, env, ctx); // your existing fetch handler",
      "    } catch (error) {",
      `      response = new Response("Internal Server Error", { status: 500 });`,
      "    }",
      comment("    // ", "Responses from fetch() have immutable headers: copy before setting."),
      "    response = new Response(response.body, response);",
      "    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);",
      "    return response;",
      "  },",
      "};",
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "the OPTIONS branch",
        auth: "your handler's authentication (or Cloudflare Access)",
      }),
      'Cloudflare Access in front of the Worker answers the preflight with a redirect to its login page (PreflightDisallowedRedirect) unless Access is configured to let OPTIONS through (its CORS settings, "Bypass OPTIONS requests to origin").',
      "Headers of a Response returned by fetch() are immutable: the snippet copies the response before setting them, and wraps errors so a thrown exception still gets a response with CORS headers.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
