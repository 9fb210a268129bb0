import { IConstruct } from "constructs";
import { TerraformResource } from "cdktf";
import { invalid, requireLiteral } from "../core/errors";
import { EntityKind, entityLabel, validateEntityName, withArticle } from "./names";

/** An azurerm Data Factory child resource: every one exports its id and name. */
export type FactoryChildResource = TerraformResource & { readonly id: string; readonly name: string };

/** Something created inside a factory: its Data Factory name and the L1 resource behind it. */
export class FactoryEntity<R extends FactoryChildResource = FactoryChildResource> {
  /**
   * @param name the Data Factory name (a literal; pipelines refer to it by this name)
   * @param resource the azurerm resource; every L1 setting is reachable through it
   */
  constructor(
    public readonly name: string,
    public readonly resource: R,
  ) {}

  /** The ARM id of the entity. */
  public get id(): string {
    return this.resource.id;
  }
}

/**
 * The names a factory holds, one namespace per kind. Data Factory names are case-insensitive, so
 * `Orders` and `orders` collide.
 */
export class FactoryEntities {
  private readonly byKind = new Map<EntityKind, Map<string, FactoryEntity>>();

  constructor(private readonly scope: IConstruct) {}

  /** Validates a new name for `kind` and that it is not taken yet. */
  public claim(kind: EntityKind, name: string): void {
    validateEntityName(this.scope, kind, name);
    requireLiteral(this.scope, `${entityLabel(kind)} name`, name, "names constructs and pipeline references");
    const taken = this.find(kind, name);
    if (taken) {
      invalid(this.scope, {
        field: `${entityLabel(kind)} name`,
        value: name,
        rule: taken.name === name ? "is already defined in this factory" : `collides with "${taken.name}" (Data Factory names are case-insensitive)`,
        fix: `give each ${entityLabel(kind)} a unique name`,
      });
    }
  }

  /** Records an entity whose name was claimed. */
  public add<E extends FactoryEntity>(kind: EntityKind, entity: E): E {
    this.map(kind).set(entity.name.toLowerCase(), entity);
    return entity;
  }

  /** The entity of `kind` named `name` (case-insensitive), if any. */
  public find(kind: EntityKind, name: string): FactoryEntity | undefined {
    return this.map(kind).get(name.toLowerCase());
  }

  /** Whether `entity` was created by this factory (and not by another one). */
  public owns(kind: EntityKind, entity: FactoryEntity): boolean {
    return this.find(kind, entity.name) === entity;
  }

  /** The names of every entity of `kind`, in creation order. */
  public names(kind: EntityKind): string[] {
    return [...this.map(kind).values()].map((e) => e.name);
  }

  /** Every entity of `kind`, keyed by name. */
  public all<E extends FactoryEntity>(kind: EntityKind): ReadonlyMap<string, E> {
    return new Map([...this.map(kind).values()].map((e) => [e.name, e as E]));
  }

  /** Throws unless `entity` belongs to this factory; `field` names the prop in the message. */
  public requireOwned(kind: EntityKind, entity: FactoryEntity, field: string): void {
    if (!this.owns(kind, entity)) {
      invalid(this.scope, {
        field,
        value: entity.name,
        rule: `is not ${withArticle(entityLabel(kind))} of this factory`,
        fix: `pass ${withArticle(entityLabel(kind))} created by this factory's add* methods`,
      });
    }
  }

  private map(kind: EntityKind): Map<string, FactoryEntity> {
    let map = this.byKind.get(kind);
    if (!map) {
      map = new Map();
      this.byKind.set(kind, map);
    }
    return map;
  }
}
