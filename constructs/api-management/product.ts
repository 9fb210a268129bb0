import { Construct, IConstruct } from "constructs";
import { ApiManagementProduct } from "@cdktf/provider-azurerm/lib/api-management-product";
import { ApiManagementProductApi } from "@cdktf/provider-azurerm/lib/api-management-product-api";
import { ApiManagementProductPolicy } from "@cdktf/provider-azurerm/lib/api-management-product-policy";
import { ApiManagementSubscription } from "@cdktf/provider-azurerm/lib/api-management-subscription";
import { invalid, isUnresolved } from "../core/errors";
import { terraformLiteral } from "../core/terraform-text";
import { ApimApi, IPolicyHost } from "./api";
import { validateChildName } from "./names";

export interface ProductOptions {
  /** Name shown in the developer portal. */
  readonly displayName: string;
  /** @default none */
  readonly description?: string;
  /** Callers need a subscription to the product. @default true */
  readonly subscriptionRequired?: boolean;
  /** An administrator approves each subscription request; needs `subscriptionsLimit`. @default false */
  readonly approvalRequired?: boolean;
  /** Subscriptions a user may hold; needs `subscriptionRequired`. @default unlimited */
  readonly subscriptionsLimit?: number;
  /** Visible in the developer portal. @default true */
  readonly published?: boolean;
  /** Terms of use shown on subscribing. @default none */
  readonly terms?: string;
  /** APIs of this service in the product. @default none (add with addApi) */
  readonly apis?: readonly ApimApi[];
  /** Absolute path of the product policy XML. @default no product policy */
  readonly policyFile?: string;
}

/** A product of `service`; create it with the service's `addProduct`, which also checks ids are unique. */
export interface ApimProductProps extends ProductOptions {
  /** The service the product belongs to; errors are reported at its path. */
  readonly service: IPolicyHost;
  /** The product's id (its `product_id` in Azure). */
  readonly productId: string;
}

/**
 * A product: a set of APIs offered under one subscription. Subscription keys are secrets: they
 * stay in Terraform state (sensitive) and are never exposed as outputs here.
 */
export class ApimProduct extends Construct {
  public readonly resource: ApiManagementProduct;
  /** The product id (literal). */
  public readonly productId: string;
  public readonly policy?: ApiManagementProductPolicy;
  /** Links of the product to its APIs, by API name. */
  public readonly apiLinks: ReadonlyMap<string, ApiManagementProductApi>;
  /** Subscriptions, by name. */
  public readonly subscriptions: ReadonlyMap<string, ApiManagementSubscription>;
  /** The service the product belongs to. */
  public readonly service: IPolicyHost;

  private readonly subscriptionRequired: boolean;
  private readonly apiLinkMap = new Map<string, ApiManagementProductApi>();
  private readonly subscriptionMap = new Map<string, ApiManagementSubscription>();

  constructor(scope: Construct, id: string, props: ApimProductProps) {
    super(scope, id);
    const { service, productId, ...options } = props;
    this.service = service;
    this.productId = productId;
    this.apiLinks = this.apiLinkMap;
    this.subscriptions = this.subscriptionMap;
    this.subscriptionRequired = options.subscriptionRequired ?? true;
    const limit = options.subscriptionsLimit;
    validateSubscriptionSettings(service, `product "${productId}"`, this.subscriptionRequired, limit, options.approvalRequired);
    const policy = options.policyFile !== undefined ? service.loadPolicy(options.policyFile) : undefined;

    this.resource = new ApiManagementProduct(this, "Resource", {
      productId,
      apiManagementName: service.serviceName,
      resourceGroupName: service.resourceGroupName,
      displayName: options.displayName,
      description: options.description,
      subscriptionRequired: this.subscriptionRequired,
      approvalRequired: this.subscriptionRequired ? (options.approvalRequired ?? false) : undefined,
      subscriptionsLimit: limit,
      published: options.published ?? true,
      terms: options.terms,
    });
    if (policy !== undefined) {
      this.policy = new ApiManagementProductPolicy(this, "Policy", {
        productId: this.resource.productId,
        apiManagementName: service.serviceName,
        resourceGroupName: service.resourceGroupName,
        xmlContent: terraformLiteral(policy.xml),
      });
      service.attachPolicy(policy, this.policy);
    }
    for (const api of options.apis ?? []) this.addApi(api);
  }

  /** Adds an API of the same service to the product. */
  public addApi(api: ApimApi): ApiManagementProductApi {
    if (api.service !== this.service) {
      invalid(this.service, {
        field: `api "${api.apiName}"`,
        rule: `belongs to another API Management service (${api.node.path})`,
        fix: "add APIs of this service only",
      });
    }
    const existing = this.apiLinkMap.get(api.apiName);
    if (existing) return existing;
    const link = new ApiManagementProductApi(this, `Api-${api.apiName}`, {
      productId: this.resource.productId,
      apiName: api.resource.name,
      apiManagementName: this.service.serviceName,
      resourceGroupName: this.service.resourceGroupName,
    });
    this.apiLinkMap.set(api.apiName, link);
    return link;
  }

  /**
   * Adds an active subscription to the product, with tracing off. Its keys are secrets: read them
   * from the returned resource only into sensitive places (e.g. a Key Vault secret), never outputs.
   */
  public addSubscription(name: string): ApiManagementSubscription {
    validateChildName(this.service, "subscription", name);
    if (!this.subscriptionRequired) {
      invalid(this.service, {
        field: `subscription "${name}"`,
        rule: `is added to product "${this.productId}", which requires no subscription`,
        fix: "leave subscriptionRequired on for products with subscriptions",
      });
    }
    if (this.subscriptionMap.has(name)) {
      invalid(this.service, {
        field: "subscription name",
        value: name,
        rule: `is already defined on product "${this.productId}"`,
        fix: "add each subscription once",
      });
    }
    const subscription = new ApiManagementSubscription(this, `Subscription-${name}`, {
      subscriptionId: name,
      displayName: name,
      productId: this.resource.id,
      apiManagementName: this.service.serviceName,
      resourceGroupName: this.service.resourceGroupName,
      state: "active",
      // Tracing exposes policy internals to whoever holds the key; azurerm turns it on by default.
      allowTracing: false,
    });
    this.subscriptionMap.set(name, subscription);
    return subscription;
  }
}

/** A product's subscription settings, as azurerm sends them: a limit of 1 or more, and approval only with a limit. */
function validateSubscriptionSettings(
  service: IConstruct,
  subject: string,
  subscriptionRequired: boolean,
  limit: number | undefined,
  approvalRequired: boolean | undefined,
): void {
  if (limit !== undefined && !isUnresolved(limit) && (!Number.isInteger(limit) || limit < 1)) {
    invalid(service, {
      field: `subscriptionsLimit of ${subject}`,
      value: limit,
      rule: "is not a whole number of at least 1",
      fix: "set it to 1 or more, or leave it out for no limit",
    });
  }
  if (!subscriptionRequired && (limit !== undefined || approvalRequired !== undefined)) {
    invalid(service, {
      field: subject,
      rule: "sets subscriptionsLimit or approvalRequired without requiring subscriptions",
      fix: "drop them or leave subscriptionRequired on (API Management ignores them otherwise)",
    });
  }
  if (approvalRequired === true && limit === undefined) {
    invalid(service, {
      field: subject,
      rule: "requires approval without a subscriptionsLimit",
      fix: "set subscriptionsLimit (azurerm sends approvalRequired only with a limit)",
    });
  }
}
