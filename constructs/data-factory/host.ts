import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import { IPrincipal } from "../core/grants";
import { FactoryEntities } from "./entities";
import { ManagedPrivateEndpoints } from "./managed-private-endpoints";

/** What the builders of linked services, datasets, data flows, pipelines and triggers need from their factory. */
export interface FactoryHost {
  /** The factory construct: children are created under it and errors are located at it. */
  readonly scope: Construct;
  readonly dataFactoryId: string;
  readonly entities: FactoryEntities;
  /** Name of the Azure integration runtime in the managed VNet (a token: wiring it orders creation). */
  readonly managedIntegrationRuntimeName: string;
  /** The Azure integration runtime itself: where linked-service calls start (managed VNet or not). */
  readonly managedIntegrationRuntime: TerraformResource;
  readonly managedPrivateEndpoints: ManagedPrivateEndpoints;
  /** The factory's system-assigned identity. */
  readonly principal: IPrincipal;
}

/** What {@link DataFactoryHost} reads from the factory construct (its resource id and Azure integration runtime). */
export interface HostedFactory extends Construct {
  readonly id: string;
  readonly managedIntegrationRuntime: TerraformResource & { readonly name: string };
}

/** The factory as its entity builders see it. */
export class DataFactoryHost implements FactoryHost {
  constructor(
    private readonly factory: HostedFactory,
    public readonly entities: FactoryEntities,
    public readonly managedPrivateEndpoints: ManagedPrivateEndpoints,
    private readonly systemPrincipal: () => IPrincipal,
  ) {}

  public get scope(): Construct {
    return this.factory;
  }

  public get dataFactoryId(): string {
    return this.factory.id;
  }

  public get managedIntegrationRuntimeName(): string {
    return this.factory.managedIntegrationRuntime.name;
  }

  public get managedIntegrationRuntime(): TerraformResource {
    return this.factory.managedIntegrationRuntime;
  }

  public get principal(): IPrincipal {
    return this.systemPrincipal();
  }
}
