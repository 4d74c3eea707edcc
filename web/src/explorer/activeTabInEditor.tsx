import { useGraphiQL, useGraphiQLActions } from "@graphiql/react";
import { useEffect, useRef } from "react";
import { operationName } from "./savedOperationsPlugin.js";

/**
 * Gives the query editor the active tab's query once the editor exists. GraphiQL shows its tabs
 * while the editor is still loading, then creates the editor with the query of the tab that was
 * active when the page opened: a tab chosen in that moment would otherwise be active with another
 * tab's query in the editor, and run that query. Renders nothing; it must sit inside GraphiQL.
 */
export function ActiveTabInEditor(): null {
  const tabs = useGraphiQL((state) => state.tabs);
  const activeTabIndex = useGraphiQL((state) => state.activeTabIndex);
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const actions = useGraphiQLActions();
  const editorGivenActiveTab = useRef<typeof queryEditor>(undefined);

  useEffect(() => {
    if (queryEditor === undefined || editorGivenActiveTab.current === queryEditor) return;
    editorGivenActiveTab.current = queryEditor;
    const activeQuery = tabs[activeTabIndex]?.query;
    if (activeQuery == null || queryEditor.getValue() === activeQuery) return;
    queryEditor.setValue(activeQuery);
    const name = operationName(activeQuery);
    if (name !== undefined) actions.setOperationName(name);
  }, [queryEditor, tabs, activeTabIndex, actions]);

  return null;
}
