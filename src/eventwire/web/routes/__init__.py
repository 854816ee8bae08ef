"""HTTP routes: `api` (JSON under /api) and `pages` (server-rendered HTML)."""
