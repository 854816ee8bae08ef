// Offline map: Natural Earth 110m country shapes drawn with d3-geo, no tile server. Towns and
// sites are solid markers, regions and seas dashed, country-level places hollow at the
// country's point: a country is never drawn as if the event's spot were known.
// Places closer than CELL pixels at the current zoom are drawn as one numbered cluster (a grid
// over the projected plane, recomputed on zoom); the month sliders refetch the markers for a
// date range. Every circle has a tooltip on hover and on keyboard focus.
"use strict";
(async function () {
  const svgEl = document.getElementById("map");
  if (!svgEl) return;
  const ew = window.eventwire;
  const CELL = 34;
  let world, centroids;
  try {
    [world, centroids] = await Promise.all([ew.getJSON(svgEl.dataset.shapes), ew.getJSON(svgEl.dataset.centroids)]);
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

  const layer = svg.append("g");
  layer.append("path").attr("class", "sphere").attr("d", path({type: "Sphere"}));
  const shapes = layer.append("g").selectAll("path").data(countries.features).join("path")
    .attr("class", "country").attr("d", path);
  shapes.append("title");
  const pins = layer.append("g").attr("class", "pins");
  const tip = document.getElementById("map-tip");
  const info = document.getElementById("map-info");
  let data = {markers: [], countries: {}, unplaced: 0};
  let transform = d3.zoomIdentity;
  let size = () => 4;

  function colour(group) { return group.conflict > group.cooperation ? ew.conflict : ew.coop; }

  function describe(group) {
    const where = group.members.length > 1 ? `${group.members.length} places` : (group.name || group.country);
    return `${where}: ${group.events} event(s), ${group.conflict} conflict, ${group.cooperation} cooperation`
      + (group.members.length > 1 ? "" : ` · located by ${group.precision}`);
  }

  // Groups of markers sharing a grid cell at zoom k; a lone marker is a group of one.
  function cluster(k) {
    const cells = new Map();
    for (const m of data.markers) {
      const [x, y] = projection([m.lon, m.lat]);
      const key = `${Math.floor((x * k) / CELL)}:${Math.floor((y * k) / CELL)}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push({m, x, y});
    }
    return [...cells.values()].map((items) => {
      const events = d3.sum(items, (i) => i.m.events);
      const first = items[0].m;
      return {
        members: items.map((i) => i.m), events,
        x: d3.sum(items, (i) => i.x * i.m.events) / events, y: d3.sum(items, (i) => i.y * i.m.events) / events,
        conflict: d3.sum(items, (i) => i.m.conflict), cooperation: d3.sum(items, (i) => i.m.cooperation),
        name: first.name, country: first.country, precision: first.precision,
      };
    });
  }

  function showTip(group, event) {
    tip.textContent = describe(group);
    const box = svgEl.getBoundingClientRect();
    const [x, y] = event && event.clientX !== undefined && event.clientX !== 0
      ? [event.clientX - box.left, event.clientY - box.top]
      : [transform.applyX(group.x) * box.width / width, transform.applyY(group.y) * box.height / height];
    tip.style.left = `${Math.min(x + 12, box.width - 200)}px`;
    tip.style.top = `${y + 12}px`;
    tip.hidden = false;
  }

  function showList(group) {
    info.replaceChildren();
    const head = document.createElement("b");
    head.textContent = describe(group);
    const list = document.createElement("ul");
    for (const m of group.members) {
      m.event_ids.forEach((id, i) => {
        const li = document.createElement("li"), a = document.createElement("a");
        a.href = "/events/" + encodeURIComponent(id);
        a.textContent = `${m.name || m.country}: ${m.labels[i] || id}`;
        li.append(a);
        list.append(li);
      });
    }
    info.append(head, list);
    info.hidden = false;
  }

  function open(group) {
    if (group.members.length > 1 && transform.k < 12) {
      svg.transition().duration(300).call(zoom.transform,
        d3.zoomIdentity.translate(width / 2, height / 2).scale(Math.min(12, transform.k * 3)).translate(-group.x, -group.y));
    } else {
      showList(group);
    }
  }

  function draw() {
    const k = transform.k;
    const groups = cluster(k);
    const nodes = pins.selectAll("g.pin").data(groups, (g) => g.members.map((m) => m.lat + "," + m.lon).join("|"))
      .join((enter) => {
        const g = enter.append("g").attr("class", "pin").attr("tabindex", 0).attr("role", "button");
        g.append("circle");
        g.append("text");
        return g;
      });
    nodes.attr("transform", (g) => `translate(${g.x},${g.y})`)
      .attr("aria-label", (g) => describe(g) + (g.members.length > 1 ? "; press Enter to zoom in" : "; press Enter to list the events"))
      .classed("cluster", (g) => g.members.length > 1);
    nodes.select("circle")
      .attr("class", (g) => (g.members.length > 1 ? "marker cluster-dot"
        : "marker " + ({place: "exact", region: "area"}[g.precision] || "approx")))
      .attr("r", (g) => size(g.events) / Math.sqrt(k))
      .style("stroke", colour).style("fill", colour);
    nodes.select("text").text((g) => (g.members.length > 1 ? String(g.members.length) : ""))
      .style("font-size", `${11 / Math.sqrt(k)}px`);
    nodes.on("mouseenter", (e, g) => showTip(g, e)).on("mousemove", (e, g) => showTip(g, e))
      .on("mouseleave", () => { tip.hidden = true; })
      .on("focus", (e, g) => showTip(g, null)).on("blur", () => { tip.hidden = true; })
      .on("click", (e, g) => open(g))
      .on("keydown", (e, g) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(g); } });
    svgEl.dataset.clusters = String(groups.filter((g) => g.members.length > 1).length);
  }

  const zoom = d3.zoom().scaleExtent([1, 12]).on("zoom", (e) => {
    const before = transform.k;
    transform = e.transform;
    layer.attr("transform", transform);
    if (before !== transform.k) draw();
  });
  svg.call(zoom);

  async function load(url) {
    ew.status("map-status", "loading…");
    try {
      data = await ew.getJSON(url);
    } catch (err) {
      ew.status("map-status", "Could not load the events: " + err.message);
      return;
    }
    const most = Math.max(1, d3.max(Object.values(data.countries)) || 1);
    const shade = (n) => d3.interpolateGreys(0.12 + 0.33 * Math.sqrt(n / most));
    shapes.style("fill", (f) => { const n = data.countries[byNumeric[f.id]]; return n ? shade(n) : null; })
      .select("title").text((f) => `${f.properties.name}: ${data.countries[byNumeric[f.id]] || 0} event(s)`);
    const biggest = d3.max(data.markers, (m) => m.events) || 1;
    size = d3.scaleSqrt().domain([1, Math.max(biggest * 2, 2)]).range([4, 22]);
    info.hidden = true;
    draw();
    ew.status("map-status", `${data.markers.length} place(s) with events; ${data.unplaced} event(s) without any place or country.`);
    svgEl.dataset.ready = "1";
  }

  // The month range: two sliders over the months of the store's dates.
  const time = document.getElementById("map-time");
  const from = document.getElementById("time-from"), to = document.getElementById("time-to");
  const months = [];
  if (time.dataset.first && time.dataset.last) {
    const end = time.dataset.last.slice(0, 7);
    for (let d = new Date(time.dataset.first.slice(0, 7) + "-01T00:00:00Z"); ; d.setUTCMonth(d.getUTCMonth() + 1)) {
      const month = d.toISOString().slice(0, 7);
      months.push(month);
      if (month >= end || months.length > 1200) break;
    }
  }
  const monthEnd = (m) => { const d = new Date(m + "-01T00:00:00Z"); d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); return d.toISOString().slice(0, 10); };
  const index = (date, fallback) => { const i = date ? months.indexOf(date.slice(0, 7)) : -1; return i >= 0 ? i : fallback; };
  from.max = to.max = String(Math.max(0, months.length - 1));
  from.value = String(index(time.dataset.start, 0));
  to.value = String(index(time.dataset.end, months.length - 1));
  const label = () => {
    const text = months.length ? `${months[from.value]} to ${months[to.value]}` : "no dated events";
    document.getElementById("time-label").textContent = text;
    from.setAttribute("aria-valuetext", months[from.value] || "");
    to.setAttribute("aria-valuetext", months[to.value] || "");
  };
  const rangeUrl = () => {
    const url = new URL(svgEl.dataset.api, window.location.origin);
    if (!months.length) return url.pathname + url.search;
    url.searchParams.set("start", months[from.value] + "-01");
    url.searchParams.set("end", monthEnd(months[to.value]));
    return url.pathname + url.search;
  };
  const changed = (moved) => {
    if (Number(from.value) > Number(to.value)) (moved === from ? to : from).value = moved.value;
    label();
  };
  for (const slider of [from, to]) {
    slider.addEventListener("input", () => changed(slider));
    slider.addEventListener("change", () => load(rangeUrl()));
  }
  label();
  time.hidden = !months.length;
  await load(svgEl.dataset.api);
})();
