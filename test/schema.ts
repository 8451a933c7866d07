// Validates export documents against the cors-lens/export@1 JSON Schemas: the shared minimum contract (when present)
// and the project's own superset in docs/.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const ROOT = resolve(import.meta.dirname, "..");
export const SHARED_SCHEMA = resolve(ROOT, "../shared/export-schema.json");
export const DOCS_SCHEMA = resolve(ROOT, "docs/export-schema.json");

const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
const schemas = [...(existsSync(SHARED_SCHEMA) ? [SHARED_SCHEMA] : []), DOCS_SCHEMA].map((path) => ({
  name: path === SHARED_SCHEMA ? "shared" : "docs",
  validate: ajv.compile({ ...(JSON.parse(readFileSync(path, "utf8")) as object), $id: path }),
}));

/** The schema errors of a document against every schema, as readable lines ([] when valid). */
export function schemaErrors(doc: unknown): string[] {
  return schemas.flatMap(({ name, validate }) =>
    validate(doc) ? [] : (validate.errors ?? []).map((e) => `${name}: ${e.instancePath || "/"} ${e.message ?? ""}`),
  );
}
