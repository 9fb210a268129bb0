/**
 * cdktf's marker for a string token (`${TfToken[TOKEN.12]}`). Tokens stay as they are: cdktf
 * turns them into Terraform references, which Terraform must still interpolate.
 */
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * Literal text (a policy, an OpenAPI document, a workflow definition, a pipeline) for a Terraform
 * JSON string attribute. Terraform reads `${` and `%{` in JSON strings as template syntax, so they
 * are doubled (`$${`, `%%{`) to arrive at Azure unchanged. Tokens in the text are left alone, so
 * JSON built from props may carry references to other resources.
 */
export function terraformLiteral(text: string): string {
  let result = "";
  let literalStart = 0;
  for (const token of text.matchAll(STRING_TOKEN)) {
    result += escapeTemplateSyntax(text.slice(literalStart, token.index)) + token[0];
    literalStart = token.index + token[0].length;
  }
  return result + escapeTemplateSyntax(text.slice(literalStart));
}

function escapeTemplateSyntax(text: string): string {
  // Replacer functions: in a replacement string "$$" would collapse to "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
