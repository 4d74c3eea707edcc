import { spawn, type ChildProcess } from "node:child_process";
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import neo4j from "neo4j-driver";

/** The Neo4j Community version that neo4j/pom.xml resolves. */
export const NEO4J_VERSION = "5.26.30";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const POM_PATH = join(REPO_ROOT, "neo4j", "pom.xml");
const LIB_DIR = join(REPO_ROOT, "neo4j", "lib");
const COMPLETE_MARKER = ".complete";
const BOOT_CLASS = "org.neo4j.server.startup.Neo4jBoot";
// Put on the boot JVM's command line so that /proc/<pid>/cmdline tells which home a process serves.
const HOME_PROPERTY = "local.neo4j.home";
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const KILL_TIMEOUT_MS = 5_000;
const NO_NEO4J_HINT = "or set NEO4J_URI to use your own Neo4j";

export interface LocalNeo4jOptions {
  /** Absolute NEO4J_HOME, e.g. <repo>/.neo4j/main; conf/, data/, logs/ and run/ live under it. */
  home: string;
  boltPort: number;
  httpPort: number;
  /** JVM heap, used as both initial and max size; default 512m initial, 1g max. */
  heap?: string;
  /** Page cache size; default 256m. */
  pageCache?: string;
  /** Progress messages; default: stderr. */
  log?: (line: string) => void;
}

/**
 * A running local Neo4j. `pid` is the boot JVM, which leads the process group that also holds the
 * server JVM. While it runs, a SIGINT, SIGTERM or SIGHUP to this process stops it first and then
 * ends the process as the signal would; a caller that listens for that signal too stops it itself
 * (so that it can drain its own work first). A process exit sends it SIGTERM; a watchdog stops it if
 * this process is killed outright.
 */
export interface LocalNeo4j {
  uri: string;
  pid: number;
  /** Stops the server and waits until its JVMs are gone (SIGTERM, then SIGKILL after 30 s). Idempotent. */
  stop(): Promise<void>;
  /** Settles once the server has stopped, for any reason: stop(), a signal, or a crash. */
  exited: Promise<void>;
}

/** What `<home>/run/owner.json` records about the running server. */
interface Owner {
  launcherPid: number;
  launcherStartTime: string | null;
  serverPid: number;
  home: string;
  boltPort: number;
  httpPort: number;
}

interface Launcher {
  pid: number;
  startTime: string | null;
}

type Log = (line: string) => void;

const stderrLog: Log = (line) => {
  process.stderr.write(`${line}\n`);
};

/**
 * Returns the directory holding the Neo4j jars (<repo>/neo4j/lib). Fetches them with Maven only
 * when that directory lacks the marker of a complete fetch; a fetch goes to a temporary directory
 * that is renamed into place, so an interrupted one never looks complete.
 */
