// Browser test of the web view of `proxymap serve`.
//
//   node web/tests/browser.mjs [BASE_URL]     (or PROXYMAP_URL; default http://127.0.0.1:8080)
//
// The server must hold a corpus plus the hostile fixture of web/tests/hostile/. Drives
// Debian's chromium headless (CHROMIUM overrides /usr/bin/chromium) and checks that the
// graph renders, that clicks show profiles, evidence and documents, that filters and
// search work, and that the hostile articles execute nothing and show as literal text.
// Prints PASS or FAIL per check and `N passed, N failed`; exits 1 on any failure.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { baseUrl, firstRender, launch } from "./lib.mjs";

const BASE = baseUrl();
const HERE = dirname(fileURLToPath(import.meta.url));
// Entities of web/tests/hostile/ (invented names).
const HOSTILE_ENTITIES = ["Amber Wolves", "Grey Heron Battalion"];
// Strings the hostile texts carry that must show literally.
const LITERALS = ["<script>window.__pwned", "<img src=x onerror=", "javascript:window.__pwned", "<b>"];

let passed = 0;
let failed = 0;
const results = [];
function report(ok, name, detail) {
  if (ok) passed++;
  else failed++;
  results.push({ ok, name });
  console.log(`${ok ? "PASS" : "FAIL"} ${name}${detail ? ": " + detail : ""}`);
}
async function check(name, fn) {
  try {
    const detail = await fn();
    report(true, name, typeof detail === "string" ? detail : "");
  } catch (err) {
    report(false, name, err && err.message ? err.message.split("\n")[0] : String(err));
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
async function getJson(path) {
  const res = await fetch(BASE + path);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return res.json();
}

// ---- the page's source: no API that parses markup or code from strings -----------------
await check("static: app.js builds the DOM without markup or eval", () => {
  const src = readFileSync(join(HERE, "..", "src", "app.js"), "utf8");
  const html = readFileSync(join(HERE, "..", "src", "index.html"), "utf8");
  const banned = [
    /\.innerHTML\b/,
    /\.outerHTML\b/,
    /insertAdjacentHTML/,
    /document\.write/,
    /\beval\s*\(/,
    /new\s+Function\b/,
    /javascript:/i,
    /setAttribute\(\s*["'](on|style|href|src)/i,
    /createContextualFragment/,
    /DOMParser/,
  ];
  const hits = banned.filter((re) => re.test(src)).map(String);
  assert(hits.length === 0, "app.js uses " + hits.join(", "));
  assert(!/<script(?![^>]*\ssrc=)[^>]*>/i.test(html), "index.html has an inline <script>");
  assert(!/<style[\s>]/i.test(html) && !/\sstyle=/i.test(html), "index.html has inline style");
  assert(!/\son[a-z]+=/i.test(html), "index.html has an inline handler");
});

const { context, close } = await launch();
const dialogs = [];
const consoleErrors = [];
const pageErrors = [];
const requests = [];
const page = context.pages()[0] || (await context.newPage());
await page.addInitScript(() => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || ""}:${e.lineNumber || ""})`);
  });
});
page.on("dialog", async (d) => {
  dialogs.push(`${d.type()}: ${d.message()}`);
  await d.dismiss().catch(() => {});
});
page.on("console", (m) => {
  if (m.type() === "error") consoleErrors.push(m.text());
});
page.on("pageerror", (e) => pageErrors.push(e.message));
page.on("request", (r) => requests.push(r.url()));

const panelView = () => page.evaluate(() => document.querySelector('[data-testid="panel-body"]').dataset.view || "");
async function waitView(view, selector, timeout = 10_000) {
  await page.waitForFunction(
    ([v, s]) => {
      const b = document.querySelector('[data-testid="panel-body"]');
      return b && b.dataset.view === v && (!s || b.querySelector(s));
    },
    [view, selector],
    { timeout }
  ).catch((err) => {
    throw new Error(`waiting for the ${view} view with ${selector || "anything"}: ${err.message.split("\n")[0]}`);
  });
}

try {
  let response;
  await check("page: / loads with the Content-Security-Policy", async () => {
    response = await page.goto(BASE + "/", { waitUntil: "load", timeout: 30_000 });
    assert(response && response.ok(), `status ${response && response.status()}`);
    const csp = (await response.headerValue("content-security-policy")) || "";
    assert(/script-src 'self'/.test(csp) && /default-src 'none'/.test(csp), `CSP is "${csp}"`);
    assert(!/unsafe-inline|unsafe-eval/.test(csp), `CSP allows unsafe: "${csp}"`);
    return csp.split(";")[0];
  });

  await check("graph: the default view renders (nodes, edges, first-render mark)", async () => {
    const ms = await firstRender(page);
    const n = await page.evaluate(() => ({
      nodes: window.proxymap.cy.nodes().length,
      edges: window.proxymap.cy.edges().length,
      canvas: document.querySelectorAll('[data-testid="graph"] canvas').length,
      legend: document.querySelectorAll('[data-testid="legend-predicates"] li').length,
    }));
    assert(n.nodes > 0 && n.edges > 0, `cytoscape has ${n.nodes} nodes and ${n.edges} edges`);
    assert(n.canvas > 0, "no canvas in the graph container");
    assert(n.legend > 0, "the legend lists no predicate");
    const api = await getJson("/api/edges?limit=300");
    assert(api.edges.length === n.edges, `the API gives ${api.edges.length} edges, the graph has ${n.edges}`);
    return `${n.nodes} nodes, ${n.edges} edges, ${n.legend} predicates in the legend, first render at ${ms.toFixed(0)} ms`;
  });

  let edgeInfo;
  await check("edge click: a click on an edge lists its claims with their evidence", async () => {
    // The strongest edge; click at its rendered midpoint, else emit cytoscape's tap.
    edgeInfo = await page.evaluate(() => {
      const cy = window.proxymap.cy;
      const e = cy.edges()[0];
      cy.fit(e.connectedNodes(), 120);
      const p = e.renderedMidpoint();
      const hitsNode = cy.nodes().some((n) => {
        const b = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
        return p.x >= b.x1 - 4 && p.x <= b.x2 + 4 && p.y >= b.y1 - 4 && p.y <= b.y2 + 4;
      });
      return { id: e.data("edge"), x: p.x, y: p.y, hitsNode };
    });
    await page.waitForTimeout(400); // the viewport's redraw, before hit tests see the edges
    const box = await page.locator('[data-testid="graph"]').boundingBox();
    let how = "mouse click";
    if (!edgeInfo.hitsNode) {
      await page.mouse.click(box.x + edgeInfo.x, box.y + edgeInfo.y);
      try {
        await waitView("edge", '[data-testid="evidence-item"]', 4000);
      } catch {
        how = "";
      }
    } else how = "";
    if (!how) {
      how = "cytoscape tap";
      await page.evaluate((id) => window.proxymap.cy.getElementById("e" + id).emit("tap"), edgeInfo.id);
      await waitView("edge", '[data-testid="evidence-item"]');
    }
    const shown = await page.$$eval('[data-testid="panel"] [data-testid="evidence-text"]', (xs) => xs.map((x) => x.textContent));
    const api = await getJson(`/api/edges/${edgeInfo.id}`);
    assert(shown.length === api.claims.length, `${shown.length} evidence items, the API has ${api.claims.length} claims`);
    api.claims.forEach((c, i) => assert(shown[i] === c.evidence, `evidence ${i} differs: "${shown[i]}"`));
    const meta = await page.textContent('[data-testid="evidence-item"] .claim-meta');
    assert(meta.includes(api.claims[0].modality), "no modality shown");
    assert(!api.claims[0].rule || meta.includes(api.claims[0].rule), "no rule shown");
    return `${how}${edgeInfo.hitsNode ? " (a node covers its midpoint)" : ""} on edge ${edgeInfo.id}: ${shown.length} claims, "${shown[0].slice(0, 60)}…"`;
  });

  await check("claim click: the document opens with the evidence highlighted", async () => {
    const api = await getJson(`/api/edges/${edgeInfo.id}`);
    const claim = api.claims[0];
    await page.click('[data-testid="evidence-item"]');
    await waitView("document", '[data-testid="document-text"]');
    await page.waitForSelector('[data-testid="evidence-mark"].current', { timeout: 5000 });
    const hl = await page.$$eval('[data-testid="evidence-mark"].current', (ms) => ms.map((m) => m.textContent).join(""));
    assert(hl.replace(/\s+/g, " ").trim() === claim.evidence.replace(/\s+/g, " ").trim(), `highlighted "${hl.slice(0, 80)}"`);
    const title = await page.textContent('[data-testid="document-title"]');
    return `"${title.slice(0, 50)}", ${hl.length} characters highlighted`;
  });

  await check("node click: the profile opens and the graph grows from the entity", async () => {
    // A small default view (the 30 strongest edges), then a node with edges beyond it.
    await page.fill('[data-testid="filter-limit"]', "30");
    await page.click('[data-testid="filter-apply"]');
    await page.waitForFunction(() => window.proxymap.cy.edges().length <= 30, null, { timeout: 10_000 });
    const before = await page.evaluate(() => window.proxymap.cy.edges().length);
    const candidates = await page.evaluate(() =>
      window.proxymap.cy
        .nodes()
        .sort((a, b) => b.degree() - a.degree())
        .map((n) => ({ entity: n.data("entity"), name: n.data("label"), drawn: n.connectedEdges().length }))
    );
    let node = candidates[0];
    let api = null;
    for (const c of candidates.slice(0, 15)) {
      const got = await getJson(`/api/edges?entity=${c.entity}&limit=200`);
      if (!api || got.edges.length - c.drawn > api.edges.length - node.drawn) {
        node = c;
        api = got;
      }
      if (got.edges.length > c.drawn) break;
    }
    await page.evaluate((id) => window.proxymap.cy.getElementById("n" + id).emit("tap"), node.entity);
    await waitView("entity", '[data-testid="entity-edges"]');
    const name = await page.textContent('[data-testid="entity-name"]');
    assert(name === node.name, `profile of "${name}", clicked "${node.name}"`);
    const listed = await page.$$eval('[data-testid="entity-edges"] [data-testid="edge-item"]', (xs) => xs.length);
    const prof = await getJson(`/api/entities/${node.entity}`);
    assert(listed === prof.edges.length, `${listed} edges listed, the profile has ${prof.edges.length}`);
    await page.waitForFunction(
      (ids) => ids.every((id) => window.proxymap.cy.getElementById("e" + id).nonempty()),
      api.edges.map((e) => e.id),
      { timeout: 10_000 }
    );
    const after = await page.evaluate(() => window.proxymap.cy.edges().length);
    assert(api.edges.length <= node.drawn || after > before, `the graph did not grow (${before} edges)`);
    await page.fill('[data-testid="filter-limit"]', "300");
    return `${name}: ${api.edges.length} edges at it, ${node.drawn} drawn before; graph ${before} → ${after} edges`;
  });

  await check("filter: predicate and minimum evidence narrow the graph", async () => {
    await page.selectOption('[data-testid="filter-predicate"]', "leads");
    await page.waitForFunction(() => {
      const es = window.proxymap.cy.edges();
      return es.length > 0 && es.every((e) => e.data("predicate") === "leads");
    }, null, { timeout: 10_000 });
    const n = await page.evaluate(() => window.proxymap.cy.edges().length);
    const api = await getJson("/api/edges?predicate=leads&limit=300");
    assert(n === api.edges.length, `${n} edges drawn, the API gives ${api.edges.length}`);
    await page.fill('[data-testid="filter-min-evidence"]', "2");
    await page.click('[data-testid="filter-apply"]');
    await page.waitForFunction(() => window.proxymap.cy.edges().every((e) => e.data("evidence") >= 2), null, { timeout: 10_000 });
    await page.click('[data-testid="filter-reset"]');
    await page.waitForFunction((m) => window.proxymap.cy.edges().length === m, (await getJson("/api/edges?limit=300")).edges.length, {
      timeout: 10_000,
    });
    return `${n} leads edges`;
  });

  await check("search: entities by name and full text", async () => {
    await page.fill('[data-testid="search-input"]', HOSTILE_ENTITIES[0].slice(0, 5));
    await page.press('[data-testid="search-input"]', "Enter");
    await waitView("search", '[data-testid="entity-result"]');
    const names = await page.$$eval('[data-testid="entity-result"] b', (xs) => xs.map((x) => x.textContent));
    assert(names.includes(HOSTILE_ENTITIES[0]), `entities: ${names.join(", ")}`);
    await page.fill('[data-testid="search-input"]', "ferry");
    await page.click('[data-testid="search-text"]');
    await waitView("search", '[data-testid="text-results"]');
    const n = await page.$$eval('[data-testid="text-result"]', (xs) => xs.length);
    assert(n > 0, "no full-text result for ferry");
    return `${names.length} entities, ${n} texts`;
  });

  // ---- the hostile articles -------------------------------------------------------------
  let hostileEdges = [];
  await check("hostile: its claims and documents show their markup as literal text", async () => {
    const shownTexts = [];
    for (const name of HOSTILE_ENTITIES) {
      const found = await getJson(`/api/entities?q=${encodeURIComponent(name)}&limit=5`);
      const ent = found.entities.find((e) => e.name === name);
      assert(ent, `no entity ${name}: was web/tests/hostile/ ingested?`);
      // Open the entity from the search box, as a person would.
      await page.fill('[data-testid="search-input"]', name);
      await page.press('[data-testid="search-input"]', "Enter");
      await waitView("search", '[data-testid="entity-result"]');
      await page.locator('[data-testid="entity-result"]', { hasText: name }).first().click();
      await waitView("entity", '[data-testid="entity-edges"] [data-testid="edge-item"]');
      const prof = await getJson(`/api/entities/${ent.id}`);
      for (let i = 0; i < prof.edges.length; i++) {
        hostileEdges.push(prof.edges[i].id);
        await page.locator('[data-testid="entity-edges"] [data-testid="edge-item"]').nth(i).click();
        await waitView("edge", '[data-testid="evidence-item"]');
        const api = await getJson(`/api/edges/${prof.edges[i].id}`);
        const shown = await page.$$eval('[data-testid="evidence-text"]', (xs) => xs.map((x) => x.textContent));
        api.claims.forEach((c, j) => assert(shown[j] === c.evidence, `edge ${prof.edges[i].id}: evidence ${j} differs`));
        shownTexts.push(await page.textContent('[data-testid="panel-body"]'));
        // Every claim's document, with its text and highlight.
        for (let j = 0; j < api.claims.length; j++) {
          if (j > 0) {
            await page.click('[data-testid="panel-back"]');
            await waitView("edge", '[data-testid="evidence-item"]');
          }
          await page.locator('[data-testid="evidence-item"]').nth(j).click();
          await waitView("document", '[data-testid="evidence-mark"].current');
          const doc = await getJson(`/api/documents/${api.claims[j].document.id}`);
          const text = await page.textContent('[data-testid="document-text"]');
          const want = doc.segments.map((s) => s.text).join("");
          assert(text === want, `document ${doc.document.id}: the text shown is not the segments' text`);
          await page.hover('[data-testid="document-text"]');
          await page.hover('[data-testid="evidence-mark"].current');
          shownTexts.push(await page.textContent('[data-testid="panel-body"]'));
        }
        await page.click('[data-testid="panel-back"]');
        await waitView("edge", '[data-testid="evidence-item"]');
        await page.click('[data-testid="panel-back"]');
        await waitView("entity", '[data-testid="edge-item"]');
      }
    }
    const all = shownTexts.join("\n");
    const missing = LITERALS.filter((s) => !all.includes(s));
    assert(missing.length === 0, `not shown literally: ${missing.join(" | ")}`);
    // The hostile page's title and outlet, from the document view.
    return `${hostileEdges.length} edges, every claim and document opened; literal: ${LITERALS.join(" ")}`;
  });

  await check("hostile: full-text results show the markup literally", async () => {
    await page.fill('[data-testid="search-input"]', "banner");
    await page.click('[data-testid="search-text"]');
    await waitView("search", '[data-testid="text-results"]');
    const t = await page.textContent('[data-testid="text-results"]');
    assert(t.length > 0, "no result");
    await page.fill('[data-testid="search-input"]', `<script>alert("q")</script> ' " <b>`);
    await page.press('[data-testid="search-input"]', "Enter");
    await page.waitForFunction(() => document.querySelector('[data-testid="panel-body"]').dataset.view === "search", null, { timeout: 5000 });
    await page.waitForTimeout(500);
    return "";
  });

  await check("hostile: nothing executed (no dialog, window.__pwned unset, no injected element)", async () => {
    await page.mouse.move(300, 300);
    await page.waitForTimeout(500);
    const pwned = await page.evaluate(() => typeof window.__pwned === "undefined" ? "undefined" : String(window.__pwned));
    assert(pwned === "undefined", `window.__pwned = ${pwned}`);
    assert(dialogs.length === 0, `dialogs: ${dialogs.join("; ")}`);
    const injected = await page.evaluate(() => {
      const q = "script:not([src]), [data-testid=panel] script, [data-testid=panel] img, [data-testid=panel] iframe, " +
        "[data-testid=panel] svg, [onerror], [onload], [onclick], " +
        "[onmouseover], a[href^='javascript:' i], iframe, object, embed";
      return [...document.querySelectorAll(q)].map((e) => e.outerHTML.slice(0, 80));
    });
    assert(injected.length === 0, `elements from the data: ${injected.join(" | ")}`);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => new URL(s.src).pathname));
    assert(scripts.every((s) => s === "/app.js" || s === "/cytoscape.min.js"), `scripts: ${scripts.join(", ")}`);
    const foreign = requests.filter((u) => !u.startsWith(BASE + "/"));
    assert(foreign.length === 0, `requests off the server: ${foreign.slice(0, 3).join(", ")}`);
    return `${requests.length} requests, all to the server`;
  });

  await check("page: no CSP violation, console error or uncaught exception", async () => {
    const csp = await page.evaluate(() => window.__csp);
    assert(csp.length === 0, `CSP violations: ${csp.join("; ")}`);
    assert(pageErrors.length === 0, `exceptions: ${pageErrors.join("; ")}`);
    assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join("; ")}`);
  });

  await check("panel: a bad id shows the API's error, not an exception", async () => {
    await page.evaluate(() => window.proxymap.openEdge(987654321, true));
    await page.waitForSelector('[data-testid="panel-error"]', { timeout: 5000 });
    const t = await page.textContent('[data-testid="panel-error"]');
    consoleErrors.length = 0; // the 404 itself is logged by chromium as a failed resource
    return t;
  });
} finally {
  await close();
}

console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
