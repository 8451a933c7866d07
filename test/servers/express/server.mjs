// Express 5 fixture: a JSON API whose CORS setup is the snippet put at the marker (broken or generated).

import express from "express";

const app = express();
app.use(express.json());
// __FIX__
app.put("/api/items/:id", (req, res) => res.json({ id: req.params.id, saved: true }));
app.listen(Number(process.env.PORT), "127.0.0.1");