export async function ensureNeo4jJars(log: Log = stderrLog): Promise<string> {
  if (isCompleteLib(LIB_DIR)) return LIB_DIR;
  await requireMaven();
  const work = join(REPO_ROOT, ".neo4j");
  mkdirSync(work, { recursive: true });
  removeAbandonedFetches(work);
  const staging = join(work, `fetch-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  log(`Fetching Neo4j ${NEO4J_VERSION} jars from Maven Central (first run only, ~125 MB)…`);
  const started = Date.now();
  const result = await run(
    "mvn",
    [
      "-q",
      "-B",
      "-f",
      POM_PATH,
      "dependency:copy-dependencies",
      "-DexcludeTypes=pom",
      `-DoutputDirectory=${staging}`,
    ],
    REPO_ROOT,
  );
  if (result?.code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `Fetching the Neo4j ${NEO4J_VERSION} jars with Maven failed (exit code ${result?.code ?? "none"}); ` +
        `the first run needs Maven Central, ${NO_NEO4J_HINT}:\n` +
        lastLines(result?.output ?? "", 20),
    );
  }
  const jars = existsSync(staging) ? readdirSync(staging).filter((name) => name.endsWith(".jar")) : [];
  if (!jars.includes(`neo4j-${NEO4J_VERSION}.jar`)) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`Maven finished but ${POM_PATH} did not yield neo4j-${NEO4J_VERSION}.jar`);
  }
  writeFileSync(join(staging, COMPLETE_MARKER), `${markerText()}${jars.length} jars\n`);
  if (existsSync(LIB_DIR)) {
    if (isCompleteLib(LIB_DIR)) {
      // Another process completed a fetch meanwhile.
      rmSync(staging, { recursive: true, force: true });
      return LIB_DIR;
    }
    const old = join(work, `lib-incomplete-${process.pid}`);
    renameSync(LIB_DIR, old);
    rmSync(old, { recursive: true, force: true });
  }
  try {
    renameSync(staging, LIB_DIR);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!isCompleteLib(LIB_DIR)) throw error;
  }
  log(`Fetched ${jars.length} jars into neo4j/lib in ${seconds(Date.now() - started)}.`);
  return LIB_DIR;
}

function markerText(): string {
  return `org.neo4j.assembly:neo4j-community-standalone:${NEO4J_VERSION}\n`;
}

function isCompleteLib(dir: string): boolean {
  try {
    return readFileSync(join(dir, COMPLETE_MARKER), "utf8").startsWith(markerText());
  } catch {
    return false;
  }
}

function removeAbandonedFetches(work: string): void {
  for (const name of readdirSync(work)) {
    const match = /^(?:fetch|lib-incomplete)-(\d+)$/.exec(name);
    if (match && !isAlive(Number(match[1]))) rmSync(join(work, name), { recursive: true, force: true });
  }
}

/**
 * Starts Neo4j in `options.home` and resolves once it answers queries on Bolt. Throws a clear
 * Error when Java 17+ (or, on the first run, Maven) is missing, when the home is already served
 * by a live launcher, when a port is taken, or when the server does not become ready in 120 s.
 * Before starting, it stops a server of this home whose launcher has died.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? stderrLog;
  if (!isAbsolute(options.home)) {
    throw new Error(`The Neo4j home must be an absolute path, got ${options.home}`);
  }
  const home = resolve(options.home);
  const { boltPort, httpPort } = options;
  if (boltPort === httpPort) throw new Error(`The Bolt and HTTP ports must differ (both are ${boltPort})`);

  await requireJava();
  const lib = await ensureNeo4jJars(log);
  for (const dir of ["conf", "data", "logs", "run", "plugins"]) {
    mkdirSync(join(home, dir), { recursive: true });
  }

  const me: Launcher = { pid: process.pid, startTime: processStartTime(process.pid) };
  acquireLock(home, me);
  let running: Supervised;
  let started = 0;
  try {
    await stopOrphans(home, log);
    await requireFreePort(boltPort, "Bolt", "NEO4J_LOCAL_BOLT_PORT");
    await requireFreePort(httpPort, "HTTP", "NEO4J_LOCAL_HTTP_PORT");
    writeConfig(home, lib, options);
    log(
      `Starting Neo4j ${NEO4J_VERSION} in ${displayPath(home)} (Bolt port ${boltPort}, HTTP port ${httpPort})…`,
    );
    started = Date.now();
    running = await launch(home, lib, me, { boltPort, httpPort }, log);
  } catch (error) {
    releaseLock(home, me);
    throw error;
  }
  const uri = `bolt://127.0.0.1:${boltPort}`;
  try {
    await waitUntilReady(uri, running.processExit, running.consoleLog);
  } catch (error) {
    await running.stop().catch(() => undefined);
    throw error;
  }
  running.setReady();
  log(`Neo4j is ready at ${uri} (${seconds(Date.now() - started)}).`);
  return { uri, pid: running.pid, stop: running.stop, exited: running.exited };
}

/** The default database's store and transaction logs in a home: present once a server has started there or a store was imported. */
function storeDirs(home: string): { store: string; transactions: string } {
  return {
    store: join(home, "data", "databases", "neo4j"),
    transactions: join(home, "data", "transactions", "neo4j"),
  };
}

/** Whether the home holds a store for the default database (a server started there, or a store was imported). */
export function hasLocalStore(home: string): boolean {
  return existsSync(storeDirs(home).store);
}

/** One CSV file of a bulk import: nodes or relationships, with the import tool's headers. */
export interface BulkImportFile {
  name: string;
  kind: "nodes" | "relationships";
  text: string;
}

const ADMIN_CLASS = "org.neo4j.cli.AdminTool";
// The import tool runs once and briefly: the client compiler alone finishes it sooner than tiered
// compilation, which spends a core on optimised code the run ends before using.
const IMPORT_JVM_SETTINGS = ["-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];

/**
 * Builds the default database's store in `home` from CSV files with Neo4j's bulk importer
 * (`neo4j-admin database import full`), while no server runs there: with about a third of the CPU
 * that writing the same graph through transactions takes from a just-started server. Refuses when the home already holds a store or a launcher. The
 * store is built in <home>/import and moved into place only once complete, so an import that fails
 * or is interrupted leaves the home as it was. Progress lines go to `log`. Resolves with the time
 * from writing the files to the store in place (a first run's fetch of the jars comes before).
 */
export async function importLocalStore(options: {
  home: string;
  files: readonly BulkImportFile[];
  arrayDelimiter: string;
  log?: Log;
}): Promise<{ seconds: number }> {
  const log = options.log ?? stderrLog;
  if (!isAbsolute(options.home)) {
    throw new Error(`The Neo4j home must be an absolute path, got ${options.home}`);
  }
  const home = resolve(options.home);
  await requireJava();
  const lib = await ensureNeo4jJars(log);
  mkdirSync(join(home, "run"), { recursive: true });
  const me: Launcher = { pid: process.pid, startTime: processStartTime(process.pid) };
  acquireLock(home, me);
  const staging = join(home, "import");
  try {
    if (hasLocalStore(home)) {
      throw new Error(`${displayPath(home)} already holds a store: a bulk import builds only a new one.`);
    }
    const started = Date.now();
    rmSync(staging, { recursive: true, force: true });
    for (const dir of ["conf", "files", "logs"]) mkdirSync(join(staging, dir), { recursive: true });
    writeFileSync(join(staging, "conf", "neo4j.conf"), "# The bulk import's settings: the defaults.\n");
    const args = [
      ...IMPORT_JVM_SETTINGS,
      "-cp",
      `${lib}/*`,
      ADMIN_CLASS,
      "database",
      "import",
      "full",
      "neo4j",
      "--multiline-fields=true",
      // Failures then name their cause (a missing node, a bad value, with its file and line).
      "--verbose",
      `--array-delimiter=${options.arrayDelimiter}`,
      `--report-file=${join(staging, "logs", "import.report")}`,
    ];
    for (const file of options.files) {
      const path = join(staging, "files", file.name);
      writeFileSync(path, file.text);
      args.push(`--${file.kind}=${path}`);
    }
    const result = await runImportTool(args, staging, log);
    if (result.code !== 0) {
      throw new Error(
        `The bulk import into ${displayPath(home)} failed (${result.how}); nothing was written.\n` +
          importFailureReasons(result.output),
      );
    }
    const built = storeDirs(staging);
    const target = storeDirs(home);
    for (const dir of [target.store, target.transactions]) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(join(dir, ".."), { recursive: true });
    }
    // The store last: hasLocalStore looks for it, so it appears only with its transaction logs in place.
    renameSync(built.transactions, target.transactions);
    renameSync(built.store, target.store);
    return { seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    releaseLock(home, me);
  }
}

/** The causes the import tool gave for failing (from --verbose), else the last lines it printed. */
function importFailureReasons(output: string): string {
  const causes = new Set<string>();
  for (const match of output.matchAll(
    /^\s*(?:original error|Caused by): (?:[\w.$]+(?:Exception|Error): )?(.+)$/gm,
  )) {
    const cause = match[1]?.trim() ?? "";
    if (cause !== "" && cause !== "ERROR in input") causes.add(cause);
  }
  if (causes.size > 0) return [...causes].slice(0, 10).join("\n");
  const said = output.split("\n").filter((line) => !/^[-.]{10}|^\s+at /.test(line));
  return `Last lines of its output:\n${lastLines(said.join("\n"), 15)}`;
}

/** Runs the import tool in `home`, passing its closing line to `log`; it dies with this process. */
function runImportTool(
  args: string[],
  home: string,
  log: Log,
): Promise<{ code: number | null; how: string; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn("java", args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, "conf") },
    });
    const killChild = (): void => {
      child.kill("SIGKILL");
    };
    process.on("exit", killChild);
    let output = "";
    let pending = "";
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString();
      output += text;
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (/^IMPORT (?:DONE|FAILED)/.test(line)) log(`  bulk import: ${line.trim()}`);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => {
      process.off("exit", killChild);
      reject(error);
    });
    child.on("close", (code, signal) => {
      process.off("exit", killChild);
      resolveRun({ code, how: signal ?? `exit code ${code ?? "none"}`, output });
    });
  });
}

