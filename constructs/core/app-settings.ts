import { IConstruct } from "constructs";
import { invalid } from "./errors";

/** Which settings an app construct owns, and what to tell a user who sets one. */
export interface ManagedSettings {
  /** Names the construct writes itself (`<name>__<suffix>` counts too). */
  readonly names: readonly string[];
  /** The rule, e.g. `is managed by the FunctionApp`. */
  readonly rule: string;
  /** Where the value comes from instead. */
  readonly fix: string;
  /** What shares one setting name by mistake, e.g. `connection`. */
  readonly sharers: string;
}

/**
 * The app settings of one App Service app (function app, Standard logic app), sorted by name so
 * the synthesized map does not depend on the order connections were added. Each change is written
 * to the resource through `apply`.
 */
export class AppSettings {
  private readonly values = new Map<string, string>();

  constructor(
    private readonly scope: IConstruct,
    private readonly managed: ManagedSettings,
    private readonly apply: (settings: Record<string, string>) => void,
  ) {}

  /** Adds a setting a user asked for; managed names are refused. */
  public addUserSetting(name: string, value: string): void {
    if (this.managed.names.some((managed) => name === managed || name.startsWith(`${managed}__`))) {
      invalid(this.scope, { field: "app setting", value: name, rule: this.managed.rule, fix: this.managed.fix });
    }
    this.set(name, value);
  }

  /** Adds a setting; the same name with another value is an error (two connections sharing a name). */
  public set(name: string, value: string): void {
    const existing = this.values.get(name);
    if (existing !== undefined && existing !== value) {
      invalid(this.scope, {
        field: "app setting",
        value: name,
        rule: "is already set to a different value",
        fix: `give each ${this.managed.sharers} its own name, and set each app setting once`,
      });
    }
    this.values.set(name, value);
    this.apply(this.toRecord());
  }

  public names(): string[] {
    return [...this.values.keys()];
  }

  public toRecord(): Record<string, string> {
    return Object.fromEntries([...this.values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
