// NestJS: the app.enableCors() call in main.ts that allows exactly this call, on the Express or Fastify adapter.

import { corsPackageOptions } from "./express";
import { comment, lines } from "./render";
import { credentialsNote, orderingNotes, withDefaults } from "./requirements";
import type { StackFixer } from "./stack";

/** The union of both adapters' defaults: Express's cors package allows more methods than @fastify/cors does. */
const NEST_METHODS = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE"];

export const nestjs: StackFixer = {
  id: "nestjs",
  label: "NestJS",
  language: "TypeScript",
  snippetLanguage: "ts",
  build(req) {
    // The adapter decides the default method list, so any non-simple method is listed explicitly.
    const methods = req.methods.length ? withDefaults(NEST_METHODS, req.methods) : null;
    const snippet = lines(
      "// main.ts",
      "const app = await NestFactory.create(AppModule);",
      comment(
        "// ",
        "Before app.listen() and before any app.use() that authenticates: enableCors() registers the CORS middleware, which answers OPTIONS before guards and controllers run.",
      ),
      "app.enableCors({",
      corsPackageOptions(req, "  ", methods),
      "});",
      "await app.listen(3000);",
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "app.enableCors()",
        auth: "global middleware added with app.use() (passport, express-session checks)",
      }),
      "Guards and interceptors never see a preflight that enableCors() answered; an app.use() middleware registered before enableCors() does.",
      "The same options work on @nestjs/platform-express (the cors package) and @nestjs/platform-fastify (@fastify/cors), whose default methods differ, so methods are listed when the call needs more than GET, HEAD and POST.",
      "NestFactory.create(AppModule, { cors: { … } }) takes the same options, if you prefer it there.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