/** Spawns the boot JVM in its own process group, records it in owner.json and supervises it. */
async function launch(
  home: string,
  lib: string,
  me: Launcher,
  ports: { boltPort: number; httpPort: number },
  log: Log,
): Promise<Supervised> {
  const consoleLog = join(home, "logs", "console.log");
  const out = openSync(consoleLog, "a");
  let server: ChildProcess;
  try {
    server = spawn(
      "java",
      ["-Xmx64m", "-XX:+UseSerialGC", `-D${HOME_PROPERTY}=${home}`, "-cp", `${lib}/*`, BOOT_CLASS, "console"],
      {
        detached: true,
        stdio: ["ignore", out, out],
        env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, "conf") },
      },
    );
  } finally {
    closeSync(out);
  }
  const pid = await spawned(server);
  try {
    writeOwner(home, {
      launcherPid: me.pid,
      launcherStartTime: me.startTime,
      serverPid: pid,
      home,
      ...ports,
    });
    const watchdog = startWatchdog(pid);
    return supervise({ home, me, server, pid, watchdog, log, consoleLog });
  } catch (error) {
    signalGroup(pid, "SIGKILL");
    throw error;
  }
}

interface Supervised {
  pid: number;
  consoleLog: string;
  stop: () => Promise<void>;
  exited: Promise<void>;
  /** Resolves with how the boot JVM ended ("exit code 1", "SIGKILL") once it has exited. */
  processExit: Promise<string>;
  /** From now on an exit of the server is reported as such (during start-up, the start fails instead). */
  setReady: () => void;
}

