// Actor network: force layout, edge width by events, colour by share of conflict.
"use strict";
(async function () {
  const svgEl = document.getElementById("network");
  if (!svgEl) return;
  const ew = window.eventwire;
  let data;
  try {
    data = await ew.getJSON(svgEl.dataset.api);
  } catch (err) {
    ew.status("network-status", "Could not load the network: " + err.message);
    return;
  }
  const width = svgEl.clientWidth || 900, height = 560;
  const svg = d3.select(svgEl).attr("viewBox", [0, 0, width, height]);
  if (!data.edges.length) {
    ew.status("network-status", "No actor-recipient pairs match these filters.");
    svgEl.dataset.ready = "1";
    return;
  }
  const nodes = data.nodes.map((d) => ({...d}));
  const links = data.edges.map((d) => ({...d}));
  const maxEvents = d3.max(links, (d) => d.events);
  const widthOf = d3.scaleSqrt().domain([1, maxEvents]).range([1.2, 9]);
  const radius = d3.scaleSqrt().domain([1, d3.max(nodes, (d) => d.events)]).range([6, 26]);
  const colour = d3.scaleLinear().domain([0, 0.5, 1]).range([ew.coop, "#999", ew.conflict]);

  svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -4 8 8")
    .attr("refX", 8).attr("markerUnits", "userSpaceOnUse").attr("markerWidth", 9).attr("markerHeight", 9).attr("orient", "auto")
    .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", "#888");

  const link = svg.append("g").attr("class", "links").selectAll("line").data(links).join("line")
    .attr("stroke-width", (d) => widthOf(d.events))
    .attr("stroke", (d) => colour(d.conflict / Math.max(1, d.events)))
    .attr("marker-end", "url(#arrow)");
  link.append("title").text((d) => `${d.source} → ${d.target}: ${d.events} event(s), ${d.cooperation} cooperative, ${d.conflict} conflictual, mean Goldstein ${d.mean_goldstein}`);

  const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
    .attr("class", "node").call(d3.drag()
      .on("start", (e, d) => { if (!e.active) sim.alphaTarget(0.3).restart(); d.fx = d.x; d.fy = d.y; })
      .on("drag", (e, d) => { d.fx = e.x; d.fy = e.y; })
      .on("end", (e, d) => { if (!e.active) sim.alphaTarget(0); d.fx = null; d.fy = null; }));
  node.append("circle").attr("r", (d) => radius(d.events));
  node.append("text").attr("dy", (d) => -radius(d.events) - 4).attr("text-anchor", "middle").text((d) => d.id);
  node.append("title").text((d) => `${d.id}: ${d.events} event(s)`);
  // A node opens its actor page (a country's page gathers all its actors); Tab reaches it.
  const open = (d) => { window.location.href = "/actors/" + encodeURIComponent(d.id); };
  node.attr("tabindex", 0).attr("role", "link").attr("aria-label", (d) => `${d.id}: ${d.events} event(s); open its actor page`)
    .on("click", (e, d) => open(d))
    .on("keydown", (e, d) => { if (e.key === "Enter") open(d); });

  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(110))
    .force("charge", d3.forceManyBody().strength(-380))
    .force("center", d3.forceCenter(width / 2, height / 2))
    .force("collide", d3.forceCollide((d) => radius(d.events) + 14))
    .force("x", d3.forceX(width / 2).strength(0.05))
    .force("y", d3.forceY(height / 2).strength(0.08));
  sim.on("tick", () => {
    nodes.forEach((d) => {
      d.x = Math.max(30, Math.min(width - 30, d.x));
      d.y = Math.max(30, Math.min(height - 20, d.y));
    });
    link.each(function (d) {
      const dx = d.target.x - d.source.x, dy = d.target.y - d.source.y;
      const len = Math.hypot(dx, dy) || 1, r = radius(d.target.events) + 3;
      d3.select(this).attr("x1", d.source.x).attr("y1", d.source.y)
        .attr("x2", d.target.x - (dx / len) * r).attr("y2", d.target.y - (dy / len) * r);
    });
    node.attr("transform", (d) => `translate(${d.x},${d.y})`);
  });
  ew.status("network-status", `${nodes.length} nodes, ${links.length} edges.`);
  svgEl.dataset.ready = "1";
})();
