import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";

/**
 * /docs: Swagger UI served from the swagger-ui-dist package, so the page renders with no
 * network (no CDN). Assets are read lazily, once, and cached.
 */
const assets = ["swagger-ui.css", "swagger-ui-bundle.js"] as const;
const contentTypes: Record<string, string> = { css: "text/css; charset=utf-8", js: "text/javascript; charset=utf-8" };

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rollgate API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", deepLinking: true });`;

export function docsRoutes() {
  const app = new Hono();
  const cache = new Map<string, string>();
  // In Lambda the stack copies the assets next to the bundle (LAMBDA_TASK_ROOT/swagger-ui);
  // locally they come from the swagger-ui-dist package.
  const assetDir = () =>
    process.env.LAMBDA_TASK_ROOT
      ? join(process.env.LAMBDA_TASK_ROOT, "swagger-ui")
      : dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  const load = (name: string) => {
    let text = cache.get(name);
    if (text === undefined) {
      text = readFileSync(join(assetDir(), name), "utf8");
      cache.set(name, text);
    }
    return text;
  };
  const security = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    "x-content-type-options": "nosniff",
  };
  app.get("/docs", (c) => c.html(page, 200, security));
  app.get("/docs/init.js", (c) => c.body(init, 200, { "content-type": contentTypes.js!, ...security }));
  app.get("/docs/assets/:name", (c) => {
    const name = c.req.param("name");
    if (!(assets as readonly string[]).includes(name)) return c.notFound();
    return c.body(load(name), 200, {
      "content-type": contentTypes[name.split(".").pop()!]!,
      "cache-control": "public, max-age=86400",
    });
  });
  return app;
}