/** Ties the server's lifetime to this process: signal and exit handlers, clean-up after any exit. */
function supervise(args: {
  home: string;
  me: Launcher;
  server: ChildProcess;
  pid: number;
  watchdog: ChildProcess;
  log: Log;
  consoleLog: string;
}): Supervised {
  const { home, me, server, pid, watchdog, log, consoleLog } = args;
  let ready = false;
  let stopping: Promise<void> | undefined;
  let markExited: () => void = () => undefined;
  const exited = new Promise<void>((resolveExited) => {
    markExited = resolveExited;
  });
  let hasExited = false;
  const processExit = new Promise<string>((resolveExit) => {
    server.on("exit", (code, signal) => {
      hasExited = true;
      resolveExit(signal ?? `exit code ${code ?? "none"}`);
    });
  });

  const onExit = (): void => {
    // Only synchronous work is possible here; the watchdog finishes the job.
    signalGroup(pid, "SIGTERM");
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // The caller handles this signal: stopping now would fail the requests it is still draining.
    if (process.listenerCount(signal) > 1) return;
    void stop()
      .catch((error: unknown) => {
        log(errorMessage(error));
      })
      .finally(() => {
        // Let the signal end the process as it would have without us, unless the caller handles it.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  process.on("exit", onExit);
  for (const signal of signals) process.on(signal, onSignal);

  function stop(): Promise<void> {
    stopping ??= (async () => {
      const started = Date.now();
      const wasRunning = !hasExited;
      if (wasRunning) log(`Stopping Neo4j (pid ${pid})…`);
      const gone = await stopGroup(pid);
      process.off("exit", onExit);
      for (const signal of signals) process.off(signal, onSignal);
      if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill("SIGTERM");
      removeOwner(home, pid);
      releaseLock(home, me);
      markExited();
      if (!gone) throw new Error(`Neo4j (process group ${pid}) did not stop, even after SIGKILL`);
      if (wasRunning) log(`Neo4j stopped (${seconds(Date.now() - started)}).`);
    })();
    return stopping;
  }

  void processExit.then((how) => {
    if (stopping) return;
    if (ready) {
      log(
        how === "exit code 0"
          ? "Neo4j has exited (exit code 0)."
          : `Neo4j exited unexpectedly (${how}); see ${displayPath(consoleLog)}:\n` +
              lastLines(readText(consoleLog), 15),
      );
    }
    // Stops the server JVM too if only the boot JVM died, and releases the lock.
    void stop().catch((error: unknown) => {
      log(errorMessage(error));
    });
  });
  // The caller decides how long this process lives; the exit handler and watchdog cover the server.
  server.unref();
  return {
    pid,
    consoleLog,
    stop,
    exited,
    processExit,
    setReady: () => {
      ready = true;
    },
  };
}

/** Polls until the server answers a query on Bolt; fails fast if the server exits first. */
async function waitUntilReady(uri: string, processExit: Promise<string>, consoleLog: string): Promise<void> {
  const exitError = new Error("Neo4j exited during start-up");
  const exit = processExit.then((how) => {
    exitError.message =
      `Neo4j exited during start-up (${how}). Last lines of ${consoleLog}:\n` +
      lastLines(readText(consoleLog), 25);
    throw exitError;
  });
  exit.catch(() => undefined);
  const driver = neo4j.driver(uri, undefined, { connectionTimeout: 2_000, maxConnectionPoolSize: 2 });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  try {
    while (Date.now() < deadline) {
      const attempt = (async () => {
        await driver.verifyConnectivity();
        // Bolt can accept connections before the default database is online. No retries here,
        // unlike executeQuery, so that each attempt is short.
        const session = driver.session();
        try {
          await session.run("RETURN 1");
        } finally {
          await session.close();
        }
      })();
      attempt.catch(() => undefined);
      try {
        await Promise.race([attempt, exit]);
        return;
      } catch (error) {
        if (error === exitError) throw error;
        lastError = error;
      }
      await Promise.race([sleep(250), exit]);
    }
    throw new Error(
      `Neo4j did not become ready on ${uri} within ${READY_TIMEOUT_MS / 1000} s ` +
        `(last error: ${errorMessage(lastError)}). Last lines of ${consoleLog}:\n` +
        lastLines(readText(consoleLog), 25),
    );
  } finally {
    await driver.close();
  }
}

/**
 * The `server.jvm.additional` lines of the neo4j.conf in Neo4j 5.26's distribution (the tarball
 * that Maven Central lacks): heap pre-touched at start, final fields trusted, no explicit GC, and
 * the module openings its page cache and Bolt's Netty use for direct memory.
 */
const DISTRIBUTION_JVM_SETTINGS = [
  "-XX:+UseG1GC",
  "-XX:-OmitStackTraceInFastThrow",
  "-XX:+AlwaysPreTouch",
  "-XX:+UnlockExperimentalVMOptions",
  "-XX:+TrustFinalNonStaticFields",
  "-XX:+DisableExplicitGC",
  "-Djdk.nio.maxCachedBufferSize=1024",
  "-Dio.netty.tryReflectionSetAccessible=true",
  "-Djdk.tls.ephemeralDHKeySize=2048",
  "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
  "-XX:FlightRecorderOptions=stackdepth=256",
  "-XX:+UnlockDiagnosticVMOptions",
  "-XX:+DebugNonSafepoints",
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "-Dlog4j2.disable.jmx=true",
];

function writeConfig(home: string, lib: string, options: LocalNeo4jOptions): void {
  const lines = [
    "# Written by src/neo4j/localNeo4j.ts at every start: edits here are overwritten.",
    `server.directories.lib=${lib}`,
    "server.default_listen_address=127.0.0.1",
    "server.default_advertised_address=127.0.0.1",
    `server.bolt.listen_address=127.0.0.1:${options.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${options.boltPort}`,
    `server.http.listen_address=127.0.0.1:${options.httpPort}`,
    `server.http.advertised_address=127.0.0.1:${options.httpPort}`,
    "server.https.enabled=false",
    // A loopback-only development server.
    "dbms.security.auth_enabled=false",
    `server.memory.heap.initial_size=${options.heap ?? "512m"}`,
    `server.memory.heap.max_size=${options.heap ?? "1g"}`,
    `server.memory.pagecache.size=${options.pageCache ?? "256m"}`,
    "dbms.usage_report.enabled=false",
    // Bolt otherwise waits a 5 s quiet period per connector on shutdown (12 s stops instead of 2 s).
    "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
    // The JVM settings of the neo4j.conf that Neo4j's own distribution ships.
    ...DISTRIBUTION_JVM_SETTINGS.map((setting) => `server.jvm.additional=${setting}`),
    "",
  ];
  writeFileSync(join(home, "conf", "neo4j.conf"), lines.join("\n"));
}

// --- Requirements -------------------------------------------------------------------------------

async function requireJava(): Promise<void> {
  const result = await run("java", ["-version"]);
  const install = "install openjdk-17-jre-headless (Debian/Ubuntu) or another Java 17+";
  if (result === null) {
    throw new Error(`Java 17 or later is required to run the local Neo4j: ${install}, ${NO_NEO4J_HINT}.`);
  }
  const version = /version "(\d+)(?:\.(\d+))?/.exec(result.output);
  const major = version?.[1] === "1" ? Number(version[2]) : Number(version?.[1]);
  if (result.code !== 0 || !Number.isFinite(major)) {
    throw new Error(
      `Java 17 or later is required to run the local Neo4j, but \`java -version\` failed: ` +
        `${lastLines(result.output, 5)}\n${install}, ${NO_NEO4J_HINT}.`,
    );
  }
  if (major < 17) {
    throw new Error(
      `Java 17 or later is required to run the local Neo4j, but \`java\` is version ${major}: ` +
        `${install} and put it first on PATH, ${NO_NEO4J_HINT}.`,
    );
  }
}

async function requireMaven(): Promise<void> {
  const result = await run("mvn", ["-v"]);
  if (result?.code !== 0) {
    throw new Error(
      `Maven is required to fetch the local Neo4j's jars (first run only): install maven, ${NO_NEO4J_HINT}.` +
        (result ? `\n\`mvn -v\` failed:\n${lastLines(result.output, 5)}` : ""),
    );
  }
}

async function requireFreePort(port: number, kind: string, envName: string): Promise<void> {
  const free = await new Promise<boolean>((resolveFree, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolveFree(false);
      else reject(error);
    });
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      probe.close(() => {
        resolveFree(true);
      });
    });
  });
  if (!free) {
    throw new Error(
      `Port ${port} on 127.0.0.1, wanted for the local Neo4j's ${kind} connector, is already in use by another ` +
        `program: stop that program, or choose another port (${envName} for npm run neo4j and npm start).`,
    );
  }
}

