import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = path.dirname(fileURLToPath(import.meta.url));
// `npx vite --config web/vite.config.ts` serves the pages with hot reload and sends API calls here.
const apiUrl = process.env["API_URL"] ?? "http://localhost:4000";

/** Two pages, the explorer and the relationship view, served by the API under /explorer and /view. */
export default defineConfig({
  root: webRoot,
  // The API serves the built scripts, styles and workers under /web/.
  base: "/web/",
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir: path.resolve(webRoot, "../dist/web"),
    emptyOutDir: true,
    // GraphiQL's editor (Monaco) is large by nature; it is served from this machine, not a CDN.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's "use no memo" directives only matter to the React compiler, which is not used here.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
      input: {
        explorer: path.resolve(webRoot, "explorer.html"),
        view: path.resolve(webRoot, "view.html"),
      },
    },
  },
  worker: { format: "es" },
  // The dev server pre-bundles the view's dependencies only: GraphiQL's `?worker` imports defeat
  // the pre-bundler, so the explorer is worked on through `npm run build:web`.
  optimizeDeps: { entries: ["view.html"] },
  server: {
    proxy: { "/graphql": apiUrl, "/explorer/operations.json": apiUrl, "/download": apiUrl },
  },
});
