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

  function render(events) {
    results.replaceChildren();
    if (!events.length) {
      results.append(Object.assign(document.createElement("p"), {className: "empty", textContent: "No events found in this text."}));
      return;
    }
    for (const e of events) {
      const card = template.content.cloneNode(true);
      card.querySelector(".t-type").textContent = e.event_type + (e.mode ? " / " + e.mode : "");
      const who = (a) => (a ? (a.code || a.text) : "—");
      card.querySelector(".t-dyad").textContent = who(e.actor) + " → " + who(e.recipient);
      const quad = card.querySelector(".t-quad");
      quad.textContent = ew.quadNames[e.quad_class] || String(e.quad_class);
      quad.classList.add("q" + Number(e.quad_class));
      card.querySelector(".t-meta").textContent = `CAMEO ${e.cameo} · Goldstein ${e.goldstein} · ${e.modality} · confidence ${Number(e.confidence).toFixed(2)}`;
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
