// Fastify 5 fixture: a JSON API whose CORS setup is the snippet put at the marker (broken or generated).

import Fastify from "fastify";

const fastify = Fastify();
// __FIX__
fastify.delete("/api/items/:id", async (request) => ({ id: request.params.id, deleted: true }));
await fastify.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
