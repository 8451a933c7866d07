// Forgiving stack names: every alias resolves, ambiguous names list their stacks, typos get the nearest name.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STACKS } from "../../src/fixes/index";
import {
  AMBIGUOUS_NAMES,
  lookUpStack,
  normalizeStackName,
  STACK_ALIASES,
  stackNameProblem,
} from "../../src/fixes/stack-names";
import type { StackId } from "../../src/fixes/types";
import { sanitize } from "../../src/protocol/settings";

describe("stack names", () => {
  it("resolves every stack id and every listed alias to its stack", () => {
    for (const { id } of STACKS) {
      expect(lookUpStack(id), id).toEqual({ kind: "stack", id });
      for (const alias of STACK_ALIASES[id]) expect(lookUpStack(alias), alias).toEqual({ kind: "stack", id });
    }
  });

  it.each<[string, StackId]>([
    ["next", "nextjs"],
    ["Next.js", "nextjs"],
    ["asp.net", "aspnet"],
    ["ASP.NET Core", "aspnet"],
    ["C#", "aspnet"],
    ["django-cors-headers", "django"],
    ["DJANGO", "django"],
    ["flask-cors", "flask"],
    ["flask_cors", "flask"],
    ["@fastify/cors", "fastify"],
    ["fastifyjs", "fastify"],
    ["rack-cors", "rails"],
    ["Ruby on Rails", "rails"],
    ["gorilla", "go-nethttp"],
    ["gorilla/mux", "go-nethttp"],
    ["Go net/http", "go-nethttp"],
    ["github.com/rs/cors", "go-rscors"],
    ["spring-boot", "spring"],
    ["Spring Boot", "spring"],
    ["api-gateway", "apigateway"],
    ["API Gateway", "apigateway"],
    ["cf", "cloudflare"],
    ["workers", "cloudflare"],
    ["Cloudflare Workers", "cloudflare"],
    ["nest", "nestjs"],
    ["expressjs", "express"],
    ["express.js", "express"],
    ["cors", "express"],
    ["starlette", "starlette"],
    ["FastAPI", "starlette"],
    ["hono-cors", "hono"],
    ["@koa/cors", "koa"],
    [" nginx ", "nginx"],
    ["httpd", "apache"],
    [".htaccess", "apache"],
    ["Caddyfile", "caddy"],
    ["AWS S3", "s3"],
  ])("%j is %s", (typed, id) => {
    expect(lookUpStack(typed)).toEqual({ kind: "stack", id });
    expect(stackNameProblem(typed)).toBeNull();
  });

  it("gives every spelling to one meaning only: no alias shadows another stack's or an ambiguous name", () => {
    const owners = new Map<string, string[]>();
    const claim = (name: string, owner: string) => {
      const key = normalizeStackName(name);
      owners.set(key, [...(owners.get(key) ?? []), owner]);
    };
    for (const [id, aliases] of Object.entries(STACK_ALIASES)) for (const a of [id, ...aliases]) claim(a, id);
    for (const group of AMBIGUOUS_NAMES) for (const n of group.names) claim(n, group.stacks.join("|"));
    const shared = [...owners].filter(([, o]) => new Set(o).size > 1);
    expect(shared).toEqual([]);
    // Every stack the catalogue has is in the table, and nothing else is.
    expect(Object.keys(STACK_ALIASES).sort()).toEqual(STACKS.map((s) => s.id).sort());
    for (const group of AMBIGUOUS_NAMES) for (const id of group.stacks) expect(STACK_ALIASES).toHaveProperty(id);
  });

  it("asks which one when a name fits several stacks", () => {
    for (const go of ["go", "golang", "Go", "GoLang"]) {
      expect(lookUpStack(go)).toEqual({ kind: "ambiguous", candidates: ["go-nethttp", "go-rscors"] });
      expect(stackNameProblem(go)).toBe(`'${go}' fits more than one stack: did you mean go-nethttp or go-rscors?`);
    }
    expect(lookUpStack("python")).toEqual({ kind: "ambiguous", candidates: ["starlette", "django", "flask"] });
    expect(stackNameProblem("python")).toContain("did you mean starlette, django or flask?");
    expect(lookUpStack("aws")).toEqual({ kind: "ambiguous", candidates: ["s3", "apigateway"] });
    const node = lookUpStack("Node.js");
    expect(node.kind).toBe("ambiguous");
    expect(node.kind === "ambiguous" && node.candidates).toEqual(
      expect.arrayContaining(["express", "fastify", "koa", "hono", "nextjs", "nestjs"]),
    );
  });

  it.each<[string, StackId[]]>([
    ["djnago", ["django"]],
    ["flaks", ["flask"]],
    ["ngnix", ["nginx"]],
    ["kao", ["koa"]],
    ["expres", ["express"]],
    ["fastfy", ["fastify"]],
    ["rials", ["rails"]],
    ["clodflare", ["cloudflare"]],
    ["sprnig-boot", ["spring"]],
    ["go-rcors", ["go-rscors"]],
    ["go-nethtp", ["go-nethttp"]],
  ])("suggests the nearest name for the typo %j", (typed, nearest) => {
    expect(lookUpStack(typed)).toEqual({ kind: "unknown", nearest });
    expect(stackNameProblem(typed)).toBe(`unknown stack '${typed}': did you mean ${nearest.join(" or ")}?`);
  });

  it("suggests nothing for a name far from every stack, and never throws on odd input", () => {
    for (const far of ["cobol", "kubernetes", "laravel", "", "   ", "🙂", "-".repeat(500)]) {
      expect(lookUpStack(far), far).toEqual({ kind: "unknown", nearest: [] });
      expect(stackNameProblem(far)).toBe(`unknown stack '${far}'`);
    }
  });
});

describe("settings", () => {
  it("keep a stack given by any spelling, and the current one for a name that picks no single stack", () => {
    expect(sanitize({ stack: "golang" as StackId }).stack).toBe("headers");
    expect(sanitize({ stack: "django-cors-headers" as StackId }).stack).toBe("django");
    expect(sanitize({ stack: "Next.js" as StackId }, { ...sanitize({}), stack: "flask" }).stack).toBe("nextjs");
    expect(sanitize({ stack: "cobol" as StackId }, { ...sanitize({}), stack: "flask" }).stack).toBe("flask");
  });
});

describe("docs/stacks.md", () => {
  it("lists every accepted name and every ambiguous one", () => {
    const doc = readFileSync(new URL("../../docs/stacks.md", import.meta.url), "utf8");
    const names = [...Object.entries(STACK_ALIASES).flat(2), ...AMBIGUOUS_NAMES.flatMap((g) => g.names)];
    expect(names.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });
});
