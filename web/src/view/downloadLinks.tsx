interface DownloadLinksProps {
  /** A saved operation the server downloads (operations/<operation>.graphql). */
  operation: string;
  /** Its variables, as query parameters. */
  variables: Readonly<Record<string, string>>;
  /** What the table holds, for the buttons' tooltips. */
  what: string;
}

/** The address of a saved operation's table: GET /download/<operation>.csv|json?<variables>. */
export function downloadHref(
  operation: string,
  format: "csv" | "json",
  variables: Readonly<Record<string, string>>,
): string {
  return `/download/${operation}.${format}?${new URLSearchParams(variables).toString()}`;
}

/** Download buttons for a table the server can give as CSV or JSON. */
export function DownloadLinks({ operation, variables, what }: DownloadLinksProps) {
  return (
    <span className="downloads" data-download={operation}>
      <a
        className="download"
        href={downloadHref(operation, "csv", variables)}
        download
        title={`Download ${what} as CSV (opens in Excel)`}
      >
        <span aria-hidden="true">⤓ </span>CSV
      </a>
      <a
        className="download"
        href={downloadHref(operation, "json", variables)}
        download
        title={`Download ${what} as JSON`}
      >
        JSON
      </a>
    </span>
  );
}
