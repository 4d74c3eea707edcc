import {
  getNamedType,
  GraphQLError,
  GraphQLScalarType,
  Kind,
  type ASTVisitor,
  type ValidationContext,
  type ValueNode,
} from "graphql";
import { ErrorCode } from "../errors.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The number of days in a month (1–12) of a year of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date written YYYY-MM-DD (2017-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function dateProblem(value: unknown): string {
  return `must be an ISO calendar date such as "2017-03-01"; got ${JSON.stringify(value)}`;
}

/**
 * The Date scalar: ISO calendar dates in and out. A malformed variable value is refused when the
 * variables are coerced (BAD_USER_INPUT naming the variable); a malformed literal is refused by
 * DateLiteralRule, which names the argument or input field.
 */
export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: 'An ISO 8601 calendar date, such as "2017-03-01".',
  serialize: (value) => {
    if (typeof value === "string") return value;
    throw new TypeError("Date values are serialised from ISO strings");
  },
  parseValue: (value) => {
    if (typeof value !== "string" || !isIsoDate(value)) {
      throw new GraphQLError(`Date ${dateProblem(value)}`, { extensions: { code: ErrorCode.BadUserInput } });
    }
    return value;
  },
  // Literals are checked by DateLiteralRule during validation, where the argument's name is known.
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : undefined),
});

function literalValue(node: ValueNode): unknown {
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  if (node.kind === Kind.BOOLEAN) return node.value;
  return node.kind;
}

/** A validation rule: every Date literal (argument or input field) must be a calendar date. */
export function DateLiteralRule(context: ValidationContext): ASTVisitor {
  const check = (name: string, value: ValueNode): void => {
    const type = context.getInputType();
    if (type === null || type === undefined || getNamedType(type).name !== "Date") return;
    if (value.kind === Kind.VARIABLE || value.kind === Kind.NULL) return;
    if (value.kind === Kind.STRING && isIsoDate(value.value)) return;
    context.reportError(
      new GraphQLError(`Argument "${name}": ${dateProblem(literalValue(value))}`, {
        nodes: value,
        extensions: { code: ErrorCode.BadUserInput, argument: name },
      }),
    );
  };
  return {
    Argument: (node) => {
      check(node.name.value, node.value);
    },
    ObjectField: (node) => {
      check(node.name.value, node.value);
    },
  };
}