// --- The lock: one launcher per home ------------------------------------------------------------

function lockPath(home: string): string {
  return join(home, "run", "launcher.lock");
}

function alreadyRunning(home: string, pid: number): Error {
  return new Error(
    `The local Neo4j in ${displayPath(home)} is already running under process ${pid}; stop it or set NEO4J_URI.`,
  );
}

/** Takes <home>/run/launcher.lock, taking over a lock whose launcher has died. */
function acquireLock(home: string, me: Launcher): void {
  const path = lockPath(home);
  // Written whole first and then linked into place, so a reader never sees a half-written lock.
  const draft = `${path}.${me.pid}`;
  writeFileSync(draft, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        linkSync(draft, path);
        return;
      } catch (error) {
        if (errorCode(error) !== "EEXIST") throw error;
      }
      const holder = readLauncher(path);
      if (holder && isSameProcess(holder)) throw alreadyRunning(home, holder.pid);
      // Stale: move it aside first, so that of two launchers taking it over only one removes it.
      const aside = `${path}.stale-${me.pid}`;
      try {
        renameSync(path, aside);
      } catch (error) {
        if (errorCode(error) === "ENOENT") continue;
        throw error;
      }
      const moved = readLauncher(aside);
      if (moved && isSameProcess(moved)) {
        // A live launcher's fresh lock was moved by mistake: put it back.
        try {
          linkSync(aside, path);
        } finally {
          rmSync(aside, { force: true });
        }
        throw alreadyRunning(home, moved.pid);
      }
      rmSync(aside, { force: true });
    }
    throw new Error(`Could not take the lock ${path}; try again.`);
  } finally {
    rmSync(draft, { force: true });
  }
}

