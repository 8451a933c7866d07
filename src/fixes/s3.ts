// AWS S3 bucket CORS: the CORSRules document that allows exactly this call.

import { credentialsNote } from "./requirements";
import type { StackFixer } from "./stack";

/** The only methods S3 CORS rules accept. */
const S3_METHODS = ["GET", "PUT", "POST", "DELETE", "HEAD"];

export const s3: StackFixer = {
  id: "s3",
  label: "AWS S3 bucket CORS",
  language: "JSON",
  snippetLanguage: "json",
  build(req) {
    const method = req.method.toUpperCase();
    const rule: Record<string, unknown> = {
      AllowedOrigins: [req.origin],
      AllowedMethods: S3_METHODS.includes(method) ? [method] : ["GET"],
    };
    if (req.headers.length) rule.AllowedHeaders = req.headers;
    const snippet = JSON.stringify({ CORSRules: [rule] }, null, 2) + "\n";
    const notes = [
      "Apply it with: aws s3api put-bucket-cors --bucket YOUR_BUCKET --cors-configuration file://cors.json (this replaces the bucket's whole CORS configuration: merge existing rules into CORSRules first).",
      "AllowedMethods must list the call's own method, simple ones included; S3 knows only GET, PUT, POST, DELETE and HEAD.",
      'S3 answers a preflight that matches no rule with 403 and no CORS headers ("CORSResponse: This CORS request is not allowed").',
      "S3 sends Access-Control-Allow-Credentials: true whenever the matching rule names the origin (not *), so credentialed calls work with an explicit origin.",
      "Behind CloudFront, forward the Origin header (or use the CORS-S3Origin origin request policy) and include it in the cache key, or a cached response without CORS headers is served to the browser.",
    ];
    if (!S3_METHODS.includes(method)) {
      notes.unshift(
        `S3 CORS cannot allow ${req.method}: only GET, PUT, POST, DELETE and HEAD. Change the call's method.`,
      );
    }
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
