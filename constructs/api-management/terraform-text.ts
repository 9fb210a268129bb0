/**
 * Literal text (a policy, an OpenAPI document) for a Terraform JSON string attribute. Terraform
 * reads `${` and `%{` in JSON strings as template syntax, so they are doubled (`$${`, `%%{`) to
 * arrive at API Management unchanged.
 */
// core candidate: escaping literal file content for Terraform JSON (workflow definitions, pipelines).
export function terraformLiteral(text: string): string {
  // Replacer functions: in a replacement string "$$" would collapse to "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
