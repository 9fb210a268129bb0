import { Construct } from "constructs";
import { IntegrationContext, IResourceGroup, ResolvedContext } from "./context";
import { NameParts, resourceName, ResourceType } from "./naming";
import { checkLocation } from "./regions";
import { uniqueId } from "./unique-id";

/** Props every resource construct takes. */
export interface CommonResourceProps {
  /** Resource group to deploy into. @default the IntegrationContext's resource group */
  readonly resourceGroup?: IResourceGroup;
  /** Azure region. @default the resource group's location */
  readonly location?: string;
  /**
   * Resource name, validated against the Azure naming rule.
   * @default `<CAF abbreviation>-<namePrefix>-<construct id>`, plus a path-derived suffix for globally unique names
   */
  readonly name?: string;
  /** Tags on this construct's resources, merged over the environment's. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Base of the L2 constructs: resolves the resource group, location, tags and context once, and
 * names resources by the shared naming rules.
 */
export abstract class ResourceConstruct extends Construct {
  public readonly resourceGroup: IResourceGroup;
  public readonly location: string;
  protected readonly context: ResolvedContext;
  protected readonly tags: Record<string, string> | undefined;

  protected constructor(scope: Construct, id: string, props: CommonResourceProps) {
    super(scope, uniqueId(scope, id));
    this.context = IntegrationContext.of(this);
    this.resourceGroup = IntegrationContext.resourceGroup(this, props.resourceGroup);
    if (props.location !== undefined) checkLocation(this, props.location);
    this.location = props.location ?? this.resourceGroup.location;
    this.tags = props.tags ? { ...props.tags } : undefined;
  }

  /** The user's name (validated) or a generated one for this construct, with the context's prefix. */
  protected nameFor(type: ResourceType, userName: string | undefined, parts: Omit<NameParts, "prefix"> = {}): string {
    return resourceName(this, type, userName, { prefix: this.context.namePrefix, ...parts });
  }
}
