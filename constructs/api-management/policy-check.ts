import { readFileSync } from "fs";
import { isAbsolute } from "path";
import { IConstruct } from "constructs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { didYouMean } from "../core/closest";
import { invalid } from "../core/errors";

/**
 * Synth-time checks of API Management policy documents.
 *
 * Policies are XML with C# expressions `@(...)` / `@{...}` that may hold quotes, `<` and `&`
 * (so they are not strict XML) and `{{named-value}}` references. The checks mask every expression
 * (a balanced scan that respects C# strings, characters and comments), then ask fast-xml-parser
 * whether the rest is well-formed and look at the section structure. Named-value references are
 * collected for a check once the whole service is known.
 */

/** The sections a policy document may have, each at most once, under the root `<policies>`. */
export const POLICY_SECTIONS = ["inbound", "backend", "outbound", "on-error"] as const;

/** What is wrong with a policy document: the rule it breaks and how to fix it. */
export interface PolicyProblem {
  readonly rule: string;
  readonly fix: string;
}

export interface PolicyCheck {
  /** The first problem found, if any. */
  readonly problem?: PolicyProblem;
  /** Named values the document references (`{{name}}`), in order of first use. */
  readonly namedValues: readonly string[];
  /** Backends the document routes to (`backend-id="name"`). */
  readonly backends: readonly string[];
}

/** Checks a policy document: expressions balanced, XML well-formed, only known sections. */
export function checkPolicy(xml: string): PolicyCheck {
  const namedValues = namedValueReferences(xml);
  const backends = backendReferences(xml);
  const masked = maskExpressions(xml);
  if ("unclosedLine" in masked) {
    return {
      namedValues,
      backends,
      problem: {
        rule: `has an unbalanced C# expression starting at line ${masked.unclosedLine} (its parentheses, braces or quotes do not close)`,
        fix: 'close the "@(...)" or "@{...}" expression',
      },
    };
  }
  const validation = XMLValidator.validate(masked.xml);
  if (validation !== true) {
    return {
      namedValues,
      backends,
      problem: { rule: `is not well-formed XML (line ${validation.err.line}: ${validation.err.msg})`, fix: "fix the XML" },
    };
  }
  return { namedValues, backends, problem: sectionProblem(masked.xml) };
}

/** `{{name}}` references; names have the shape API Management allows (letters, digits, '.', '-', '_'). */
export function namedValueReferences(xml: string): string[] {
  const names = [...xml.matchAll(/\{\{([A-Za-z0-9._-]+)\}\}/g)].map((m) => m[1]);
  return [...new Set(names)];
}

/** Literal `backend-id` attributes (of `set-backend-service`), which API Management resolves when the policy is saved. */
export function backendReferences(xml: string): string[] {
  return [...new Set([...xml.matchAll(/\bbackend-id\s*=\s*["']([A-Za-z0-9_-]+)["']/g)].map((m) => m[1]))];
}

/**
 * Replaces every C# expression with `_` (line breaks kept, so XML error lines stay right). XML
 * comments are skipped. Returns the line of the first expression that does not close.
 */
export function maskExpressions(xml: string): { xml: string } | { unclosedLine: number } {
  let out = "";
  let i = 0;
  while (i < xml.length) {
    if (xml.startsWith("<!--", i)) {
      const end = xml.indexOf("-->", i + 4);
      const stop = end < 0 ? xml.length : end + 3;
      out += xml.slice(i, stop);
      i = stop;
      continue;
    }
    if (xml[i] === "@" && (xml[i + 1] === "(" || xml[i + 1] === "{")) {
      const end = expressionEnd(xml, i + 1);
      if (end === undefined) return { unclosedLine: lineOf(xml, i) };
      out += xml.slice(i, end).replace(/[^\r\n]/g, "_");
      i = end;
      continue;
    }
    out += xml[i];
    i += 1;
  }
  return { xml: out };
}

const CLOSING: Record<string, string> = { "(": ")", "{": "}", "[": "]" };

/** Index just past the bracket that closes the one at `open`, or undefined when it never closes. */
function expressionEnd(text: string, open: number): number | undefined {
  const stack: string[] = [CLOSING[text[open]]];
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const next = skipString(text, i, text[i - 1] === "@");
      if (next === undefined) return undefined;
      i = next;
      continue;
    }
    if (c === "'") {
      const next = skipCharLiteral(text, i);
      if (next === undefined) return undefined;
      i = next;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? text.length : eol;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return undefined;
      i = end + 2;
      continue;
    }
    if (c in CLOSING) {
      stack.push(CLOSING[c]);
    } else if (c === ")" || c === "}" || c === "]") {
      if (stack.pop() !== c) return undefined;
      if (stack.length === 0) return i + 1;
    }
    i += 1;
  }
  return undefined;
}

/** Past the closing quote of a C# string starting at `start`; verbatim strings (`@"..."`) double their quotes. */
function skipString(text: string, start: number, verbatim: boolean): number | undefined {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (verbatim) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          i += 2;
          continue;
        }
        return i + 1;
      }
    } else {
      if (c === "\\") {
        i += 2;
        continue;
      }
      if (c === '"') return i + 1;
      if (c === "\n") return undefined;
    }
    i += 1;
  }
  return undefined;
}

