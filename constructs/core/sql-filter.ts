/**
 * A parser of the Service Bus SQL filter grammar, per
 * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter:
 *
 *   predicate  ::= NOT predicate | predicate AND predicate | predicate OR predicate
 *                | expression { = | <> | != | > | >= | < | <= } expression
 *                | property IS [NOT] NULL | expression [NOT] IN ( expression [, ...] )
 *                | expression [NOT] LIKE pattern [ESCAPE escape_char] | EXISTS ( property ) | ( predicate )
 *   expression ::= constant | function | property | expression { + | - | * | / | % } expression
 *                | { + | - } expression | ( expression )
 *
 * Properties are `[sys.|user.]name` or `[bracketed name]`; strings are quoted with ' ('' inside);
 * keywords are case-insensitive. The construct uses it to refuse what is not the grammar; the testing
 * helpers evaluate the parsed predicate against sample messages (`evaluateSqlFilter`).
 */

/** A value of the filter language; `undefined` is SQL's unknown (a user property the message lacks). */
export type SqlValue = string | number | boolean | null | undefined;

export type SqlExpression =
  | { readonly kind: "constant"; readonly value: string | number | boolean | null }
  | { readonly kind: "property"; readonly scope: "sys" | "user"; readonly name: string }
  | { readonly kind: "function"; readonly name: string; readonly args: readonly SqlExpression[] }
  | { readonly kind: "arithmetic"; readonly op: string; readonly left: SqlExpression; readonly right: SqlExpression }
  | { readonly kind: "negate"; readonly operand: SqlExpression };

export type SqlPredicate =
  | { readonly kind: "and" | "or"; readonly left: SqlPredicate; readonly right: SqlPredicate }
  | { readonly kind: "not"; readonly operand: SqlPredicate }
  | { readonly kind: "compare"; readonly op: string; readonly left: SqlExpression; readonly right: SqlExpression }
  | { readonly kind: "isNull"; readonly negated: boolean; readonly operand: SqlExpression }
  | { readonly kind: "in"; readonly negated: boolean; readonly operand: SqlExpression; readonly list: readonly SqlExpression[] }
  | { readonly kind: "like"; readonly negated: boolean; readonly operand: SqlExpression; readonly pattern: string; readonly escape?: string }
  | { readonly kind: "exists"; readonly property: SqlExpression }
  | { readonly kind: "value"; readonly operand: SqlExpression };

/** The parsed predicate of `filter`; throws an Error naming the first syntax error. */
export function parseSqlFilter(filter: string): SqlPredicate {
  return new Parser(tokenize(filter)).parse();
}

/** Why `filter` is not Service Bus SQL (with the 1-based character), or undefined when it parses. */
export function sqlFilterError(filter: string): { message: string; hint?: string } | undefined {
  try {
    new Parser(tokenize(filter)).parse();
    return undefined;
  } catch (e) {
    if (e instanceof SqlSyntaxError) return { message: e.message, hint: e.hint };
    throw e;
  }
}

class SqlSyntaxError extends Error {
  constructor(
    message: string,
    public readonly hint?: string,
  ) {
    super(message);
  }
}

type TokenKind = "number" | "string" | "name" | "op" | "end";
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 0-based start in the filter. */
  readonly at: number;
}

