/**
 * Workflow Definition Language expressions inside JSON string values: a value starting with `@`
 * is one expression, `@{...}` interpolates one into text, and `@@` stands for a literal `@`.
 */

/** One expression found in a string value. */
export interface Expression {
  /** The expression text without its `@` / `@{ }` wrapper. */
  readonly text: string;
  /** Where the text starts in the string value (0-based). */
  readonly offset: number;
}

/** The expressions of a string value, or an error when an interpolation is never closed. */
export function expressionsOf(value: string): { expressions: Expression[]; error?: string } {
  if (value.startsWith("@") && !value.startsWith("@@") && !value.startsWith("@{")) {
    return { expressions: [{ text: value.slice(1), offset: 1 }] };
  }
  const expressions: Expression[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== "@") continue;
    if (value[i + 1] === "@") {
      i++;
      continue;
    }
    if (value[i + 1] !== "{") continue;
    const end = closingBrace(value, i + 2);
    if (end < 0) return { expressions, error: `an "@{" at character ${i + 1} that is never closed by "}"` };
    expressions.push({ text: value.slice(i + 2, end), offset: i + 2 });
    i = end;
  }
  return { expressions };
}

/** Index of the `}` that ends an interpolation starting at `from`, skipping quoted strings; -1 when none. */
function closingBrace(value: string, from: number): number {
  let quoted = false;
  for (let i = from; i < value.length; i++) {
    const c = value[i];
    if (c === "'") {
      // '' inside a string literal is an escaped quote.
      if (quoted && value[i + 1] === "'") i++;
      else quoted = !quoted;
    } else if (c === "}" && !quoted) {
      return i;
    }
  }
  return -1;
}

const CLOSER: Record<string, string> = { "(": ")", "[": "]" };

/**
 * The first imbalance of `(`, `[` or `'` in an expression, described for an error message with
 * 1-based positions in the string value (`offset` is where the expression starts); undefined when balanced.
 */
export function imbalanceOf(expression: string, offset = 0): string | undefined {
  const at = (i: number) => `character ${i + offset + 1}`;
  const open: { char: string; at: number }[] = [];
  let quoteAt = -1;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quoteAt >= 0) {
      if (c !== "'") continue;
      if (expression[i + 1] === "'") i++;
      else quoteAt = -1;
      continue;
    }
    if (c === "'") quoteAt = i;
    else if (c === "(" || c === "[") open.push({ char: c, at: i });
    else if (c === ")" || c === "]") {
      const last = open.pop();
      if (!last) return `a "${c}" at ${at(i)} that closes nothing`;
      if (CLOSER[last.char] !== c) return `a "${c}" at ${at(i)} where "${CLOSER[last.char]}" should close the "${last.char}" at ${at(last.at)}`;
    }
  }
  if (quoteAt >= 0) return `a string opened by ' at ${at(quoteAt)} that is never closed`;
  const unclosed = open.pop();
  if (unclosed) return `a "${unclosed.char}" at ${at(unclosed.at)} that is never closed`;
  return undefined;
}

const PARAMETER = /\bparameters\(\s*'((?:[^']|'')*)'\s*\)/g;
const CONNECTION = /\bparameters\(\s*'\$connections'\s*\)\s*\[\s*'((?:[^']|'')*)'\s*\]/g;

/** Names passed to `parameters('...')` in an expression. */
export function parametersUsedBy(expression: string): string[] {
  return [...expression.matchAll(PARAMETER)].map((m) => m[1].replace(/''/g, "'"));
}

/** Connection names read as `parameters('$connections')['<name>']` in an expression. */
export function connectionsUsedBy(expression: string): string[] {
  return [...expression.matchAll(CONNECTION)].map((m) => m[1].replace(/''/g, "'"));
}
