import { readdirSync, readFileSync } from "node:fs";

/** A running Neo4j JVM. */
export interface Neo4jJvm {
  pid: number;
  /** The server JVM (CommunityEntryPoint), as opposed to the boot JVM that forks it. */
  server: boolean;
}

/** Neo4j JVMs whose command line names `home`. */
export function neo4jJvms(home: string): Neo4jJvm[] {
  const found: Neo4jJvm[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    if (args.some((arg) => arg.includes(home)) && args.some((arg) => arg.startsWith("org.neo4j."))) {
      found.push({ pid: Number(name), server: args.includes("org.neo4j.server.CommunityEntryPoint") });
    }
  }
  return found;
}
