import "./view.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RelationshipView } from "./relationshipView";

const root = document.getElementById("root");
if (root === null) throw new Error("The page has no #root element");

createRoot(root).render(
  <StrictMode>
    <RelationshipView />
  </StrictMode>,
);
