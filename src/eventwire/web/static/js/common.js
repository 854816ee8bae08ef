// Shared helpers. Data from the server is untrusted: it is only ever set with textContent.
"use strict";
window.eventwire = {
  quadNames: {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"},
  quadColours: {1: "#6baed6", 2: "#2171b5", 3: "#fd8d3c", 4: "#d94801"},
  coop: "#2171b5",
  conflict: "#d94801",
  async getJSON(url) {
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || response.statusText);
    return body;
  },
  status(id, text) {
    const el = document.getElementById(id);
    if (el) el.textContent = text;
  },
};

// An event row's button shows or hides the sentence row it controls (a real <button>, so
// Tab reaches it and Enter or Space presses it).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.expand");
  if (!button) return;
  const row = document.getElementById(button.getAttribute("aria-controls"));
  if (!row) return;
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  row.hidden = !open;
});
