// proxymap's web view: the network of `proxymap serve`, drawn with cytoscape.js.
//
// Everything the API returns is untrusted article text. The DOM is built with
// createElement and textContent only (see `el`); no markup is ever parsed from data, no
// URL from data becomes a link unless it is http(s), and the page runs under a strict
// Content-Security-Policy (no inline script or style). Cytoscape draws labels on a canvas.
"use strict";

(function () {
  const PREDICATES = [
    ["leads", "#1f6fb4"],
    ["member_of", "#7fb2e0"],
    ["controls", "#d62728"],
    ["supports", "#2ca02c"],
    ["allied_with", "#8fd17f"],
    ["fights", "#ff7f0e"],
    ["attacks", "#8c2d04"],
    ["meets", "#9467bd"],
    ["opposes", "#e377c2"],
    ["designates", "#6b6b6b"],
    ["operates_in", "#b5b51f"],
    ["appoints", "#17becf"],
    ["founded", "#8c564b"],
    ["splits_from", "#c49c94"],
  ];
  const KINDS = [
    ["person", "#4e79a7", "ellipse"],
    ["org", "#f28e2b", "round-rectangle"],
    ["place", "#59a14f", "diamond"],
    ["group", "#b07aa1", "hexagon"],
  ];
  const MODALITIES = ["asserted", "reported", "alleged", "hypothetical", "denied"];
  const PRED_COLOR = new Map(PREDICATES);
  const KIND_COLOR = new Map(KINDS.map((k) => [k[0], k[1]]));
  const KIND_SHAPE = new Map(KINDS.map((k) => [k[0], k[2]]));
  const OTHER_COLOR = "#9a9a9a";

  const $ = (id) => document.getElementById(id);

  // ---- DOM, as text only ------------------------------------------------------------

  // el("li", {class: "x", testid: "evidence"}, child, "text", …): children are nodes or
  // strings (made text nodes); attributes are set by name, never `on*`, never `style`.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") node.className = v;
        else if (k === "testid") node.dataset.testid = v;
        else if (k === "text") node.textContent = String(v);
        else if (/^on/i.test(k) || k === "style" || k === "href" || k === "src") {
          throw new Error("el: refused attribute " + k);
        } else node.setAttribute(k, v === true ? "" : String(v));
      }
    }
    for (const c of children) append(node, c);
    return node;
  }
  function append(node, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) c.forEach((x) => append(node, x));
    else if (c instanceof Node) node.appendChild(c);
    else node.appendChild(document.createTextNode(String(c)));
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function button(label, onClick, attrs) {
    const b = el("button", Object.assign({ type: "button" }, attrs || {}), label);
    b.addEventListener("click", onClick);
    return b;
  }
  // A link to an outside page, only for http(s) URLs; anything else is shown as text.
  function safeLink(url, label) {
    if (typeof url !== "string" || !/^https?:\/\/[^\s]+$/i.test(url)) return el("span", null, label || url || "");
    const a = el("a", { rel: "noopener noreferrer nofollow", target: "_blank" }, label || url);
    a.href = url; // checked above: http or https only
    return a;
  }

  let statusTimer = null;
  function status(msg, isError) {
    const s = $("status");
    s.textContent = msg || "";
    s.classList.toggle("error", !!isError);
    clearTimeout(statusTimer);
    if (msg && !isError) statusTimer = setTimeout(() => (s.textContent = ""), 4000);
  }

  // ---- API --------------------------------------------------------------------------

  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    if (params) {
      for (const [k, v] of Object.entries(params)) {
        if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, String(v));
      }
    }
    let res;
    try {
      res = await fetch(url.pathname + url.search, { headers: { Accept: "application/json" } });
    } catch (e) {
      throw new Error("the server does not answer (" + e.message + ")");
    }
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    if (!res.ok) {
      const why = body && typeof body.error === "string" ? body.error : res.status + " " + res.statusText;
      throw new Error(why);
    }
    return body;
  }

  // ---- state ------------------------------------------------------------------------

  const state = {
    cy: null,
    firstRender: false,
    history: [], // panel views, to go back
    outlets: new Set(),
  };

  function filters() {
    const v = (id) => $(id).value.trim();
    return {
      predicate: v("f-predicate"),
      modality: v("f-modality"),
      since: v("f-since"),
      until: v("f-until"),
      outlet: v("f-outlet"),
      min_evidence: v("f-min"),
    };
  }
  function checkDate(id) {
    const x = $(id).value.trim();
    if (x && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(x)) {
      throw new Error(id.slice(2) + ": a date is YYYY, YYYY-MM or YYYY-MM-DD");
    }
  }

  // ---- graph ------------------------------------------------------------------------

  const nodeId = (id) => "n" + id;
  const edgeId = (id) => "e" + id;

  function nodeData(n) {
    return {
      id: nodeId(n.id),
      entity: String(n.id),
      label: n.name || "",
      kind: n.kind || "",
      color: KIND_COLOR.get(n.kind) || OTHER_COLOR,
      shape: KIND_SHAPE.get(n.kind) || "ellipse",
    };
  }
  function edgeData(e) {
    return {
      id: edgeId(e.id),
      edge: e.id,
      source: nodeId(e.subject.id),
      target: nodeId(e.object.id),
      predicate: e.predicate,
      color: PRED_COLOR.get(e.predicate) || OTHER_COLOR,
      evidence: Math.max(1, e.n_evidence | 0),
      width: Math.min(12, 1.5 + 1.6 * Math.log2(Math.max(1, e.n_evidence | 0))),
    };
  }
  function edgeClasses(e) {
    const c = [];
    if (e.symmetric) c.push("symmetric");
    if (e.contested) c.push("contested");
    if (e.single_source) c.push("single-source");
    return c.join(" ");
  }

  function graphStyle() {
    return [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          shape: "data(shape)",
          label: "data(label)",
          "font-size": 10,
          "font-family": "system-ui, sans-serif",
          color: "#222",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-outline-color": "#fff",
          "text-outline-width": 2,
          "min-zoomed-font-size": 7,
          width: "mapData(degree, 1, 20, 14, 44)",
          height: "mapData(degree, 1, 20, 14, 44)",
          "border-width": 1,
          "border-color": "#fff",
        },
      },
      { selector: "node.focus", style: { "border-width": 4, "border-color": "#111" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#111" } },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.9,
          "curve-style": "bezier",
          opacity: 0.85,
        },
      },
      { selector: "edge.symmetric", style: { "target-arrow-shape": "none" } },
      { selector: "edge.contested", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
      { selector: "edge.single-source", style: { opacity: 0.4 } },
      {
        selector: "edge:selected",
        style: {
          opacity: 1,
          label: "data(predicate)",
          "font-size": 10,
          "text-rotation": "autorotate",
          "text-outline-color": "#fff",
          "text-outline-width": 2,
          "underlay-color": "#ffd84d",
          "underlay-opacity": 0.7,
          "underlay-padding": 5,
        },
      },
      { selector: ".faded", style: { opacity: 0.12 } },
    ];
  }

  // Force-directed placement (Fruchterman–Reingold on typed arrays, a gravity that keeps
  // components together), computed here and handed to cytoscape as a preset layout: on a
  // few hundred nodes it settles in well under 100 ms, where cytoscape's cose takes seconds.
  // `start` maps node ids to positions to start from (the nodes already placed); `heat`
  // scales the first moves (1: from scratch, lower: refine a placement).
  function forcePositions(eles, start, heat) {
    const nodes = eles.nodes();
    const n = nodes.length;
    const index = new Map();
    nodes.forEach((node, i) => index.set(node.id(), i));
    const pairs = new Map();
    eles.edges().forEach((e) => {
      const a = index.get(e.source().id());
      const b = index.get(e.target().id());
      if (a === undefined || b === undefined || a === b) return;
      const key = a < b ? a * n + b : b * n + a;
      pairs.set(key, (pairs.get(key) || 0) + 1);
    });
    const ea = new Int32Array(pairs.size);
    const eb = new Int32Array(pairs.size);
    const ew = new Float64Array(pairs.size);
    let m = 0;
    for (const [key, w] of pairs) {
      ea[m] = Math.floor(key / n);
      eb[m] = key % n;
      ew[m] = 1 + Math.log2(w);
      m++;
    }
    const k = 60; // the ideal edge length
    // Gravity g·r towards the centre balances the repulsion n·k²/r at the rim at r = k·√(n/g):
    // g = 1.5 fills a disc of about one node per (1.2·k)², whatever the components.
    const GRAVITY = 1.5;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const radius = k * Math.sqrt(n) * 0.6;
    let seed = 12345; // deterministic: the same graph gets the same picture
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    nodes.forEach((node, i) => {
      const p = start && start.get(node.id());
      if (p) {
        x[i] = p.x;
        y[i] = p.y;
      } else {
        const a = rand() * 2 * Math.PI;
        const r = radius * Math.sqrt(rand());
        x[i] = r * Math.cos(a);
        y[i] = r * Math.sin(a);
      }
    });
    const iterations = Math.round(Math.max(60, Math.min(400, 1.5e7 / Math.max(1, n * n))));
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    const k2 = k * k;
    let t = radius * 0.25 * heat;
    const cool = t / iterations;
    for (let it = 0; it < iterations; it++) {
      dx.fill(0);
      dy.fill(0);
      for (let i = 0; i < n; i++) {
        const xi = x[i];
        const yi = y[i];
        for (let j = i + 1; j < n; j++) {
          let ux = xi - x[j];
          let uy = yi - y[j];
          let d2 = ux * ux + uy * uy;
          if (d2 < 0.01) {
            ux = rand() - 0.5;
            uy = rand() - 0.5;
            d2 = 0.01;
          }
          const f = k2 / d2; // repulsion k²/d along the unit vector: (k²/d²)·u
          dx[i] += ux * f;
          dy[i] += uy * f;
          dx[j] -= ux * f;
          dy[j] -= uy * f;
        }
      }
      for (let e = 0; e < m; e++) {
        const a = ea[e];
        const b = eb[e];
        const ux = x[a] - x[b];
        const uy = y[a] - y[b];
        const d = Math.sqrt(ux * ux + uy * uy) || 0.01;
        const f = (d / k) * ew[e]; // attraction d²/k along the unit vector: (d/k)·u
        dx[a] -= ux * f;
        dy[a] -= uy * f;
        dx[b] += ux * f;
        dy[b] += uy * f;
      }
      for (let i = 0; i < n; i++) {
        // Gravity towards the centre, so that components stay near each other.
        const gx = dx[i] - x[i] * GRAVITY;
        const gy = dy[i] - y[i] * GRAVITY;
        const d = Math.sqrt(gx * gx + gy * gy);
        if (d > 0) {
          const step = Math.min(d, t);
          x[i] += (gx / d) * step;
          y[i] += (gy / d) * step;
        }
      }
      t = Math.max(t - cool, 0.5);
    }
    const positions = {};
    nodes.forEach((node, i) => (positions[node.id()] = { x: x[i], y: y[i] }));
    return positions;
  }

  // Places `eles` (the whole graph) and resolves when cytoscape's layout has stopped.
  function runLayout(eles, fit, start, heat) {
    const n = eles.nodes().length;
    const opts =
      n > 1500
        ? {
            name: "concentric",
            animate: false,
            fit: fit,
            concentric: (node) => node.degree(),
            levelWidth: () => 3,
            minNodeSpacing: 6,
          }
        : (() => {
            const positions = forcePositions(eles, start, heat === undefined ? 1 : heat);
            return { name: "preset", animate: false, fit: fit, padding: 30, positions: (node) => positions[node.id()] };
          })();
    return new Promise((resolve) => {
      const layout = eles.layout(opts);
      layout.one("layoutstop", () => resolve());
      layout.run();
    });
  }

  function setDegrees(cy) {
    cy.batch(() => cy.nodes().forEach((n) => n.data("degree", n.degree(false))));
  }

  function initGraph() {
    const cy = window.cytoscape({
      container: $("graph"),
      style: graphStyle(),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      pixelRatio: 1,
    });
    cy.on("tap", "node", (ev) => openEntity(ev.target.data("entity"), true));
    cy.on("tap", "edge", (ev) => openEdge(ev.target.data("edge"), true));
    cy.on("mouseover", "node", (ev) => {
      const n = ev.target;
      const hood = n.closedNeighborhood();
      cy.elements().not(hood).addClass("faded");
    });
    cy.on("mouseout", "node", () => cy.elements().removeClass("faded"));
    state.cy = cy;
    return cy;
  }

  // Replace the graph with the strongest edges under the filters.
  async function loadDefault() {
    const f = filters();
    checkDate("f-since");
    checkDate("f-until");
    const limit = $("f-limit").value.trim() || "300";
    status("loading the network…");
    const data = await api("/api/edges", Object.assign({ limit: limit }, f));
    const cy = state.cy;
    cy.elements().remove();
    addElements(data);
    updateLegend();
    await runLayout(cy.elements(), true);
    status(cy.edges().length + " edges, " + cy.nodes().length + " entities");
    if (!state.firstRender) {
      state.firstRender = true;
      // The first complete render: the layout has stopped; wait for the frame it paints.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          performance.mark("proxymap:first-render");
          document.body.dataset.rendered = "1";
        })
      );
    }
  }

  function addElements(data) {
    const cy = state.cy;
    const nodes = [];
    const edges = [];
    for (const n of data.nodes || []) {
      if (cy.getElementById(nodeId(n.id)).empty()) nodes.push({ group: "nodes", data: nodeData(n) });
    }
    const have = new Set(nodes.map((n) => n.data.id));
    for (const e of data.edges || []) {
      if (!cy.getElementById(edgeId(e.id)).empty()) continue;
      for (const end of [e.subject, e.object]) {
        const id = nodeId(end.id);
        if (!have.has(id) && cy.getElementById(id).empty()) {
          nodes.push({ group: "nodes", data: nodeData({ id: end.id, name: end.name, kind: "" }) });
          have.add(id);
        }
      }
      edges.push({ group: "edges", data: edgeData(e), classes: edgeClasses(e) });
    }
    const added = cy.add(nodes.concat(edges));
    setDegrees(cy);
    return added;
  }

  // Grow the graph from an entity: its edges under the filters, new nodes placed around it.
  async function grow(entity) {
    const cy = state.cy;
    const data = await api("/api/edges", Object.assign({ entity: entity, limit: 200 }, filters()));
    const center = cy.getElementById(nodeId(entity));
    const added = addElements(data);
    if (added.length === 0) return 0;
    const c = center.nonempty() ? center.position() : { x: 0, y: 0 };
    const fresh = added.nodes();
    fresh.forEach((n, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, fresh.length);
      n.position({ x: c.x + 120 * Math.cos(a), y: c.y + 120 * Math.sin(a) });
    });
    updateLegend();
    const start = new Map();
    cy.nodes().forEach((node) => start.set(node.id(), Object.assign({}, node.position())));
    await runLayout(cy.elements(), false, start, 0.3);
    cy.animate({ center: { eles: cy.getElementById(nodeId(entity)) } }, { duration: 250 });
    return added.edges().length;
  }

  // ---- legend -----------------------------------------------------------------------

  function updateLegend() {
    const cy = state.cy;
    const counts = new Map();
    cy.edges().forEach((e) => counts.set(e.data("predicate"), (counts.get(e.data("predicate")) || 0) + 1));
    const kinds = new Map();
    cy.nodes().forEach((n) => kinds.set(n.data("kind"), (kinds.get(n.data("kind")) || 0) + 1));
    const legend = $("legend");
    clear(legend);
    const preds = el("ul", { class: "legend-preds", testid: "legend-predicates" });
    const known = PREDICATES.map((p) => p[0]);
    const extra = [...counts.keys()].filter((p) => !known.includes(p)).sort();
    for (const p of known.concat(extra)) {
      if (!counts.has(p)) continue;
      const sw = el("span", { class: "swatch line" });
      sw.style.backgroundColor = PRED_COLOR.get(p) || OTHER_COLOR; // CSSOM, not markup
      const li = el("li", { title: "show only " + p }, sw, p.replace(/_/g, " "), el("span", { class: "n" }, String(counts.get(p))));
      li.addEventListener("click", () => {
        $("f-predicate").value = $("f-predicate").value === p ? "" : p;
        reload();
      });
      preds.appendChild(li);
    }
    const ks = el("ul", { class: "legend-kinds", testid: "legend-kinds" });
    for (const [k, color] of KINDS) {
      if (!kinds.has(k)) continue;
      const sw = el("span", { class: "swatch dot shape-" + k });
      sw.style.backgroundColor = color;
      ks.appendChild(el("li", null, sw, k, el("span", { class: "n" }, String(kinds.get(k)))));
    }
    const styles = el(
      "ul",
      { class: "legend-styles" },
      el("li", null, el("span", { class: "swatch line dashed" }), "contested"),
      el("li", null, el("span", { class: "swatch line faint" }), "single source"),
      el("li", null, el("span", { class: "swatch line plain" }), "symmetric: no arrow"),
      el("li", null, el("span", { class: "swatch line thick" }), "width: evidence")
    );
    legend.append(el("h2", null, "edges"), preds, el("h2", null, "entities"), ks, styles);
  }

  // ---- panel ------------------------------------------------------------------------

  // Show a view in the side panel; `render` builds it; views are kept to go back.
  function show(kind, render, push) {
    if (push && state.current) state.history.push(state.current);
    state.current = { kind: kind, render: render };
    $("back").disabled = state.history.length === 0;
    $("panel-kind").textContent = kind;
    const body = $("panel-body");
    clear(body);
    body.dataset.view = kind;
    render(body);
    body.scrollTop = 0;
  }
  function back() {
    const prev = state.history.pop();
    if (!prev) return;
    state.current = null;
    show(prev.kind, prev.render, false);
  }
  function loading(body, what) {
    body.appendChild(el("p", { class: "hint" }, "loading " + what + "…"));
  }
  function failed(body, what, err) {
    clear(body);
    body.appendChild(el("p", { class: "error", testid: "panel-error" }, "Could not load " + what + ": " + err.message));
  }

  function entityRef(x, cls) {
    if (!x) return el("span", { class: "none" }, "—");
    const b = el("button", { type: "button", class: "link " + (cls || ""), title: "profile of this entity" }, x.name || "(no name)");
    b.addEventListener("click", (ev) => {
      ev.stopPropagation();
      openEntity(x.id, true);
    });
    return b;
  }
  function predicateTag(p) {
    const t = el("span", { class: "pred" }, p.replace(/_/g, " "));
    t.style.borderColor = PRED_COLOR.get(p) || OTHER_COLOR;
    return t;
  }
  // The edge's ends as buttons to their profiles (linked), or as plain names in a list
  // whose items open the edge.
  function edgeTitle(e, linked) {
    const end = (x) => (linked ? entityRef(x) : el("span", { class: "name" }, (x && x.name) || "—"));
    return el("span", { class: "edge-title" }, end(e.subject), " ", predicateTag(e.predicate), e.symmetric ? " ↔ " : " → ", end(e.object));
  }
  function edgeFacts(e) {
    const m = e.modalities || {};
    const mods = MODALITIES.filter((k) => m[k]).map((k) => k + " " + m[k]).join(", ");
    const when = e.first_time ? (e.first_time === e.last_time ? e.first_time : e.first_time + " – " + e.last_time) : null;
    const rep = e.first_reported ? e.first_reported + (e.last_reported && e.last_reported !== e.first_reported ? " – " + e.last_reported : "") : null;
    const flags = [];
    if (e.contested) flags.push(el("span", { class: "flag contested" }, "contested"));
    if (e.single_source) flags.push(el("span", { class: "flag" }, "single source"));
    else if (e.single_outlet) flags.push(el("span", { class: "flag" }, "single outlet"));
    return el(
      "dl",
      { class: "facts" },
      el("dt", null, "evidence"),
      el("dd", null, e.n_evidence + " (" + e.n_claims + " claims)"),
      mods ? [el("dt", null, "modality"), el("dd", null, mods)] : null,
      when ? [el("dt", null, "time"), el("dd", null, when)] : null,
      rep ? [el("dt", null, "reported"), el("dd", null, rep)] : null,
      el("dt", null, "sources"),
      el("dd", null, e.n_sources + " sources, " + e.n_outlets + " outlets"),
      el("dt", null, "strength"),
      el("dd", null, String(e.strength), " ", flags)
    );
  }

  function edgeListItem(e) {
    const li = el("li", { class: "edge-item", testid: "edge-item" }, edgeTitle(e), el("span", { class: "n" }, " " + e.n_evidence));
    if (e.contested) li.classList.add("contested");
    li.addEventListener("click", () => openEdge(e.id, true));
    return li;
  }

  async function openEntity(id, push) {
    const cy = state.cy;
    cy.nodes().removeClass("focus");
    cy.getElementById(nodeId(id)).addClass("focus");
    let profile = null;
    show("entity", (body) => loading(body, "the entity"), push);
    const view = state.current;
    const growing = grow(id).then(
      (n) => status(n ? "added " + n + " edges around the entity" : "no further edges around the entity"),
      (err) => status("could not grow the graph: " + err.message, true)
    );
    try {
      profile = await api("/api/entities/" + encodeURIComponent(id));
    } catch (err) {
      if (state.current === view) failed($("panel-body"), "the entity", err);
      return;
    }
    const render = (body) => {
      const e = profile.entity || {};
      body.appendChild(el("h2", { class: "title", testid: "entity-name" }, e.name || "(no name)"));
      body.appendChild(
        el(
          "dl",
          { class: "facts" },
          el("dt", null, "kind"),
          el("dd", null, e.kind || "—"),
          e.aliases && e.aliases.length ? [el("dt", null, "also"), el("dd", null, e.aliases.join("; "))] : null,
          el("dt", null, "mentions"),
          el("dd", null, (e.mentions ?? "?") + " in " + (e.documents ?? "?") + " documents")
        )
      );
      const edges = profile.edges || [];
      body.appendChild(el("h3", null, edges.length + " edges, strongest first"));
      const ul = el("ul", { class: "edges", testid: "entity-edges" });
      edges.forEach((x) => ul.appendChild(edgeListItem(x)));
      body.appendChild(ul);
    };
    if (state.current === view) {
      state.current.render = render;
      const body = $("panel-body");
      clear(body);
      render(body);
    }
    await growing;
  }

  function claimMeta(c) {
    const parts = [];
    const d = c.document || {};
    const bit = (label, value, cls) => (value === null || value === undefined || value === "" ? null : el("span", { class: "meta " + (cls || "") }, el("b", null, label), " ", String(value)));
    parts.push(bit("outlet", d.outlet, "outlet"));
    parts.push(bit("date", d.date, "date"));
    parts.push(el("span", { class: "meta modality m-" + (MODALITIES.includes(c.modality) ? c.modality : "other") }, c.modality || "?"));
    parts.push(bit("source", c.source && c.source.name, "source"));
    parts.push(bit("time", c.time, "time"));
    parts.push(bit("place", c.place && c.place.name, "place"));
    parts.push(bit("count", c.count, "count"));
    parts.push(bit("role", c.role, "role"));
    parts.push(bit("means", c.means, "means"));
    parts.push(bit("kind", c.kind, "kind"));
    parts.push(bit("as", c.as, "as"));
    parts.push(bit("rule", c.rule, "rule"));
    const fix = c.correction;
    if (fix && typeof fix.id === "number") {
      const done = fix.action === "reject" ? "rejected" : "confirmed";
      parts.push(el("span", { class: "meta correction", testid: "correction" }, done + " by correction #" + fix.id));
    }
    return el("div", { class: "claim-meta" }, parts);
  }

  function claimItem(c, onOpen) {
    const d = c.document || {};
    const li = el(
      "li",
      { class: "claim", testid: "evidence-item", tabindex: "0", title: "open the document" },
      el("blockquote", { class: "evidence", testid: "evidence-text" }, c.evidence || ""),
      claimMeta(c),
      el("div", { class: "doc-title" }, d.title || "(untitled document)")
    );
    if (c.modality === "denied") li.classList.add("denied");
    const open = () => onOpen(c);
    li.addEventListener("click", open);
    li.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") open();
    });
    for (const x of [d.outlet]) if (x) state.outlets.add(x);
    return li;
  }

  async function openEdge(id, push) {
    const cy = state.cy;
    cy.elements().unselect();
    cy.getElementById(edgeId(id)).select();
    show("edge", (body) => loading(body, "the claims"), push);
    const view = state.current;
    let data;
    try {
      data = await api("/api/edges/" + encodeURIComponent(id));
    } catch (err) {
      if (state.current === view) failed($("panel-body"), "the edge", err);
      return;
    }
    const render = (body) => {
      const e = data.edge;
      body.appendChild(el("h2", { class: "title", testid: "edge-title" }, edgeTitle(e, true)));
      body.appendChild(edgeFacts(e));
      const claims = data.claims || [];
      body.appendChild(el("h3", null, claims.length + " claims"));
      const ul = el("ul", { class: "claims", testid: "evidence-list" });
      claims.forEach((c) => ul.appendChild(claimItem(c, (cl) => openDocument(cl.document.id, cl, true))));
      body.appendChild(ul);
      refreshOutlets();
    };
    if (state.current === view) {
      view.render = render;
      const body = $("panel-body");
      clear(body);
      render(body);
    }
  }

  function sameClaim(a, b) {
    if (!a || !b) return false;
    const id = (x) => (x ? x.id : null);
    if (Number.isInteger(a.idx) && Number.isInteger(b.idx) && a.document && b.document) {
      return a.document.id === b.document.id && a.idx === b.idx;
    }
    return a.edge === b.edge && a.evidence === b.evidence && a.predicate === b.predicate && id(a.subject) === id(b.subject) && id(a.object) === id(b.object);
  }

  async function openDocument(id, claim, push) {
    show("document", (body) => loading(body, "the document"), push);
    const view = state.current;
    let data;
    try {
      data = await api("/api/documents/" + encodeURIComponent(id));
    } catch (err) {
      if (state.current === view) failed($("panel-body"), "the document", err);
      return;
    }
    const claims = data.claims || [];
    let selected = claims.findIndex((c) => sameClaim(c, claim));
    const render = (body) => {
      const d = data.document || {};
      body.appendChild(el("h2", { class: "title", testid: "document-title" }, d.title || "(untitled document)"));
      body.appendChild(
        el(
          "dl",
          { class: "facts" },
          d.outlet ? [el("dt", null, "outlet"), el("dd", null, d.outlet)] : null,
          d.author ? [el("dt", null, "author"), el("dd", null, d.author)] : null,
          d.date ? [el("dt", null, "date"), el("dd", null, d.date)] : null,
          d.url ? [el("dt", null, "url"), el("dd", null, safeLink(d.url))] : null,
          d.path ? [el("dt", null, "file"), el("dd", { class: "path" }, d.path + (d.idx ? " #" + d.idx : ""))] : null
        )
      );
      const text = el("div", { class: "doc-text", testid: "document-text" });
      const marks = [];
      for (const seg of data.segments || []) {
        const ids = Array.isArray(seg.claims) ? seg.claims : [];
        if (ids.length === 0) {
          text.appendChild(document.createTextNode(seg.text || ""));
          continue;
        }
        const m = el("mark", { class: "ev", testid: "evidence-mark" }, seg.text || "");
        m.dataset.claims = ids.join(" ");
        m.title = ids.map((i) => (claims[i] ? claims[i].predicate : "?")).join(", ");
        m.addEventListener("click", () => select(ids[0]));
        marks.push([m, ids]);
        text.appendChild(m);
      }
      body.appendChild(text);
      const ul = el("ul", { class: "claims", testid: "document-claims" });
      const items = claims.map((c, i) => {
        const li = claimItem(c, () => select(i));
        li.title = "highlight in the text";
        ul.appendChild(li);
        return li;
      });
      body.appendChild(el("h3", null, claims.length + " claims in this document"));
      body.appendChild(ul);
      function select(i) {
        selected = i;
        let first = null;
        for (const [m, ids] of marks) {
          const on = ids.includes(i);
          m.classList.toggle("current", on);
          if (on && !first) first = m;
        }
        items.forEach((li, j) => li.classList.toggle("current", j === i));
        if (first) first.scrollIntoView({ block: "center" });
      }
      if (selected >= 0) requestAnimationFrame(() => select(selected));
    };
    if (state.current === view) {
      view.render = render;
      const body = $("panel-body");
      clear(body);
      render(body);
    }
  }

  // ---- search -----------------------------------------------------------------------

  async function searchEntities(q, push) {
    if (!q) return;
    show("search", (body) => loading(body, "entities"), push);
    const view = state.current;
    let data;
    try {
      data = await api("/api/entities", { q: q, limit: 30 });
    } catch (err) {
      if (state.current === view) failed($("panel-body"), "entities", err);
      return;
    }
    const render = (body) => {
      const list = data.entities || [];
      body.appendChild(el("h2", { class: "title" }, list.length + " entities for “", q, "”"));
      const ul = el("ul", { class: "entities", testid: "entity-results" });
      for (const e of list) {
        const li = el(
          "li",
          { class: "entity-item", testid: "entity-result" },
          el("span", { class: "kind k-" + (KIND_COLOR.has(e.kind) ? e.kind : "other") }, e.kind || "?"),
          " ",
          el("b", null, e.name || ""),
          e.aliases && e.aliases.length ? el("span", { class: "aliases" }, " (also: " + e.aliases.join("; ") + ")") : null,
          el("span", { class: "n" }, " " + (e.mentions ?? "") + " mentions")
        );
        li.addEventListener("click", () => openEntity(e.id, true));
        ul.appendChild(li);
      }
      body.appendChild(ul);
      if (!list.length) body.appendChild(el("p", { class: "hint" }, "No entity has a name that starts so. Try the full-text search."));
    };
    if (state.current === view) {
      view.render = render;
      clear($("panel-body"));
      render($("panel-body"));
    }
  }

  async function searchText(q, push) {
    if (!q) return;
    show("search", (body) => loading(body, "the texts"), push);
    const view = state.current;
    let data;
    try {
      data = await api("/api/search", { q: q, limit: 30 });
    } catch (err) {
      if (state.current === view) failed($("panel-body"), "the search", err);
      return;
    }
    const render = (body) => {
      const list = data.results || [];
      body.appendChild(el("h2", { class: "title" }, list.length + " texts for “", q, "”"));
      const ul = el("ul", { class: "results", testid: "text-results" });
      for (const r of list) {
        const d = r.document || {};
        const head = el("div", { class: "doc-title link" }, d.title || "(untitled document)");
        head.addEventListener("click", () => openDocument(d.id, null, true));
        const li = el(
          "li",
          { class: "result", testid: "text-result" },
          head,
          el("div", { class: "claim-meta" }, [d.outlet, d.date].filter(Boolean).join(" · ")),
          snippet(r)
        );
        const claims = r.claims || [];
        if (claims.length) {
          const cl = el("ul", { class: "claims" });
          claims.forEach((c) => cl.appendChild(claimItem(c, (x) => openDocument(x.document.id, x, true))));
          li.appendChild(cl);
        }
        ul.appendChild(li);
      }
      body.appendChild(ul);
      refreshOutlets();
    };
    if (state.current === view) {
      view.render = render;
      clear($("panel-body"));
      render($("panel-body"));
    }
  }

  // A search hit's snippet, its matched words marked (`snippet_parts`), else as text.
  function snippet(r) {
    const parts = Array.isArray(r.snippet_parts) ? r.snippet_parts : null;
    if (parts && parts.length) {
      return el(
        "p",
        { class: "snippet", testid: "snippet" },
        parts.map((x) => (x.match ? el("mark", { class: "hit" }, x.text || "") : String(x.text || "")))
      );
    }
    return r.snippet ? el("p", { class: "snippet", testid: "snippet" }, r.snippet) : null;
  }

  function refreshOutlets() {
    const dl = $("outlets");
    if (dl.childElementCount === state.outlets.size) return;
    clear(dl);
    [...state.outlets].sort().forEach((o) => {
      const opt = document.createElement("option");
      opt.value = o;
      dl.appendChild(opt);
    });
  }

  // ---- wiring -----------------------------------------------------------------------

  function reload() {
    loadDefault().catch((err) => status("could not load the network: " + err.message, true));
  }

  function wire() {
    const pred = $("f-predicate");
    for (const [p] of PREDICATES) pred.appendChild(el("option", { value: p }, p.replace(/_/g, " ")));
    const mod = $("f-modality");
    for (const m of MODALITIES) mod.appendChild(el("option", { value: m }, m));
    $("f-apply").addEventListener("click", reload);
    $("f-reset").addEventListener("click", () => {
      for (const id of ["f-predicate", "f-modality", "f-since", "f-until", "f-outlet", "f-min"]) $(id).value = "";
      $("f-limit").value = "300";
      reload();
    });
    for (const id of ["f-since", "f-until", "f-outlet", "f-min", "f-limit"]) {
      $(id).addEventListener("keydown", (ev) => {
        if (ev.key === "Enter") reload();
      });
    }
    pred.addEventListener("change", reload);
    mod.addEventListener("change", reload);
    $("fit").addEventListener("click", () => state.cy && state.cy.fit(undefined, 20));
    $("back").addEventListener("click", back);
    const q = $("q");
    q.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") searchEntities(q.value.trim(), true);
    });
    $("q-entities").addEventListener("click", () => searchEntities(q.value.trim(), true));
    $("q-text").addEventListener("click", () => searchText(q.value.trim(), true));
  }

  function start() {
    wire();
    if (typeof window.cytoscape !== "function") {
      $("missing").hidden = false;
      status("the graph library is missing from this build", true);
      return;
    }
    initGraph();
    // For tests and benchmarks: the graph and the views, nothing that takes markup.
    window.proxymap = { cy: state.cy, openEdge: openEdge, openEntity: openEntity, openDocument: openDocument, reload: reload };
    reload();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
