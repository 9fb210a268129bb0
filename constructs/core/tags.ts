import { IConstruct } from "constructs";
import { Aspects, IAspect, TerraformResource } from "cdktf";

type Taggable = TerraformResource & { tags?: Record<string, string>; tagsInput?: Record<string, string> };

// Resources whose `tags` is not Azure's tag map but a list of strings (API Management tags and the
// like), from the azurerm 4.55 bindings: environment tags cannot go there.
const LIST_TAGS = new Set(["azurerm_api_management_named_value", "azurerm_sentinel_threat_intelligence_indicator"]);

// Only Azure resources take Azure's tag map: azuread objects' `tags` is a set of strings.
function isTaggable(node: IConstruct): node is Taggable {
  if (!(node instanceof TerraformResource) || !node.terraformResourceType.startsWith("azurerm_")) return false;
  return "tagsInput" in node && !LIST_TAGS.has(node.terraformResourceType);
}

// Each resource's own tags, recorded before any TagDefaults touched it.
const OWN_TAGS = new WeakMap<IConstruct, Record<string, string>>();

/**
 * Adds tags to every taggable resource below a scope. The nearest scope's tags win, and tags a
 * construct sets itself win over all of them: environment tags are the base, constructs refine.
 */
export class TagDefaults implements IAspect {
  /** Applies `tags` to every taggable resource below `scope`. */
  public static apply(scope: IConstruct, tags: Readonly<Record<string, string>>): void {
    if (Object.keys(tags).length > 0) Aspects.of(scope).add(new TagDefaults(tags));
  }

  private constructor(private readonly tags: Readonly<Record<string, string>>) {}

  public visit(node: IConstruct): void {
    if (!isTaggable(node)) return;
    // Aspects run outer scope first, so each visit layers its tags over the outer ones.
    if (!OWN_TAGS.has(node)) OWN_TAGS.set(node, { ...node.tagsInput });
    node.tags = { ...node.tagsInput, ...this.tags, ...OWN_TAGS.get(node) };
  }
}
