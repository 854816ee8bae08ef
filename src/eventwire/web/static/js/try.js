// "Try it": post text to /api/code and show the coded events. All text goes in via textContent.
"use strict";
(function () {
  const form = document.getElementById("try-form");
  if (!form) return;
  const ew = window.eventwire;
  const results = document.getElementById("try-results");
  const template = document.getElementById("try-event");

  function evidence(target, pieces) {
    for (const piece of pieces) {
      if (piece.roles.length) {
        const mark = document.createElement("mark");
        mark.className = piece.roles.map((r) => "hl-" + r).join(" ");
        mark.dataset.roles = piece.roles.join(" ");
        mark.textContent = piece.text;
        target.append(mark);
      } else {
        target.append(document.createTextNode(piece.text));
      }
    }
  }

  // An actor as its code (a link to its page) with its name beside it, or the words alone.
  function side(actor) {
    const span = document.createElement("span");
    if (!actor) { span.textContent = "—"; return span; }
    if (actor.code) {
      const link = Object.assign(document.createElement("a"), {className: "code actor-link", textContent: actor.code});
      link.href = "/actors/" + encodeURIComponent(actor.code);
      span.append(link);
    }
    const name = actor.name || actor.text;
    if (name) span.append(" ", Object.assign(document.createElement("span"), {className: "name", textContent: name}));
    return span;
  }

  function when(e) {
    if (!e.date) return "unknown";
    const range = e.date_end && e.date_end !== e.date ? ` to ${e.date_end}` : "";
    const precision = e.date_precision && e.date_precision !== "day" ? ` (${e.date_precision})` : "";
    return e.date + range + precision;
  }

  function where(place) {
    if (!place) return "not stated";
    const name = place.name || place.text;
    const parts = [name, place.country && place.country !== name ? place.country : null].filter(Boolean);
    return parts.join(", ") + (place.precision ? ` (${place.precision})` : "");
  }

  function render(events) {
    results.replaceChildren();
    if (!events.length) {
      results.append(Object.assign(document.createElement("p"), {className: "empty", textContent: "No events found in this text."}));
      return;
    }
    for (const e of events) {
      const card = template.content.cloneNode(true);
      card.querySelector(".t-type").textContent = e.event_type + (e.mode ? " / " + e.mode : "");
      card.querySelector(".t-dyad").append(side(e.actor), " → ", side(e.recipient));
      const quad = card.querySelector(".t-quad");
      quad.textContent = ew.quadNames[e.quad_class] || String(e.quad_class);
      quad.classList.add("q" + Number(e.quad_class));
      card.querySelector(".t-date").textContent = when(e);
      card.querySelector(".t-place").textContent = where(e.location);
      card.querySelector(".t-cameo").textContent = `${e.cameo} ${e.cameo_name || ""} · Goldstein ${e.goldstein}`;
      card.querySelector(".t-modality").textContent = e.modality;
      card.querySelector(".t-confidence").textContent = Number(e.confidence).toFixed(2);
      evidence(card.querySelector(".evidence"), e.evidence.pieces);
      results.append(card);
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = document.getElementById("try-text").value;
    const date = document.getElementById("try-date").value;
    ew.status("try-status", "coding…");
    try {
      const response = await fetch("/api/code", {
        method: "POST", headers: {"Content-Type": "application/json", Accept: "application/json"},
        body: JSON.stringify(date ? {text, date} : {text}),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail || response.statusText);
      render(body.events);
      ew.status("try-status", `${body.count} event(s)`);
    } catch (err) {
      ew.status("try-status", "Error: " + err.message);
    }
  });
})();
