// Offline map: Natural Earth 110m country shapes drawn with d3-geo, no tile server. Towns and
// sites are solid markers, regions and seas dashed, country-level places hollow at the
// country's point: a country is never drawn as if the event's spot were known.
"use strict";
(async function () {
  const svgEl = document.getElementById("map");
  if (!svgEl) return;
  const ew = window.eventwire;
  let world, centroids, data;
  try {
    [world, centroids, data] = await Promise.all([
      ew.getJSON(svgEl.dataset.shapes), ew.getJSON(svgEl.dataset.centroids), ew.getJSON(svgEl.dataset.api),
    ]);
  } catch (err) {
    ew.status("map-status", "Could not load the map: " + err.message);
    return;
  }
  const width = svgEl.clientWidth || 960, height = Math.round(width * 0.52);
  const svg = d3.select(svgEl).attr("viewBox", [0, 0, width, height]);
  const countries = topojson.feature(world, world.objects.countries);
  const projection = d3.geoNaturalEarth1().fitSize([width, height], {type: "Sphere"});
  const path = d3.geoPath(projection);
  const byNumeric = {};
  for (const [code, entry] of Object.entries(centroids)) byNumeric[entry.id] = code;
  const most = Math.max(1, d3.max(Object.values(data.countries)) || 1);
  const shade = (n) => d3.interpolateGreys(0.12 + 0.33 * Math.sqrt(n / most));

  const layer = svg.append("g");
  layer.append("path").attr("class", "sphere").attr("d", path({type: "Sphere"}));
  layer.append("g").selectAll("path").data(countries.features).join("path")
    .attr("class", "country").attr("d", path)
    .style("fill", (f) => { const n = data.countries[byNumeric[f.id]]; return n ? shade(n) : null; })
    .append("title").text((f) => { const code = byNumeric[f.id]; const n = data.countries[code] || 0; return `${f.properties.name}: ${n} event(s)`; });

  const size = d3.scaleSqrt().domain([1, d3.max(data.markers, (m) => m.events) || 1]).range([4, 22]);
  const info = document.getElementById("map-info");
  const markers = layer.append("g").selectAll("circle").data(data.markers).join("circle")
    .attr("class", (m) => "marker " + ({place: "exact", region: "area"}[m.precision] || "approx"))
    .attr("cx", (m) => projection([m.lon, m.lat])[0]).attr("cy", (m) => projection([m.lon, m.lat])[1])
    .attr("r", (m) => size(m.events))
    .style("stroke", (m) => (m.conflict > m.cooperation ? ew.conflict : ew.coop))
    .style("fill", (m) => (m.conflict > m.cooperation ? ew.conflict : ew.coop));
  markers.append("title").text((m) => `${m.name || m.country}: ${m.events} event(s) (${m.precision})`);
  markers.on("click", (e, m) => {
    info.replaceChildren();
    const head = document.createElement("b");
    head.textContent = `${m.name || m.country} · ${m.events} event(s) · located by ${m.precision}`;
    const list = document.createElement("ul");
    m.event_ids.forEach((id, i) => {
      const li = document.createElement("li"), a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(id);
      a.textContent = m.labels[i] || id;
      li.append(a);
      list.append(li);
    });
    info.append(head, list);
    info.hidden = false;
  });
  svg.call(d3.zoom().scaleExtent([1, 12]).on("zoom", (e) => {
    layer.attr("transform", e.transform);
    markers.attr("r", (m) => size(m.events) / Math.sqrt(e.transform.k));
  }));
  ew.status("map-status", `${data.markers.length} place(s) with events; ${data.unplaced} event(s) without any place or country.`);
  svgEl.dataset.ready = "1";
})();
