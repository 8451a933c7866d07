// AWS API Gateway HTTP API: the CorsConfiguration that allows exactly this call.

import { credentialsNote, explicitMethods } from "./requirements";
import type { StackFixer } from "./stack";

export const apigateway: StackFixer = {
  id: "apigateway",
  label: "AWS API Gateway (HTTP API)",
  language: "JSON",
  snippetLanguage: "json",
  build(req) {
    const config: Record<string, unknown> = {
      AllowOrigins: [req.origin],
      AllowMethods: explicitMethods(req),
    };
    if (req.headers.length) config.AllowHeaders = req.headers;
    if (req.credentials) config.AllowCredentials = true;
    const snippet = JSON.stringify(config, null, 2) + "\n";
    const notes = [
      "Apply it with: aws apigatewayv2 update-api --api-id YOUR_API_ID --cors-configuration file://cors.json (HTTP APIs only; a REST API needs an OPTIONS method and the headers in its integration responses).",
      "Once CORS is configured on an HTTP API, API Gateway answers every preflight itself and ignores the CORS headers your backend returns: configure it here, not in the Lambda or container.",
      "Without a CORS configuration, an ANY /{proxy+} route with a JWT or Lambda authorizer also receives the preflight, and the authorizer answers 401 because browsers send no Authorization on OPTIONS.",
      'AllowCredentials: true is refused together with AllowOrigins ["*"]: keep the explicit origin.',
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
