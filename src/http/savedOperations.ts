import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** One analyst operation saved in operations/: the explorer opens each as a tab. */
export interface SavedOperation {
  /** The file name without `.graphql`, such as `stpLdrCoterminosity`. */
  name: string;
  /** The file's first comment line, without its `#`; the file name when it has none. */
  title: string;
  /** The whole file, comment included. */
  query: string;
}

/** Reads every `*.graphql` file of `directory`, in file-name order. */
export async function readSavedOperations(directory: string): Promise<SavedOperation[]> {
  const files = (await readdir(directory)).filter((file) => file.endsWith(".graphql")).sort();
  return Promise.all(
    files.map(async (file) => {
      const query = await readFile(path.join(directory, file), "utf8");
      const name = file.slice(0, -".graphql".length);
      const comment = query
        .split("\n")
        .map((line) => line.trim())
        .find((line) => line.startsWith("#"));
      const title = comment?.replace(/^#+\s*/, "") ?? "";
      return { name, title: title === "" ? name : title, query };
    }),
  );
}
