// The Monaco editor's workers, bundled by Vite: nothing is fetched from a CDN.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "@graphiql/react/font/roboto.css";
import "@graphiql/react/font/fira-code.css";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ActiveTabInEditor } from "./activeTabInEditor.js";
import { createSavedOperationsPlugin, type SavedOperation } from "./savedOperationsPlugin.js";

/** Runs every operation with a POST to the API on this page's own origin. */
const fetcher: GraphiQLProps["fetcher"] = async (params, options) => {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...options?.headers },
    body: JSON.stringify(params),
  });
  return (await response.json()) as Record<string, unknown>;
};

async function readSavedOperations(): Promise<SavedOperation[]> {
  const response = await fetch("/explorer/operations.json", { headers: { accept: "application/json" } });
  if (!response.ok) return [];
  const body = (await response.json()) as { operations: SavedOperation[] };
  return body.operations;
}

const operations = await readSavedOperations();
const savedOperations = createSavedOperationsPlugin(operations);
const root = document.getElementById("root");
if (root === null) throw new Error("The page has no #root element");

createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={operations.map((operation) => ({ query: operation.query }))}
      plugins={[savedOperations]}
      visiblePlugin={savedOperations}
      defaultEditorToolsVisibility={false}
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        NHS footprints
        {/* In the logo because GraphiQL always renders it, whichever panels are open. */}
        <ActiveTabInEditor />
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
