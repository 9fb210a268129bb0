import { Construct } from "constructs";
import { MonitorActionGroup } from "@cdktf/provider-azurerm/lib/monitor-action-group";
import { invalid, isUnresolved } from "../core/errors";
import { kebab } from "../core/naming";
import { CommonResourceProps, ResourceConstruct } from "../core/resource-construct";
import { isHttpsUrl } from "../core/url";

/** Who an alert notifies. */
export interface ActionGroupReceivers {
  /** E-mail addresses (the common alert schema). @default none */
  readonly emailReceivers?: readonly string[];
  /**
   * HTTPS URLs that receive the common alert schema as a POST. A URL is written into the
   * Terraform configuration: pass one that carries a secret (a signature in its query) as a
   * sensitive variable's token, never as a literal.
   * @default none
   */
  readonly webhookReceivers?: readonly string[];
}

export interface ActionGroupProps extends CommonResourceProps, ActionGroupReceivers {
  /**
   * The short name (1-12 characters) shown in e-mail subjects and SMS.
   * @default the first 12 characters of the context's name prefix
   */
  readonly shortName?: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
// azurerm @v4.55.0:internal/services/monitor/monitor_action_group_resource.go: short_name is 1-12 characters.
const SHORT_NAME_MAX = 12;

/**
 * An Azure Monitor action group (global) that alerts notify: e-mail and webhook receivers, each
 * with the common alert schema. An action group without receivers is valid: alerts still fire and
 * show in the portal's Alerts view, but notify nobody.
 *
 * Every L1 setting (SMS, Logic App, Function receivers, ...) is reachable through {@link ActionGroup.resource}.
 */
export class ActionGroup extends ResourceConstruct {
  public readonly resource: MonitorActionGroup;
  public readonly id: string;

  constructor(scope: Construct, id: string, props: ActionGroupProps = {}) {
    super(scope, id, props);
    const emails = props.emailReceivers ?? [];
    const webhooks = props.webhookReceivers ?? [];
    emails.forEach((email, i) => this.validateEmail(email, i));
    webhooks.forEach((url, i) => this.validateWebhook(url, i));
    const shortName = props.shortName ?? (this.context.namePrefix ?? "alerts").slice(0, SHORT_NAME_MAX);
    if (!isUnresolved(shortName) && (shortName.length < 1 || shortName.length > SHORT_NAME_MAX)) {
      invalid(this, { field: "shortName", value: shortName, rule: `must be 1-${SHORT_NAME_MAX} characters`, fix: "pass a shorter shortName" });
    }
    this.resource = new MonitorActionGroup(this, "Resource", {
      name: this.nameFor("actionGroup", props.name),
      resourceGroupName: this.resourceGroup.name,
      // Action groups are global; a regional one only keeps its data in that region.
      location: "global",
      shortName,
      // Receiver names must be unique in the group; the position keeps them stable while the list only grows.
      emailReceiver: emails.map((email, i) => ({
        name: `email-${i + 1}-${kebab(email.split("@")[0]).slice(0, 40)}`,
        emailAddress: email,
        useCommonAlertSchema: true,
      })),
      webhookReceiver: webhooks.map((url, i) => ({ name: `webhook-${i + 1}`, serviceUri: url, useCommonAlertSchema: true })),
      tags: this.tags,
    });
    this.id = this.resource.id;
  }

  private validateEmail(email: string, index: number): void {
    if (isUnresolved(email) || EMAIL.test(email)) return;
    invalid(this, {
      field: `emailReceivers[${index}]`,
      value: email,
      rule: "is not an e-mail address",
      fix: "use an address such as ops@contoso.com",
    });
  }

  private validateWebhook(url: string, index: number): void {
    if (isUnresolved(url)) return;
    if (!isHttpsUrl(url)) {
      invalid(this, {
        field: `webhookReceivers[${index}]`,
        value: url,
        rule: "is not an https:// URL (alert payloads name resources and must not travel in clear text)",
        fix: "use the receiver's HTTPS endpoint",
      });
    }
  }
}