/** Past a C# character literal such as `'a'`, `'\''` or `'\u0041'`. */
function skipCharLiteral(text: string, start: number): number | undefined {
  const match = /^'(\\u[0-9A-Fa-f]{4}|\\.|[^'\\\n])'/.exec(text.slice(start, start + 8));
  return match ? start + match[0].length : undefined;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text[i] === "\n") line += 1;
  return line;
}

/**
 * Policy elements of the API Management policy reference, as written in each policy statement
 * (https://learn.microsoft.com/azure/api-management/api-management-policies, read 2026-12; the
 * newest AI-gateway and data-source names are unverified against each policy's own page). Only
 * elements placed directly in a section or in a control-flow body are checked: a policy's own
 * child elements (`<value>`, `<allowed-origins>`, ...) are the policy's business.
 */
export const POLICY_ELEMENTS: readonly string[] = [
  // Rate limiting and quotas
  "rate-limit", "rate-limit-by-key", "quota", "quota-by-key", "limit-concurrency", "azure-openai-token-limit", "llm-token-limit",
  // Authentication and authorization
  "check-header", "get-authorization-context", "ip-filter", "validate-azure-ad-token", "validate-jwt", "validate-client-certificate",
  "authentication-basic", "authentication-certificate", "authentication-managed-identity",
  // Content validation
  "validate-content", "validate-parameters", "validate-headers", "validate-status-code", "validate-graphql-request", "validate-odata-request",
  // Routing
  "forward-request", "proxy", "set-backend-service",
  // Content safety, caching
  "llm-content-safety", "cache-lookup", "cache-store", "cache-lookup-value", "cache-store-value", "cache-remove-value",
  "azure-openai-semantic-cache-lookup", "azure-openai-semantic-cache-store", "llm-semantic-cache-lookup", "llm-semantic-cache-store",
  // Transformation
  "set-method", "set-status", "set-variable", "set-body", "set-header", "set-query-parameter", "rewrite-uri", "json-to-xml",
  "xml-to-json", "xsl-transform", "find-and-replace", "redirect-content-urls", "mock-response", "return-response",
  // Cross-domain, integration and external communication
  "cors", "cross-domain", "jsonp", "send-request", "send-one-way-request", "log-to-eventhub", "send-service-bus-message",
  "publish-to-dapr", "invoke-dapr-binding", "set-graphql-resolver", "http-data-source", "cosmosdb-data-source", "publish-event",
  // Logging, policy control and flow
  "trace", "emit-metric", "azure-openai-emit-token-metric", "llm-emit-token-metric", "include-fragment", "choose", "retry", "wait",
  "base",
];

/** Policies whose body is more policies (choose holds only when/otherwise), per their reference pages. */
const POLICY_BODIES = new Set(["when", "otherwise", "retry", "wait", "limit-concurrency"]);

type OrderedNode = Record<string, unknown>;

const PARSER = new XMLParser({ preserveOrder: true, ignoreAttributes: true, ignoreDeclaration: true, ignorePiTags: true });

function elementNames(nodes: readonly OrderedNode[]): { name: string; children: OrderedNode[] }[] {
  const elements: { name: string; children: OrderedNode[] }[] = [];
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "#text" || key === ":@" || key.startsWith("?")) continue;
      elements.push({ name: key, children: (value as OrderedNode[]) ?? [] });
    }
  }
  return elements;
}

function sectionProblem(maskedXml: string): PolicyProblem | undefined {
  const roots = elementNames(PARSER.parse(maskedXml) as OrderedNode[]);
  const rootFix = "make <policies> the only root element, with <inbound>, <backend>, <outbound> and <on-error> inside it";
  if (roots.length !== 1) {
    const list = roots.map((r) => `<${r.name}>`).join(", ");
    return { rule: `has ${roots.length} root elements (${list})`, fix: rootFix };
  }
  if (roots[0].name !== "policies") {
    return { rule: `has root element <${roots[0].name}>, not <policies>`, fix: rootFix };
  }
  const seen = new Set<string>();
  for (const { name } of elementNames(roots[0].children)) {
    if (!(POLICY_SECTIONS as readonly string[]).includes(name)) {
      return {
        rule: `has an unknown section <${name}> in <policies>`,
        fix: "use only <inbound>, <backend>, <outbound> and <on-error> (each at most once); policies go inside a section",
      };
    }
    if (seen.has(name)) {
      return { rule: `has more than one <${name}> section`, fix: `merge them into one <${name}> section` };
    }
    seen.add(name);
  }
  for (const section of elementNames(roots[0].children)) {
    const problem = elementProblem(section.children, `<${section.name}>`);
    if (problem) return problem;
  }
  return undefined;
}

/** The first element in `nodes` (a section or a policy body) that is not a policy of the reference. */
function elementProblem(nodes: OrderedNode[], where: string): PolicyProblem | undefined {
  for (const { name, children } of elementNames(nodes)) {
    if (!POLICY_ELEMENTS.includes(name)) {
      return {
        rule: `has <${name}> in ${where}, which is not a policy of the API Management policy reference${didYouMean(name, POLICY_ELEMENTS)}`,
        fix: "use a policy listed at https://learn.microsoft.com/azure/api-management/api-management-policies",
      };
    }
    if (name === "choose") {
      for (const branch of elementNames(children)) {
        if (branch.name !== "when" && branch.name !== "otherwise") {
          return {
            rule: `has <${branch.name}> directly in <choose>${didYouMean(branch.name, ["when", "otherwise"])}`,
            fix: "put policies inside <when condition=\"...\"> or <otherwise> of the <choose>",
          };
        }
        const problem = elementProblem(branch.children, `<${branch.name}>`);
        if (problem) return problem;
      }
    } else if (POLICY_BODIES.has(name)) {
      const problem = elementProblem(children, `<${name}>`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** A policy file that passed the eager checks. */
export interface PolicyDocument {
  readonly file: string;
  /** The file's text, as sent to API Management. */
  readonly xml: string;
  readonly namedValues: readonly string[];
  readonly backends: readonly string[];
}

/**
 * Reads and checks a policy file; a broken file is an error naming the file, the problem and
 * `scope`'s path. Named-value references are returned for the service-wide check.
 */
export function readPolicyFile(scope: IConstruct, file: string): PolicyDocument {
  const xml = readTextFile(scope, "policy file", file);
  const { problem, namedValues, backends } = checkPolicy(xml);
  if (problem) invalid(scope, { field: "policy file", value: file, rule: problem.rule, fix: problem.fix });
  return { file, xml, namedValues, backends };
}

/** Reads a file named by an absolute path (synthesis must not depend on the working directory). */
export function readTextFile(scope: IConstruct, field: string, file: string): string {
  if (!isAbsolute(file)) {
    invalid(scope, {
      field,
      value: file,
      rule: "is not an absolute path",
      fix: "pass path.resolve(__dirname, ...) so synthesis does not depend on the working directory",
    });
  }
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "read error";
    return invalid(scope, { field, value: file, rule: `cannot be read (${code})`, fix: "check the path and that the file is part of the project" });
  }
}
