// Koa 3 fixture: bearer authentication in front of the API; the CORS middleware goes before it (fixed) or after it (broken).

import Koa from "koa";

const app = new Koa();
// __FIX__
app.use(async (ctx, next) => {
  if (!ctx.get("authorization").startsWith("Bearer ")) {
    ctx.status = 401;
    ctx.set("WWW-Authenticate", 'Bearer realm="api"');
    ctx.body = "login required";
    return;
  }
  await next();
});
// __LATE__
app.use((ctx) => {
  ctx.body = { user: "ada" };
});
app.listen(Number(process.env.PORT), "127.0.0.1");
