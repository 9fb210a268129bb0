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
 * keywords are case-insensitive. It checks syntax only: Service Bus evaluates properties at run time.
 */

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

  public parse(): void {
    this.or();
    if (this.peek().kind !== "end") this.fail(`unexpected ${this.describe(this.peek())}`);
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
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

  private or(): void {
    this.and();
    while (this.keyword("OR")) {
      this.i++;
      this.and();
    }
  }

  private and(): void {
    this.not();
    while (this.keyword("AND")) {
      this.i++;
      this.not();
    }
  }

  private not(): void {
    if (this.keyword("NOT")) {
      this.i++;
      this.not();
      return;
    }
    this.predicate();
  }

  private predicate(): void {
    if (this.keyword("EXISTS")) {
      this.i++;
      this.expect("(");
      this.property();
      this.expect(")");
      return;
    }
    if (this.op("(")) {
      // "(" opens either a predicate or an expression: try the predicate first.
      const start = this.i;
      try {
        this.i++;
        this.or();
        this.expect(")");
        return;
      } catch (e) {
        if (!(e instanceof SqlSyntaxError)) throw e;
        this.i = start;
      }
    }
    const bare = this.keyword("TRUE") || this.keyword("FALSE");
    this.expression();
    const t = this.peek();
    if (t.kind === "op" && COMPARISONS.has(t.text)) {
      this.i++;
      this.expression();
    } else if (this.keyword("IS")) {
      this.i++;
      if (this.keyword("NOT")) this.i++;
      this.expect("NULL");
    } else if (this.keyword("IN") || (this.keyword("NOT") && this.keyword("IN", 1))) {
      this.i += this.keyword("NOT") ? 2 : 1;
      this.expect("(");
      this.expression();
      while (this.op(",")) {
        this.i++;
        this.expression();
      }
      this.expect(")");
    } else if (this.keyword("LIKE") || (this.keyword("NOT") && this.keyword("LIKE", 1))) {
      this.i += this.keyword("NOT") ? 2 : 1;
      if (this.peek().kind !== "string") this.fail(`LIKE takes a quoted pattern, not ${this.describe(this.peek())}`);
      this.i++;
      if (this.keyword("ESCAPE")) {
        this.i++;
        if (this.peek().kind !== "string") this.fail(`ESCAPE takes a quoted character, not ${this.describe(this.peek())}`);
        this.i++;
      }
    } else if (!bare) {
      this.fail(`expected a comparison (=, <>, !=, >, >=, <, <=), IS [NOT] NULL, [NOT] IN or [NOT] LIKE but found ${this.describe(t)}`);
    }
  }

  private property(): void {
    const t = this.peek();
    if (t.kind !== "name" || KEYWORDS.has(t.text.toUpperCase())) this.fail(`expected a property name but found ${this.describe(t)}`);
    this.i++;
  }

  private expression(): void {
    this.term();
    while (this.op("+") || this.op("-")) {
      this.i++;
      this.term();
    }
  }

  private term(): void {
    this.unary();
    while (this.op("*") || this.op("/") || this.op("%")) {
      this.i++;
      this.unary();
    }
  }

  private unary(): void {
    if (this.op("+") || this.op("-")) {
      this.i++;
      this.unary();
      return;
    }
    const t = this.peek();
    if (t.kind === "number" || t.kind === "string") {
      this.i++;
      return;
    }
    if (this.op("(")) {
      this.i++;
      this.expression();
      this.expect(")");
      return;
    }
    if (t.kind === "name" && ["TRUE", "FALSE", "NULL"].includes(t.text.toUpperCase())) {
      this.i++;
      return;
    }
    if (t.kind === "name" && !KEYWORDS.has(t.text.toUpperCase())) {
      this.i++;
      // newid() and property(name) are the grammar's functions.
      if (this.op("(")) {
        this.i++;
        if (!this.op(")")) {
          this.expression();
          while (this.op(",")) {
            this.i++;
            this.expression();
          }
        }
        this.expect(")");
      }
      return;
    }
    this.fail(`expected a value, property or function but found ${this.describe(t)}`);
  }
}
