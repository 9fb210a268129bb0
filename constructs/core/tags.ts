import { IConstruct } from "constructs";
import { Aspects, IAspect, TerraformResource } from "cdktf";

type Taggable = TerraformResource & { tags?: Record<string, string>; tagsInput?: Record<string, string> };

function isTaggable(node: IConstruct): node is Taggable {
  return node instanceof TerraformResource && "tagsInput" in node;
}

/**
 * Adds tags to every taggable resource below a scope. Tags a construct sets itself win over
 * these, so environment tags are the base and construct tags refine them.
 */
export class TagDefaults implements IAspect {
  /** Applies `tags` to every taggable resource below `scope`. */
  public static apply(scope: IConstruct, tags: Readonly<Record<string, string>>): void {
    if (Object.keys(tags).length > 0) Aspects.of(scope).add(new TagDefaults(tags));
  }

  private constructor(private readonly tags: Readonly<Record<string, string>>) {}

  public visit(node: IConstruct): void {
    if (isTaggable(node)) node.tags = { ...this.tags, ...node.tagsInput };
  }
}
