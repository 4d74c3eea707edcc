import { serialize } from "node:v8";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { isEnumType, isInterfaceType, isObjectType, print, parse, visit } from "graphql";
import { describe, expect, it } from "vitest";
import { readSchemaDocument, readTypeDefs } from "../../src/graphql/typeDefs.js";

/** V8's serialized form names a string's storage: `"` one byte a character, `c` two. */
function isOneByte(text: string): boolean {
  return String.fromCharCode(serialize(text)[2] ?? 0) === '"';
}

describe("readSchemaDocument", () => {
  it("holds the same contract as the SDL text", () => {
    expect(print(readSchemaDocument())).toBe(print(parse(readTypeDefs())));
  });

  it("holds every name as a one-byte string, though descriptions hold wider characters", () => {
    expect(
      Array.from(readTypeDefs(), (character) => character.charCodeAt(0)).some((code) => code > 0xff),
    ).toBe(true);
    const twoByte: string[] = [];
    visit(readSchemaDocument(), {
      Name: (node) => {
        if (!isOneByte(node.value)) twoByte.push(node.value);
      },
    });
    expect(twoByte).toEqual([]);
  });

  it("gives the executable schema one-byte field names and enum values, which answers carry", () => {
    const schema = makeExecutableSchema({ typeDefs: readSchemaDocument() });
    const twoByte: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (isObjectType(type) || isInterfaceType(type))
        for (const field of Object.values(type.getFields()))
          if (!isOneByte(field.name)) twoByte.push(`${type.name}.${field.name}`);
      if (isEnumType(type))
        for (const value of type.getValues())
          if (!isOneByte(value.name) || !isOneByte(String(value.value)))
            twoByte.push(`${type.name}.${value.name}`);
    }
    expect(twoByte).toEqual([]);
  });
});
