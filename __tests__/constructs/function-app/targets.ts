import { Construct } from "constructs";
import {
  ICosmosDbAccountConnectable,
  IEventGridTopicConnectable,
  IEventHubsNamespaceConnectable,
  IServiceBusNamespaceConnectable,
} from "../../../constructs/function-app";
import { BuiltInRole, IPrincipal, grantRole } from "../../../constructs/core/grants";
import { SUBSCRIPTION_ID } from "../../helpers";

const RG = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-test/providers`;

/**
 * Stand-ins for the Service Bus, Event Hubs, Event Grid and Cosmos DB constructs (written in
 * parallel): only the structural members the connect* methods use, granting real roles.
 */
export function serviceBus(scope: Construct, id = "Bus"): IServiceBusNamespaceConnectable & { readonly id: string } {
  const owner = new Construct(scope, id);
  const resourceId = `${RG}/Microsoft.ServiceBus/namespaces/sbns-${id.toLowerCase()}`;
  return {
    id: resourceId,
    fullyQualifiedNamespace: `sbns-${id.toLowerCase()}.servicebus.windows.net`,
    grantReceive: (p: IPrincipal) => grantRole(owner, resourceId, BuiltInRole.serviceBusDataReceiver, p),
    grantSend: (p: IPrincipal) => grantRole(owner, resourceId, BuiltInRole.serviceBusDataSender, p),
  };
}

export function eventHubs(scope: Construct, id = "Hubs"): IEventHubsNamespaceConnectable & { readonly id: string } {
  const owner = new Construct(scope, id);
  const resourceId = `${RG}/Microsoft.EventHub/namespaces/evhns-${id.toLowerCase()}`;
  return {
    id: resourceId,
    fullyQualifiedNamespace: `evhns-${id.toLowerCase()}.servicebus.windows.net`,
    grantReceive: (p: IPrincipal) => grantRole(owner, resourceId, BuiltInRole.eventHubsDataReceiver, p),
    grantSend: (p: IPrincipal) => grantRole(owner, resourceId, BuiltInRole.eventHubsDataSender, p),
  };
}

export function eventGridTopic(scope: Construct, id = "Topic"): IEventGridTopicConnectable & { readonly id: string } {
  const owner = new Construct(scope, id);
  const resourceId = `${RG}/Microsoft.EventGrid/topics/evgt-${id.toLowerCase()}`;
  return {
    id: resourceId,
    endpoint: `https://evgt-${id.toLowerCase()}.westeurope-1.eventgrid.azure.net/api/events`,
    grantPublish: (p: IPrincipal) => grantRole(owner, resourceId, BuiltInRole.eventGridDataSender, p),
  };
}

export function cosmosDb(scope: Construct, id = "Cosmos"): ICosmosDbAccountConnectable & { readonly id: string } {
  const owner = new Construct(scope, id);
  const resourceId = `${RG}/Microsoft.DocumentDB/databaseAccounts/cosmos-${id.toLowerCase()}`;
  return {
    id: resourceId,
    endpoint: `https://cosmos-${id.toLowerCase()}.documents.azure.com:443/`,
    grantDataRead: (p: IPrincipal) => grantRole(owner, resourceId, "Cosmos DB Built-in Data Reader", p),
    grantDataWrite: (p: IPrincipal) => grantRole(owner, resourceId, "Cosmos DB Built-in Data Contributor", p),
  };
}
