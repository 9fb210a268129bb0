import * as path from "path";
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { loadEnvironment } from "../../../config/environment";
import { IntegrationContext } from "../../../constructs/core";
import { Monitoring } from "../../../constructs/monitoring";
import { MessageBroker, MessageBrokerProps } from "../../../patterns/message-broker";
import { PolicyPack } from "../../../policy/policy-pack";
import { MessageBrokerStack } from "../../../stacks/message-broker-stack";
import { Json, RESOURCE_GROUP, withProvider } from "../../helpers";

export const CONFIG = path.resolve(__dirname, "../../../config");

export const PUBLISHER = { name: "Contoso", email: "api@contoso.example" };

export interface BrokerFixture {
  readonly stack: TerraformStack;
  readonly broker: MessageBroker;
  readonly pack: PolicyPack;
}

/** A dev stack `mb` (namePrefix `contoso`, rg-test) with Monitoring and the policy pack, and a deploy-time webhook URL. */
export function devStack(): { stack: TerraformStack; webhookUrl: string; pack: PolicyPack } {
  const stack = withProvider(new TerraformStack(Testing.app(), "mb"));
  IntegrationContext.set(stack, { resourceGroup: RESOURCE_GROUP, namePrefix: "contoso", profile: "dev" });
  IntegrationContext.set(stack, { diagnostics: new Monitoring(stack, "Monitoring") });
  const pack = PolicyPack.apply(stack);
  const webhookUrl = new TerraformVariable(stack, "webhook", { type: "string", sensitive: true }).stringValue;
  return { stack, webhookUrl, pack };
}

/** A MessageBroker in {@link devStack}, from `props` over the publisher and the webhook variable. */
export function broker(props: Partial<MessageBrokerProps> = {}): BrokerFixture {
  const { stack, webhookUrl, pack } = devStack();
  const created = new MessageBroker(stack, "Broker", { apiPublisher: PUBLISHER, shippingWebhookUrl: webhookUrl, ...props });
  return { stack, broker: created, pack };
}

/** The MessageBrokerStack of `config/<env>.json`, synthesized once with validations. */
export function brokerStack(env: "dev" | "prod"): { stack: MessageBrokerStack; json: Json } {
  const stack = new MessageBrokerStack(Testing.app(), loadEnvironment(CONFIG, env));
  return { stack, json: JSON.parse(Testing.synth(stack, true)) };
}

/** Resources of `type` in synthesized JSON, as a list. */
export function all(json: Json, type: string): Json[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The one resource of `type` whose config matches `where`. */
export function one(json: Json, type: string, where: (r: Json) => boolean = () => true): Json {
  const found = all(json, type).filter(where);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}
