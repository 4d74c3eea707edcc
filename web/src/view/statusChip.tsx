import type { SystemStatus } from "../gql/graphql";
import { STATUS_STYLES } from "./labels";

/** A status as a small badge, drawn as the matrix draws it: outlined when shadow, filled when designated. */
export function StatusChip({ status, title }: { status: SystemStatus; title?: string }) {
  const style = STATUS_STYLES[status];
  return (
    <span
      className="status-chip"
      data-status={status}
      title={title}
      style={
        style.outline
          ? { color: style.colour, borderColor: style.colour, background: "#fff" }
          : { color: "#fff", borderColor: style.colour, background: style.colour }
      }
    >
      {status}
    </span>
  );
}