const KEYWORDS = new Set(["AND", "OR", "NOT", "IS", "NULL", "IN", "LIKE", "ESCAPE", "EXISTS", "TRUE", "FALSE"]);
const COMPARISONS = new Set(["=", "<>", "!=", ">", ">=", "<", "<="]);

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (what: string, hint?: string): never => {
    throw new SqlSyntaxError(`${what} at character ${i + 1}`, hint);
  };
  while (i < filter.length) {
    const rest = filter.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    if (rest.startsWith("==")) fail('"==" is not an operator', 'compare with a single "=", e.g. sys.Label = \'order\'');
    if (rest.startsWith("&&") || rest.startsWith("||")) {
      fail(`"${rest.slice(0, 2)}" is not an operator`, `write ${rest.startsWith("&&") ? "AND" : "OR"}`);
    }
    if (rest[0] === '"') fail("a string in double quotes", "quote strings with single quotes: 'value' ('' for a quote inside)");
    if (rest[0] === "'") {
      let j = 1;
      for (; j < rest.length; j++) {
        if (rest[j] === "'" && rest[j + 1] === "'") j++;
        else if (rest[j] === "'") break;
      }
      if (j >= rest.length) fail("a string that is never closed", "close it with ' (write '' for a quote inside)");
      tokens.push({ kind: "string", text: rest.slice(0, j + 1), at: i });
      i += j + 1;
      continue;
    }
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: "number", text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const bracketed = /^\[[^\]]+\]/.exec(rest);
    const name = bracketed ?? /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\.\[[^\]]+\])?/.exec(rest);
    if (name) {
      tokens.push({ kind: "name", text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = /^(<>|!=|>=|<=|[=<>+\-*/%(),])/.exec(rest);
    if (op) {
      tokens.push({ kind: "op", text: op[0], at: i });
      i += op[0].length;
      continue;
    }
    fail(`"${rest[0]}" is not part of the grammar`);
  }
  tokens.push({ kind: "end", text: "", at: filter.length });
  return tokens;
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  public parse(): SqlPredicate {
    const predicate = this.or();
    if (this.peek().kind !== "end") this.fail(`unexpected ${this.describe(this.peek())}`);
    return predicate;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private keyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === "name" && t.text.toUpperCase() === word;
  }

  private op(text: string): boolean {
    const t = this.peek();
    return t.kind === "op" && t.text === text;
  }

  private expect(text: string): void {
    if (!this.op(text) && !this.keyword(text)) this.fail(`expected "${text}" but found ${this.describe(this.peek())}`);
    this.i++;
  }

  private describe(t: Token): string {
    return t.kind === "end" ? "the end of the filter" : `"${t.text}"`;
  }

  private fail(message: string, at = this.peek()): never {
    throw new SqlSyntaxError(`${message} at character ${at.at + 1}`);
  }

  private or(): SqlPredicate {
    let left = this.and();
    while (this.keyword("OR")) {
      this.i++;
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): SqlPredicate {
    let left = this.not();
    while (this.keyword("AND")) {
      this.i++;
      left = { kind: "and", left, right: this.not() };
    }
    return left;
  }

  private not(): SqlPredicate {
    if (this.keyword("NOT")) {
      this.i++;
      return { kind: "not", operand: this.not() };
    }
    return this.predicate();
  }

  private predicate(): SqlPredicate {
    if (this.keyword("EXISTS")) {
      this.i++;
      this.expect("(");
      const property = this.property();
      this.expect(")");
      return { kind: "exists", property };
    }
    if (this.op("(")) {
      // "(" opens either a predicate or an expression: try the predicate first.
      const start = this.i;
      try {
        this.i++;
        const inner = this.or();
        this.expect(")");
        return inner;
      } catch (e) {
        if (!(e instanceof SqlSyntaxError)) throw e;
        this.i = start;
      }
    }
    const bare = this.keyword("TRUE") || this.keyword("FALSE");
    const left = this.expression();
    const t = this.peek();
    if (t.kind === "op" && COMPARISONS.has(t.text)) {
      this.i++;
      return { kind: "compare", op: t.text === "!=" ? "<>" : t.text, left, right: this.expression() };
    }
    if (this.keyword("IS")) {
      this.i++;
      const negated = this.keyword("NOT");
      if (negated) this.i++;
      this.expect("NULL");
      return { kind: "isNull", negated, operand: left };
    }
    const negated = this.keyword("NOT");
    if (this.keyword("IN") || (negated && this.keyword("IN", 1))) {
      this.i += negated ? 2 : 1;
      this.expect("(");
      const list = [this.expression()];
      while (this.op(",")) {
        this.i++;
        list.push(this.expression());
      }
      this.expect(")");
      return { kind: "in", negated, operand: left, list };
    }
    if (this.keyword("LIKE") || (negated && this.keyword("LIKE", 1))) {
      this.i += negated ? 2 : 1;
      if (this.peek().kind !== "string") this.fail(`LIKE takes a quoted pattern, not ${this.describe(this.peek())}`);
      const pattern = unquote(this.next().text);
      if (!this.keyword("ESCAPE")) return { kind: "like", negated, operand: left, pattern };
      this.i++;
      if (this.peek().kind !== "string") this.fail(`ESCAPE takes a quoted character, not ${this.describe(this.peek())}`);
      return { kind: "like", negated, operand: left, pattern, escape: unquote(this.next().text) };
    }
    if (!bare) this.fail(`expected a comparison (=, <>, !=, >, >=, <, <=), IS [NOT] NULL, [NOT] IN or [NOT] LIKE but found ${this.describe(t)}`);
    return { kind: "value", operand: left };
  }

  private property(): SqlExpression {
    const t = this.peek();
    if (t.kind !== "name" || KEYWORDS.has(t.text.toUpperCase())) this.fail(`expected a property name but found ${this.describe(t)}`);
    this.i++;
    return propertyOf(t.text);
  }

  private expression(): SqlExpression {
    let left = this.term();
    while (this.op("+") || this.op("-")) left = { kind: "arithmetic", op: this.next().text, left, right: this.term() };
    return left;
  }

  private term(): SqlExpression {
    let left = this.unary();
    while (this.op("*") || this.op("/") || this.op("%")) left = { kind: "arithmetic", op: this.next().text, left, right: this.unary() };
    return left;
  }

  private unary(): SqlExpression {
    if (this.op("+") || this.op("-")) {
      const sign = this.next().text;
      const operand = this.unary();
      return sign === "-" ? { kind: "negate", operand } : operand;
    }
    const t = this.peek();
    if (t.kind === "number") {
      this.i++;
      return { kind: "constant", value: Number(t.text) };
    }
    if (t.kind === "string") {
      this.i++;
      return { kind: "constant", value: unquote(t.text) };
    }
    if (this.op("(")) {
      this.i++;
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    const word = t.kind === "name" ? t.text.toUpperCase() : "";
    if (word === "TRUE" || word === "FALSE" || word === "NULL") {
      this.i++;
      return { kind: "constant", value: word === "NULL" ? null : word === "TRUE" };
    }
    if (t.kind === "name" && !KEYWORDS.has(word)) {
      this.i++;
      // newid() and property(name) are the grammar's functions.
      if (!this.op("(")) return propertyOf(t.text);
      this.i++;
      const args: SqlExpression[] = [];
      if (!this.op(")")) {
        args.push(this.expression());
        while (this.op(",")) {
          this.i++;
          args.push(this.expression());
        }
      }
      this.expect(")");
      return { kind: "function", name: t.text.toLowerCase(), args };
    }
    this.fail(`expected a value, property or function but found ${this.describe(t)}`);
  }
}

/** A quoted string's value ('' is one quote inside). */
function unquote(text: string): string {
  return text.slice(1, -1).replace(/''/g, "'");
}

/** `sys.Label`, `user.region`, `region` (user scope by default) or a `[bracketed name]`. */
function propertyOf(text: string): SqlExpression {
  const dot = /^(sys|user)\.(.+)$/i.exec(text);
  const scope = dot ? (dot[1].toLowerCase() as "sys" | "user") : "user";
  const name = (dot ? dot[2] : text).replace(/^\[(.*)\]$/, "$1");
  return { kind: "property", scope, name };
}
