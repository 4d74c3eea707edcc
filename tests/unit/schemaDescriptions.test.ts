import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { readTypeDefs } from "../../src/graphql/typeDefs.js";

const BUILT_IN = new Set(["String", "Int", "Float", "Boolean", "ID"]);

/** Every type, field, argument and enum value of the schema that has no description. */
function undescribed(): string[] {
  const schema = buildSchema(readTypeDefs());
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || BUILT_IN.has(type.name)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args)
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        if (!field.description) missing.push(`${type.name}.${field.name}`);
    }
    if (isEnumType(type))
      for (const value of type.getValues())
        if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

describe("the schema", () => {
  it("describes every type, field, argument and enum value for the explorer", () => {
    expect(undescribed()).toEqual([]);
  });
});
