/**
 * Resource Manager's ReservedResourceName rule for resources with a reachable endpoint (an FQDN):
 * https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-reserved-resource-name
 * The listed words cannot be the name, MICROSOFT and WINDOWS cannot appear anywhere in it, and
 * LOGIN cannot start it. azurerm does not check this (Resource Manager refuses it at apply).
 */
const RESERVED_WORDS = [
  "ACCESS", "APP_CODE", "APP_THEMES", "APP_DATA", "APP_GLOBALRESOURCES", "APP_LOCALRESOURCES", "APP_WEBREFERENCES",
  "APP_BROWSERS", "AZURE", "BING", "BIZSPARK", "BIZTALK", "CORTANA", "DIRECTX", "DOTNET", "DYNAMICS", "EXCEL",
  "EXCHANGE", "FOREFRONT", "GROOVE", "HOLOLENS", "HYPERV", "KINECT", "LYNC", "MSDN", "O365", "OFFICE", "OFFICE365",
  "ONEDRIVE", "ONENOTE", "OUTLOOK", "POWERPOINT", "SHAREPOINT", "SKYPE", "VISIO", "VISUALSTUDIO", "WEB.CONFIG", "XBOX",
];
const RESERVED_ANYWHERE = ["MICROSOFT", "WINDOWS"];
const RESERVED_START = ["LOGIN"];

/** Why Resource Manager would refuse `name` as reserved, or undefined when it would not. */
export function reservedNameRule(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (RESERVED_WORDS.includes(upper)) return `is the reserved word ${upper}, which Resource Manager refuses (ReservedResourceName)`;
  const inside = RESERVED_ANYWHERE.find((word) => upper.includes(word));
  if (inside) return `contains the trademark ${inside}, which Resource Manager refuses anywhere in a name (ReservedResourceName)`;
  const start = RESERVED_START.find((word) => upper.startsWith(word));
  if (start) return `starts with ${start}, which Resource Manager refuses at the start of a name (ReservedResourceName)`;
  return undefined;
}
