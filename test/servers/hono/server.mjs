// Hono 4 fixture on @hono/node-server: a JSON API whose CORS setup is the snippet put at the marker.

import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
// __FIX__
app.post("/api/items", (c) => c.json({ created: true }, 201));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });
