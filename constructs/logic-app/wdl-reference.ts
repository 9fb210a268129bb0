/**
 * What the Workflow Definition Language knows, for checks at synth: its functions, the trigger and
 * action types and HTTP methods. Sources:
 * - functions: https://learn.microsoft.com/azure/logic-apps/workflow-definition-language-functions-reference
 *   (the alphabetical list; function names are matched without regard to case, as Logic Apps does);
 * - types: https://learn.microsoft.com/azure/logic-apps/logic-apps-workflow-actions-triggers and, for
 *   Standard workflows' built-in operations (ServiceProvider, InvokeFunction, ...),
 *   https://learn.microsoft.com/azure/logic-apps/custom-connector-overview (built-in service providers).
 * A type or function added to Logic Apps after these lists is refused until it is added here.
 */
export const WDL_FUNCTIONS: readonly string[] = [
  // String
  "chunk", "concat", "endsWith", "formatNumber", "guid", "indexOf", "isFloat", "isInt", "lastIndexOf", "length",
  "nthIndexOf", "replace", "slice", "split", "startsWith", "substring", "toLower", "toUpper", "trim",
  // Collection
  "contains", "empty", "first", "intersection", "item", "join", "last", "reverse", "skip", "sort", "take", "union",
  // Logical comparison
  "and", "equals", "greater", "greaterOrEquals", "if", "less", "lessOrEquals", "not", "or",
  // Conversion
  "array", "base64", "base64ToBinary", "base64ToString", "binary", "bool", "createArray", "dataUri", "dataUriToBinary",
  "dataUriToString", "decimal", "decodeBase64", "decodeDataUri", "decodeUriComponent", "encodeBase64", "encodeUriComponent",
  "float", "int", "json", "string", "uriComponent", "uriComponentToBinary", "uriComponentToString", "xml",
  // Math
  "add", "div", "max", "min", "mod", "mul", "rand", "range", "sub",
  // Date and time
  "addDays", "addHours", "addMinutes", "addSeconds", "addToTime", "convertFromUtc", "convertTimeZone", "convertToUtc",
  "dateDifference", "dayOfMonth", "dayOfWeek", "dayOfYear", "formatDateTime", "getFutureTime", "getPastTime",
  "parseDateTime", "startOfDay", "startOfHour", "startOfMonth", "subtractFromTime", "ticks", "utcNow",
  // Workflow
  "action", "actions", "actionBody", "actionOutputs", "body", "formDataMultiValues", "formDataValue", "items",
  "iterationIndexes", "listCallbackUrl", "multipartBody", "outputs", "parameters", "result", "trigger", "triggerBody",
  "triggerFormDataMultiValues", "triggerFormDataValue", "triggerMultipartBody", "triggerOutputs", "variables", "workflow",
  // URI parsing
  "uriHost", "uriPath", "uriPathAndQuery", "uriPort", "uriQuery", "uriScheme",
  // Manipulation
  "addProperty", "coalesce", "removeProperty", "setProperty", "xpath",
];

/** Functions whose first argument names an action of the workflow. */
export const ACTION_REFERENCE_FUNCTIONS: readonly string[] = ["actions", "actionBody", "actionOutputs", "body", "outputs", "result"];
/** Functions whose first argument names a Foreach or Until loop around the expression. */
export const LOOP_REFERENCE_FUNCTIONS: readonly string[] = ["items", "iterationIndexes"];

export const TRIGGER_TYPES: readonly string[] = [
  "ApiConnection", "ApiConnectionWebhook", "ApiManagement", "Batch", "Http", "HttpWebhook", "Manual", "Recurrence", "Request",
  "ServiceProvider", "SlidingWindow",
];

export const ACTION_TYPES: readonly string[] = [
  "ApiConnection", "ApiConnectionWebhook", "ApiManagement", "AppendToArrayVariable", "AppendToStringVariable", "Batch",
  "ChunkText", "Compose", "DecrementVariable", "Expression", "FlatFileDecoding", "FlatFileEncoding", "Foreach", "Function",
  "Http", "HttpWebhook", "If", "IncrementVariable", "InitializeVariable", "IntegrationAccountArtifactLookup", "InvokeFunction",
  "JavaScriptCode", "Join", "Liquid", "ParseDocument", "ParseJson", "Query", "Response", "Scope", "Select", "SendToBatch",
  "ServiceProvider", "SetVariable", "Switch", "Table", "Terminate", "Until", "Wait", "Workflow", "Xslt", "XmlCompose",
  "XmlParse", "XmlValidation",
];

/** Methods of the Http action and the Request trigger (RFC 9110 methods Logic Apps sends). */
export const HTTP_METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"];

/** One function call in an expression, with its first argument when that is a string literal. */
export interface FunctionCall {
  readonly name: string;
  readonly literalArgument?: string;
}

/**
 * The function calls of an expression, found by a tokenizer of the language's grammar
 * (https://learn.microsoft.com/azure/logic-apps/logic-apps-workflow-definition-language#expressions):
 * string literals are quoted with ' ('' inside), an identifier followed by "(" is a function call,
 * and an identifier after "." or "?." is a property, never a call.
 */
export function functionCallsOf(expression: string): FunctionCall[] {
  const calls: FunctionCall[] = [];
  let i = 0;
  const skipSpace = (from: number) => {
    let j = from;
    while (j < expression.length && /\s/.test(expression[j])) j++;
    return j;
  };
  const readString = (from: number): { text: string; end: number } | undefined => {
    let text = "";
    for (let j = from + 1; j < expression.length; j++) {
      if (expression[j] !== "'") text += expression[j];
      else if (expression[j + 1] === "'") {
        text += "'";
        j++;
      } else return { text, end: j + 1 };
    }
    return undefined;
  };
  while (i < expression.length) {
    const c = expression[i];
    if (c === "'") {
      i = readString(i)?.end ?? expression.length;
      continue;
    }
    const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(expression.slice(i));
    if (!identifier) {
      i++;
      continue;
    }
    const name = identifier[0];
    const before = expression.slice(0, i).trimEnd();
    const isProperty = before.endsWith(".");
    const next = skipSpace(i + name.length);
    if (!isProperty && expression[next] === "(" && !/^\d/.test(name)) {
      const argStart = skipSpace(next + 1);
      let literalArgument: string | undefined;
      if (expression[argStart] === "'") {
        const literal = readString(argStart);
        const after = literal ? skipSpace(literal.end) : -1;
        if (literal && (expression[after] === ")" || expression[after] === ",")) literalArgument = literal.text;
      }
      calls.push({ name, literalArgument });
    }
    i += name.length;
  }
  return calls;
}
