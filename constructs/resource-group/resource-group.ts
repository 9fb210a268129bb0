import { Construct } from "constructs";
import { ResourceGroup as ResourceGroupResource } from "@cdktf/provider-azurerm/lib/resource-group";
import { IResourceGroup } from "../core/context";
import { LockOptions, addLock } from "../core/lock";
import { resourceName } from "../core/naming";
import { checkLocation } from "../core/regions";
import { uniqueId } from "../core/unique-id";

export interface ResourceGroupProps {
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /** @default `rg-<namePrefix>-<construct id>` */
  readonly name?: string;
  /** First part of the generated name. @default none */
  readonly namePrefix?: string;
  /** @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** @default no lock (resource locks go on the stateful resources, by profile) */
  readonly lock?: LockOptions | boolean;
}

/** A resource group; `ResourceGroup.fromName` refers to an existing one. */
export class ResourceGroup extends Construct implements IResourceGroup {
  /** An existing resource group by subscription, name and location (no lookup at plan time). */
  public static fromName(subscriptionId: string, name: string, location: string): IResourceGroup {
    return { name, location, id: `/subscriptions/${subscriptionId}/resourceGroups/${name}` };
  }

  public readonly resource: ResourceGroupResource;
  public readonly name: string;
  public readonly location: string;
  public readonly id: string;

  constructor(scope: Construct, id: string, props: ResourceGroupProps) {
    super(scope, uniqueId(scope, id));
    checkLocation(this, props.location, { allowGlobal: false });
    const name = resourceName(this, "resourceGroup", props.name, { prefix: props.namePrefix });
    this.resource = new ResourceGroupResource(this, "Resource", {
      name,
      location: props.location,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.name = this.resource.name;
    this.location = this.resource.location;
    this.id = this.resource.id;
    addLock(this, this.id, name, props.lock ?? false);
  }
}