function releaseLock(home: string, me: Launcher): void {
  const holder = readLauncher(lockPath(home));
  if (holder?.pid === me.pid && holder.startTime === me.startTime) rmSync(lockPath(home), { force: true });
}

function readLauncher(path: string): Launcher | null {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as Partial<Launcher>;
    if (typeof value.pid !== "number") return null;
    return { pid: value.pid, startTime: typeof value.startTime === "string" ? value.startTime : null };
  } catch {
    return null;
  }
}

// --- owner.json and orphans ---------------------------------------------------------------------

function ownerPath(home: string): string {
  return join(home, "run", "owner.json");
}

function writeOwner(home: string, owner: Owner): void {
  const path = ownerPath(home);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(owner, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

function readOwner(home: string): Owner | null {
  try {
    const value = JSON.parse(readFileSync(ownerPath(home), "utf8")) as Partial<Owner>;
    if (typeof value.launcherPid !== "number" || typeof value.serverPid !== "number") return null;
    return {
      launcherPid: value.launcherPid,
      launcherStartTime: typeof value.launcherStartTime === "string" ? value.launcherStartTime : null,
      serverPid: value.serverPid,
      home: typeof value.home === "string" ? value.home : "",
      boltPort: typeof value.boltPort === "number" ? value.boltPort : 0,
      httpPort: typeof value.httpPort === "number" ? value.httpPort : 0,
    };
  } catch {
    return null;
  }
}

function removeOwner(home: string, serverPid: number): void {
  if (readOwner(home)?.serverPid === serverPid) rmSync(ownerPath(home), { force: true });
}

/** Process groups of JVMs that serve `home` (checked on their command lines), by group id. */
function serverGroups(home: string): Map<number, number> {
  const groups = new Map<number, number>();
  const owner = readOwner(home);
  if (owner?.home === home && groupMembers(owner.serverPid).some((pid) => servesHome(pid, home))) {
    groups.set(owner.serverPid, owner.serverPid);
  }
  for (const pid of listPids()) {
    const group = readStat(pid)?.group;
    if (group !== undefined && !groups.has(group) && servesHome(pid, home)) groups.set(group, pid);
  }
  return groups;
}

/** Stops servers of `home` left behind by launchers that died (the caller holds the lock). */
async function stopOrphans(home: string, log: Log): Promise<void> {
  const owner = readOwner(home);
  if (owner && isSameProcess({ pid: owner.launcherPid, startTime: owner.launcherStartTime })) {
    if (groupMembers(owner.serverPid).some((pid) => servesHome(pid, home))) {
      throw alreadyRunning(home, owner.launcherPid);
    }
  }
  for (const [group, pid] of serverGroups(home)) {
    if (!(await stopGroup(group))) {
      throw new Error(`Could not stop the orphaned Neo4j (pid ${pid}) in ${home}`);
    }
    log(`Stopped an orphaned Neo4j (pid ${pid}) left by a previous run.`);
  }
  rmSync(ownerPath(home), { force: true });
}

/**
 * Stops every server of `home`, whoever started it, and waits until its JVMs are gone. Returns the
 * pids it stopped (empty when none was running). A live launcher notices and cleans up after itself.
 */
export async function stopLocalNeo4j(home: string, log: Log = stderrLog): Promise<number[]> {
  const stopped: number[] = [];
  for (const [group, pid] of serverGroups(resolve(home))) {
    log(`Stopping Neo4j (pid ${pid}) in ${displayPath(home)}…`);
    if (!(await stopGroup(group))) throw new Error(`Could not stop Neo4j (pid ${pid}), even with SIGKILL`);
    stopped.push(pid);
  }
  return stopped;
}

/** What is known about the local Neo4j of a home. */
export interface LocalNeo4jStatus {
  running: boolean;
  /** The boot JVM of the running server. */
  pid?: number;
  uri?: string;
  launcherPid?: number;
  /** False when the launcher died and left the server behind (the next start or stop ends it). */
  launcherAlive?: boolean;
  jarsFetched: boolean;
}

/** Reports whether a server of `home` runs, from owner.json and the process table. */
export function localNeo4jStatus(home: string): LocalNeo4jStatus {
  const absolute = resolve(home);
  const jarsFetched = isCompleteLib(LIB_DIR);
  const groups = serverGroups(absolute);
  const first = [...groups.values()][0];
  if (first === undefined) return { running: false, jarsFetched };
  const owner = readOwner(absolute);
  if (owner && groups.has(owner.serverPid)) {
    return {
      running: true,
      pid: owner.serverPid,
      uri: `bolt://127.0.0.1:${owner.boltPort}`,
      launcherPid: owner.launcherPid,
      launcherAlive: isSameProcess({ pid: owner.launcherPid, startTime: owner.launcherStartTime }),
      jarsFetched,
    };
  }
  return { running: true, pid: first, launcherAlive: false, jarsFetched };
}

// --- Processes ----------------------------------------------------------------------------------

/** Sends SIGTERM to the group, waits up to 30 s, then SIGKILLs it. Returns whether it is gone. */
async function stopGroup(group: number): Promise<boolean> {
  signalGroup(group, "SIGTERM");
  if (await waitForGroupExit(group, STOP_TIMEOUT_MS)) return true;
  signalGroup(group, "SIGKILL");
  return waitForGroupExit(group, KILL_TIMEOUT_MS);
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch (error) {
    if (errorCode(error) !== "ESRCH") throw error;
  }
}

async function waitForGroupExit(group: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupMembers(group).length > 0) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

// Telling a home's JVMs apart (and so stopping orphans) reads /proc, so needs Linux; elsewhere only
// stop(), the exit handlers and the watchdog keep servers from outliving their launcher.
const HAS_PROC = existsSync("/proc/self/stat");

function listPids(): number[] {
  if (!HAS_PROC) return [];
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

interface Stat {
  state: string;
  group: number;
  startTime: string;
}

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const [state, , group] = fields;
    const startTime = fields[19];
    if (state === undefined || group === undefined || startTime === undefined) return null;
    return { state, group: Number(group), startTime };
  } catch {
    return null;
  }
}

/** Live (not zombie) members of a process group. */
function groupMembers(group: number): number[] {
  if (!HAS_PROC) {
    try {
      process.kill(-group, 0);
      return [group];
    } catch {
      return [];
    }
  }
  return listPids().filter((pid) => {
    const stat = readStat(pid);
    return stat !== null && stat.group === group && stat.state !== "Z" && stat.state !== "X";
  });
}

/** Whether the process is a Neo4j JVM of `home`: the boot JVM or the server JVM it forks. */
function servesHome(pid: number, home: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return args.includes(`-D${HOME_PROPERTY}=${home}`) || args.includes(`--home-dir=${home}`);
  } catch {
    return false;
  }
}

