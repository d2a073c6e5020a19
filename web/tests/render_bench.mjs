// Time to the first complete render of the default view, read from the page's
// `proxymap:first-render` performance mark (set once cytoscape's layout has stopped and
// the frame is painted), in headless chromium. A benchmark, not a test.
//
//   node web/tests/render_bench.mjs [BASE_URL] [--runs 5] [--json]
import { baseUrl, firstRender, launch } from "./lib.mjs";

const args = process.argv.slice(2);
const i = args.indexOf("--runs");
const RUNS = Math.max(1, i >= 0 ? parseInt(args[i + 1], 10) || 5 : 5);
const BASE = baseUrl();

const times = [];
let size = null;
for (let run = 0; run < RUNS; run++) {
  // A fresh browser and profile each run: nothing cached.
  const { context, close } = await launch();
  try {
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(BASE + "/", { waitUntil: "load", timeout: 60_000 });
    times.push(await firstRender(page, 60_000));
    size = await page.evaluate(() => ({ nodes: window.proxymap.cy.nodes().length, edges: window.proxymap.cy.edges().length }));
  } finally {
    await close();
  }
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const out = {
  runs: RUNS,
  nodes: size.nodes,
  edges: size.edges,
  first_render_ms: { median: Math.round(median), min: Math.round(sorted[0]), max: Math.round(sorted[sorted.length - 1]) },
};
if (args.includes("--json")) console.log(JSON.stringify(out));
else {
  console.log(
    `first render: ${out.nodes} nodes, ${out.edges} edges; median ${out.first_render_ms.median} ms ` +
      `(min ${out.first_render_ms.min}, max ${out.first_render_ms.max}) over ${RUNS} runs; target < 2000 ms`
  );
}
