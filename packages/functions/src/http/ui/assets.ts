import { createHash } from "node:crypto";
import { Hono } from "hono";
import type { AppEnv } from "../env.js";

/**
 * The dashboard's two static assets, part of the bundle (no CDN, no build step): served
 * under a content-hashed name, so they can be cached for a year and never go stale.
 */
const css = `:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa;--accent:#0969da;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--run:#0550ae}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:2}
header.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 1rem;border-bottom:1px solid var(--line);background:var(--panel)}
header.top .brand{font-weight:700;text-decoration:none;color:var(--fg)}
header.top nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
header.top nav a[aria-current=page]{font-weight:700;text-decoration:none}
header.top .who{margin-left:auto;display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;font-size:.9rem;color:var(--muted)}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.25rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--panel);white-space:nowrap}
td.num{font-variant-numeric:tabular-nums}
.status{display:inline-flex;gap:.3rem;align-items:center;padding:0 .45rem;border:1px solid currentColor;border-radius:.3rem;font-size:.85rem;white-space:nowrap}
.status.ok{color:var(--ok)}.status.bad{color:var(--bad)}.status.run{color:var(--run)}.status.wait{color:var(--warn)}.status.idle{color:var(--muted)}
.badge{display:inline-block;min-width:1.4rem;padding:0 .4rem;border-radius:1rem;background:var(--warn);color:#fff;font-weight:700;text-align:center}
.notice{padding:.6rem .8rem;border:1px solid var(--line);border-left:4px solid var(--accent);background:var(--panel);border-radius:.3rem}
.notice.error{border-left-color:var(--bad)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
ol.steps{list-style:none;padding:0;margin:0;counter-reset:step}
ol.steps li{padding:.3rem .5rem;border-left:3px solid var(--line);margin:.1rem 0}
ol.steps li.done{border-left-color:var(--ok)}
ol.steps li[aria-current=step]{border-left:6px solid var(--run);background:#ddf4ff;font-weight:600}
ol.steps li.verify{border-left-style:dashed}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.button,button{display:inline-block;font:inherit;padding:.45rem 1rem;border-radius:.3rem;border:1px solid #8c959f;background:#fff;color:var(--fg);cursor:pointer;text-decoration:none}
.button.primary,button.primary{background:var(--ok);border-color:var(--ok);color:#fff}
.button.danger,button.danger{background:var(--bad);border-color:var(--bad);color:#fff}
button.link{border:0;background:none;color:var(--accent);padding:0;text-decoration:underline}
form.inline{display:inline}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}
input[type=text],input[type=password],textarea,select{font:inherit;padding:.4rem;border:1px solid #8c959f;border-radius:.3rem;width:100%;max-width:32rem}
select{width:auto}
.row{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.chart{width:100%;max-width:44rem;height:auto;border:1px solid var(--line);border-radius:.3rem;background:#fff}
.muted{color:var(--muted)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9rem}
pre{background:var(--panel);padding:.5rem;overflow-x:auto}
.loosens{color:var(--bad);font-weight:600}
@media (max-width:40rem){main{padding:.75rem}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.4rem}header.top .who{margin-left:0}}
`;

/** Refreshes a running rollout's page in place (the page works without it; <noscript> falls back to a meta refresh). */
const js = `(function(){
var every=Number((document.getElementById("live")||{dataset:{}}).dataset.refresh);
if(!every)return;
function tick(){
  fetch(location.href,{credentials:"same-origin",headers:{"x-rollgate-refresh":"1"}}).then(function(res){
    if(res.redirected){location.assign(res.url);return null}
    return res.ok?res.text():null;
  }).then(function(text){
    if(!text)return setTimeout(tick,every*1000);
    var fresh=new DOMParser().parseFromString(text,"text/html").getElementById("live");
    var live=document.getElementById("live");
    if(!fresh||!live)return;
    var focused=document.activeElement&&live.contains(document.activeElement)?document.activeElement.id:"";
    live.replaceWith(fresh);
    if(focused){var again=document.getElementById(focused);if(again)again.focus()}
    if(Number(fresh.dataset.refresh))setTimeout(tick,every*1000);
  }).catch(function(){setTimeout(tick,every*1000)});
}
setTimeout(tick,every*1000);
})();
`;

const hashed = (name: string, ext: string, body: string) => `${name}.${createHash("sha256").update(body).digest("hex").slice(0, 12)}.${ext}`;

/** URL paths of the assets, for the layout. */
export const assetPaths = {
  css: `/ui/assets/${hashed("app", "css", css)}`,
  js: `/ui/assets/${hashed("app", "js", js)}`,
};

const served = new Map([
  [assetPaths.css, { body: css, type: "text/css; charset=utf-8" }],
  [assetPaths.js, { body: js, type: "text/javascript; charset=utf-8" }],
]);

export function assetRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/assets/:name", (c) => {
    const asset = served.get(c.req.path);
    if (!asset) return c.text("Not found", 404, { "cache-control": "no-store" });
    return c.body(asset.body, 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    });
  });
  return app;
}
