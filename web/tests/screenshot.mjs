// A PNG of the web view, for the README.
//
//   node web/tests/screenshot.mjs [BASE_URL] [--out docs/screenshot.png] [--entity NAME]
//
// Renders the default view, opens the strongest edge at the entity (default: the most
// mentioned one with edges) so the side panel shows its claims, and writes the PNG.
import { baseUrl, firstRender, launch } from "./lib.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const BASE = baseUrl();
const OUT = opt("--out", "docs/screenshot.png");
const ENTITY = opt("--entity", "");

const { context, close } = await launch({ width: 1440, height: 880 });
try {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(BASE + "/", { waitUntil: "load" });
  await firstRender(page);
  // The entity: the one named, else the node of highest degree.
  let entity = null;
  if (ENTITY) {
    const res = await fetch(`${BASE}/api/entities?q=${encodeURIComponent(ENTITY)}&limit=1`).then((r) => r.json());
    entity = res.entities[0] ? res.entities[0].id : null;
  }
  if (!entity) {
    entity = await page.evaluate(() => window.proxymap.cy.nodes().max((n) => n.degree()).ele.data("entity"));
  }
  const prof = await fetch(`${BASE}/api/entities/${entity}`).then((r) => r.json());
  await page.evaluate((id) => window.proxymap.cy.getElementById("n" + id).addClass("focus"), entity);
  if (prof.edges && prof.edges.length) {
    await page.evaluate((id) => window.proxymap.openEdge(id, true), prof.edges[0].id);
    await page.waitForSelector('[data-testid="evidence-item"]');
  }
  await page.evaluate(() => window.proxymap.cy.fit(undefined, 30));
  await page.waitForTimeout(300);
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT} (${prof.entity ? prof.entity.name : entity})`);
} finally {
  await close();
}
