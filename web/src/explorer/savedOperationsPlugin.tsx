import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from "@graphiql/react";

/** One analyst operation from operations/, as /explorer/operations.json lists it. */
export interface SavedOperation {
  name: string;
  title: string;
  query: string;
}

/** The operation's own name: GraphiQL titles a tab with it. */
export function operationName(query: string): string | undefined {
  return /^\s*(?:query|mutation|subscription)\s+(\w+)/m.exec(query)?.[1];
}

function SavedOperationsList({ operations }: { operations: readonly SavedOperation[] }) {
  const tabs = useGraphiQL((state) => state.tabs);
  const activeTabIndex = useGraphiQL((state) => state.activeTabIndex);
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const actions = useGraphiQLActions();
  const editorReady = queryEditor !== undefined;

  const open = (operation: SavedOperation): void => {
    const name = operationName(operation.query);
    const index = tabs.findIndex((tab) => tab.title === name || tab.query === operation.query);
    if (index >= 0) actions.changeTab(index);
    else {
      actions.addTab();
      queryEditor?.setValue(operation.query);
    }
    // GraphiQL learns the operation's name only when it next parses the editor; run at once, it
    // would still send the previous tab's name.
    if (name !== undefined) actions.setOperationName(name);
  };

  return (
    <div className="saved-operations">
      <div className="graphiql-doc-explorer-title">Saved operations</div>
      <p style={{ margin: "0.5rem 0 1rem", opacity: 0.7 }}>
        The analysts&rsquo; questions from <code>operations/</code>. Each is open as a tab; pick one and press
        run (Ctrl-Enter).
      </p>
      {editorReady ? null : (
        <p className="saved-operations-loading" style={{ margin: "0 0 1rem", opacity: 0.7 }}>
          Loading the editor&hellip;
        </p>
      )}
      <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {operations.map((operation) => {
          const active = tabs[activeTabIndex]?.title === operationName(operation.query);
          return (
            <li key={operation.name} style={{ marginBottom: "0.25rem" }}>
              <button
                type="button"
                className="graphiql-un-styled"
                data-operation={operation.name}
                aria-current={active ? "true" : undefined}
                // Until the editor exists, a chosen operation could not be shown in it.
                disabled={!editorReady}
                onClick={() => {
                  open(operation);
                }}
                style={{
                  display: "block",
                  width: "100%",
                  textAlign: "left",
                  padding: "0.4rem 0.5rem",
                  borderRadius: "6px",
                  background: active ? "hsla(var(--color-primary), 0.12)" : undefined,
                  opacity: editorReady ? undefined : 0.5,
                }}
              >
                <div style={{ fontWeight: 600 }}>{operation.title}</div>
                <div style={{ fontSize: "0.8em", opacity: 0.6 }}>{operationName(operation.query)}</div>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function BookmarkIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="1.5">
      <path d="M6 3h12v18l-6-4-6 4z" strokeLinejoin="round" />
    </svg>
  );
}

/** A sidebar panel listing the saved operations by title; clicking one opens its tab once the editor has loaded. */
export function createSavedOperationsPlugin(operations: readonly SavedOperation[]): GraphiQLPlugin {
  return {
    title: "Saved operations",
    icon: BookmarkIcon,
    content: () => <SavedOperationsList operations={operations} />,
  };
}
