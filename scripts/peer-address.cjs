/**
 * Loaded with `node --require` before Next starts (scripts/start.ts, scripts/e2e-server.ts).
 * Records each request's socket peer address in `x-dangol-peer`, overwriting anything a
 * client sent under that name, and — unless TRUST_PROXY=1 — drops the `X-Forwarded-*` and
 * `X-Real-IP` headers a client could invent, so neither the app nor Next believes them.
 * See lib/web/request.ts.
 */
const http = require("node:http");

const trusted = ["1", "true", "yes"].includes(
  String(process.env.TRUST_PROXY ?? "")
    .trim()
    .toLowerCase(),
);
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, ...rest) {
  if (event === "request" && req && req.headers) {
    if (!trusted) {
      for (const name of ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"])
        delete req.headers[name];
    }
    req.headers["x-dangol-peer"] = (req.socket && req.socket.remoteAddress) || "";
  }
  return emit.call(this, event, req, ...rest);
};
