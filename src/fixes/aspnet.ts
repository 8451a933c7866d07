// ASP.NET Core: the AddCors policy and the UseCors position in Program.cs that allow exactly this call.

import { comment, lines, list, q } from "./render";
import { credentialsNote, explicitMethods, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

const POLICY = "CorsLens";

export const aspnet: StackFixer = {
  id: "aspnet",
  label: "ASP.NET Core",
  language: "C#",
  snippetLanguage: "csharp",
  build(req) {
    const args = (items: string[]): string => list(items, "(", ")");
    const snippet = lines(
      "// Program.cs",
      "builder.Services.AddCors(options =>",
      `    options.AddPolicy(${q(POLICY)}, policy => policy`,
      `        .WithOrigins${args([req.origin])}`,
      req.preflight ? `        .WithMethods${args(explicitMethods(req))}` : null,
      req.headers.length ? `        .WithHeaders${args(req.headers)}` : null,
      req.credentials ? "        .AllowCredentials()" : null,
      "    ));",
      "",
      "var app = builder.Build();",
      "app.UseRouting();",
      comment(
        "// ",
        "After UseRouting and before UseAuthentication/UseAuthorization (and before UseResponseCaching), so the preflight is answered before authentication.",
      ),
      `app.UseCors(${q(POLICY)});`,
      "app.UseAuthentication();",
      "app.UseAuthorization();",
      "",
    );
    const notes = [
      ...orderingNotes(req, { cors: "app.UseCors()", auth: "UseAuthentication()/UseAuthorization()" }),
      "ASP.NET answers a preflight its policy refuses with 204 and no CORS headers; the browser then reports a missing Access-Control-Allow-Origin even when a method or header was the problem.",
      "WithOrigins() compares exactly: no trailing slash. AllowAnyOrigin() with AllowCredentials() throws at startup.",
      'With endpoint routing, a policy named in [EnableCors("…")] or RequireCors("…") works too, but UseCors must still sit between UseRouting and UseAuthorization.',
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
