import type { IncomingMessage, ServerResponse } from "node:http";

/** The whole request body as text. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Sends `text` (already JSON) with a status, as every benchmarked server does. */
export function sendJsonText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(text);
}
