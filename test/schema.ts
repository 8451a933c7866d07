// Validates export documents against the cors-lens/export@1 JSON Schema (../shared's copy when present, else docs/).

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const ROOT = resolve(import.meta.dirname, "..");
export const SHARED_SCHEMA = resolve(ROOT, "../shared/export-schema.json");
export const DOCS_SCHEMA = resolve(ROOT, "docs/export-schema.json");

const schema: object = JSON.parse(readFileSync(existsSync(SHARED_SCHEMA) ? SHARED_SCHEMA : DOCS_SCHEMA, "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

/** The schema errors of a document, as readable lines ([] when valid). */
export function schemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}