function processStartTime(pid: number): string | null {
  return readStat(pid)?.startTime ?? null;
}

function isAlive(pid: number): boolean {
  if (HAS_PROC) {
    const stat = readStat(pid);
    return stat !== null && stat.state !== "Z" && stat.state !== "X";
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

/** Whether `launcher` is still the same live process (a recycled pid has another start time). */
function isSameProcess(launcher: Launcher): boolean {
  if (!isAlive(launcher.pid)) return false;
  const startTime = processStartTime(launcher.pid);
  return launcher.startTime === null || startTime === null || startTime === launcher.startTime;
}

async function spawned(child: ChildProcess): Promise<number> {
  return new Promise((resolveSpawn, reject) => {
    child.once("spawn", () => {
      if (child.pid === undefined) reject(new Error("java started without a pid"));
      else resolveSpawn(child.pid);
    });
    child.once("error", (error) => {
      reject(new Error(`Could not start java: ${error.message}`));
    });
  });
}

// Polls every 500 ms; once the launcher is gone, SIGTERMs the server's group, then SIGKILLs it
// after 30 s. Exits as soon as the group is gone. Plain CommonJS, run with `node -e`.
const WATCHDOG_SCRIPT = `
const fs = require("node:fs");
const parent = Number(process.argv[1]);
const group = Number(process.argv[2]);
function alive() {
  try {
    return fs.readdirSync("/proc").some((name) => {
      if (!/^\\d+$/.test(name)) return false;
      try {
        const text = fs.readFileSync("/proc/" + name + "/stat", "utf8");
        const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
        return Number(fields[2]) === group && fields[0] !== "Z" && fields[0] !== "X";
      } catch { return false; }
    });
  } catch {
    try { process.kill(-group, 0); return true; } catch { return false; }
  }
}
function signal(name) { try { process.kill(-group, name); } catch {} }
let deadline = 0;
setInterval(() => {
  if (!alive()) process.exit(0);
  if (deadline === 0 && process.ppid !== parent) {
    signal("SIGTERM");
    deadline = Date.now() + ${STOP_TIMEOUT_MS};
  } else if (deadline !== 0 && Date.now() > deadline) {
    signal("SIGKILL");
    if (Date.now() > deadline + ${KILL_TIMEOUT_MS}) process.exit(1);
  }
}, 500);
`;

function startWatchdog(group: number): ChildProcess {
  const watchdog = spawn(process.execPath, ["-e", WATCHDOG_SCRIPT, String(process.pid), String(group)], {
    detached: true,
    stdio: "ignore",
  });
  watchdog.on("error", () => undefined);
  watchdog.unref();
  return watchdog;
}

// --- Small helpers ------------------------------------------------------------------------------

interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command to its end, collecting stdout and stderr; null when the command does not exist. */
function run(command: string, args: string[], cwd?: string): Promise<RunResult | null> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => {
      if (errorCode(error) === "ENOENT") resolveRun(null);
      else reject(error);
    });
    child.on("close", (code) => {
      resolveRun({ code, output });
    });
  });
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split("\n").slice(-count).join("\n");
}

function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith("..") && !isAbsolute(fromCwd) ? fromCwd : path;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
