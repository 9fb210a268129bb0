import { TerraformGraph, TerraformJson, referencesIn } from "../../../constructs/core/terraform-graph";

const JSON_STACK: TerraformJson = {
  resource: {
    azurerm_storage_account: { Lake: { name: "st", resource_group_name: "${azurerm_resource_group.Rg.name}" } },
    azurerm_resource_group: { Rg: { name: "rg" } },
    azurerm_storage_container: {
      Raw: { name: "raw", storage_account_id: "${azurerm_storage_account.Lake.id}" },
      Extra: { name: "x", storage_account_id: "${azurerm_storage_account.Lake.id}", count: 2 },
    },
    azurerm_role_assignment: {
      // Nested, inside a longer string, after an inner brace, with an index.
      OnContainer: { scope: "${azurerm_storage_container.Raw.id}", principal_id: "${azurerm_user_assigned_identity.App.principal_id}" },
      Literal: { scope: "/subscriptions/x", depends_on: ["azurerm_storage_account.Lake"] },
    },
    azurerm_user_assigned_identity: { App: { name: "id" } },
    azurerm_monitor_diagnostic_setting: {
      Blob: {
        target_resource_id: "${azurerm_storage_account.Lake.id}/blobServices/default",
        log_analytics_workspace_id: "${data.azurerm_log_analytics_workspace.Shared.id}",
      },
    },
    azurerm_private_endpoint: {
      Pe: { private_service_connection: [{ private_connection_resource_id: "${azurerm_storage_account.Lake.id}" }] },
    },
    azurerm_resource_group_template_deployment: {
      Arm: { parameters_content: '${jsonencode({"a" = {value = 1}, "b" = {value = azurerm_storage_container.Extra[0].name}})}' },
    },
    azurerm_management_lock: {
      Lock: { scope: "${azurerm_storage_account.Lake.id}", lifecycle: { replace_triggered_by: ["azurerm_storage_container.Raw.id"] } },
    },
  },
  data: { azurerm_log_analytics_workspace: { Shared: { name: "log", resource_group_name: "${local.rg}" } } },
  locals: { rg: "${azurerm_resource_group.Rg.name}", unrelated: "x" },
  output: { lake: { value: "${azurerm_storage_account.Lake.primary_blob_endpoint}" } },
};

const graph = TerraformGraph.of(JSON_STACK);
const dependents = (address: string) => [...graph.dependentsOf(address)].sort();

describe("TerraformGraph", () => {
  test("nodes are Terraform addresses of resources, data sources, locals and outputs", () => {
    expect(graph.addresses).toEqual(
      expect.arrayContaining(["azurerm_storage_account.Lake", "data.azurerm_log_analytics_workspace.Shared", "local.rg", "output.lake"]),
    );
    expect(graph.has("azurerm_storage_account.Elsewhere")).toBe(false);
    expect(graph.config("local.rg")).toEqual({ value: "${azurerm_resource_group.Rg.name}" });
  });

  test("edges come from references in any attribute, nested at any depth, and from depends_on and replace_triggered_by", () => {
    const to = (address: string) => graph.edgesFrom(address).map((e) => [e.to, e.via]);
    expect(to("azurerm_role_assignment.OnContainer")).toEqual([
      ["azurerm_storage_container.Raw", "scope"],
      ["azurerm_user_assigned_identity.App", "principal_id"],
    ]);
    expect(to("azurerm_role_assignment.Literal")).toEqual([["azurerm_storage_account.Lake", "depends_on"]]);
    expect(to("azurerm_private_endpoint.Pe")).toEqual([["azurerm_storage_account.Lake", "private_service_connection"]]);
    expect(to("azurerm_monitor_diagnostic_setting.Blob")).toEqual([
      ["azurerm_storage_account.Lake", "target_resource_id"],
      ["data.azurerm_log_analytics_workspace.Shared", "log_analytics_workspace_id"],
    ]);
    // A reference after an inner object's closing brace, to an instance of a counted resource.
    expect(to("azurerm_resource_group_template_deployment.Arm")).toEqual([["azurerm_storage_container.Extra", "parameters_content"]]);
    expect(to("azurerm_management_lock.Lock")).toEqual([
      ["azurerm_storage_account.Lake", "scope"],
      ["azurerm_storage_container.Raw", "lifecycle"],
    ]);
    expect(to("data.azurerm_log_analytics_workspace.Shared")).toEqual([["local.rg", "resource_group_name"]]);
    expect(to("local.rg")).toEqual([["azurerm_resource_group.Rg", "value"]]);
    expect(to("local.unrelated")).toEqual([]);
  });

  test("direct dependents are the reverse edges", () => {
    const from = graph.edgesTo("azurerm_storage_container.Raw").map((e) => e.from);
    expect(from).toEqual(["azurerm_role_assignment.OnContainer", "azurerm_management_lock.Lock"]);
  });

  test("what references a resource, transitively", () => {
    expect(dependents("azurerm_storage_account.Lake")).toEqual([
      "azurerm_management_lock.Lock",
      "azurerm_monitor_diagnostic_setting.Blob",
      "azurerm_private_endpoint.Pe",
      "azurerm_resource_group_template_deployment.Arm",
      "azurerm_role_assignment.Literal",
      "azurerm_role_assignment.OnContainer",
      "azurerm_storage_container.Extra",
      "azurerm_storage_container.Raw",
      "output.lake",
    ]);
    // Through a local and a data source.
    const throughLocalAndData = ["local.rg", "data.azurerm_log_analytics_workspace.Shared", "azurerm_monitor_diagnostic_setting.Blob"];
    expect(dependents("azurerm_resource_group.Rg")).toEqual(expect.arrayContaining(throughLocalAndData));
    expect(dependents("azurerm_user_assigned_identity.App")).toEqual(["azurerm_role_assignment.OnContainer"]);
  });

  test("does A (transitively) depend on B", () => {
    expect(graph.dependsOn("azurerm_role_assignment.OnContainer", "azurerm_storage_account.Lake")).toBe(true);
    expect(graph.dependsOn("azurerm_monitor_diagnostic_setting.Blob", "azurerm_resource_group.Rg")).toBe(true);
    expect(graph.dependsOn("azurerm_storage_account.Lake", "azurerm_role_assignment.OnContainer")).toBe(false);
    expect(graph.dependsOn("azurerm_storage_container.Raw", "azurerm_storage_container.Extra")).toBe(false);
    expect([...graph.dependenciesOf("azurerm_role_assignment.OnContainer")].sort()).toEqual([
      "azurerm_resource_group.Rg",
      "azurerm_storage_account.Lake",
      "azurerm_storage_container.Raw",
      "azurerm_user_assigned_identity.App",
    ]);
  });

  test("an edge filter restricts transitive queries", () => {
    const notThroughDependsOn = (e: { via: string }) => e.via !== "depends_on";
    expect(graph.dependentsOf("azurerm_storage_account.Lake", notThroughDependsOn).has("azurerm_role_assignment.Literal")).toBe(false);
    expect(graph.dependsOn("azurerm_management_lock.Lock", "azurerm_storage_container.Raw", (e) => e.via === "scope")).toBe(false);
  });

  test("references to undeclared blocks make no edge and no node", () => {
    const g = TerraformGraph.of({ resource: { azurerm_role_assignment: { A: { scope: "${azurerm_storage_account.Elsewhere.id}" } } } });
    expect(g.edgesFrom("azurerm_role_assignment.A")).toEqual([]);
    expect(g.has("azurerm_storage_account.Elsewhere")).toBe(false);
  });

  test("finds a cycle, and none in an acyclic graph", () => {
    expect(graph.findCycle()).toBeUndefined();
    const cyclic = TerraformGraph.of({
      resource: { a_x: { One: { v: "${a_x.Two.id}" }, Two: { depends_on: ["a_x.Three"] }, Three: { v: "${a_x.One.id}" } } },
    });
    expect(cyclic.findCycle()).toEqual(["a_x.One", "a_x.Two", "a_x.Three", "a_x.One"]);
  });

});

describe("referencesIn: the blocks a value references", () => {
  test.each([
    ["a plain reference", "${azurerm_x.y.id}", ["azurerm_x.y"]],
    ["inside a longer string", "${azurerm_x.y.id}/blobServices/default", ["azurerm_x.y"]],
    ["a function over a list", '${formatlist("%s/32", azurerm_api_management.Gw.public_ip_addresses)}', ["azurerm_api_management.Gw"]],
    ["after an inner brace", '${merge({a = 1}, {b = azurerm_x.y.name})}', ["azurerm_x.y"]],
    ["a brace inside a quoted string", '${replace(azurerm_x.y.name, "}", "")} ${azurerm_x.z.id}', ["azurerm_x.y", "azurerm_x.z"]],
    ["a template directive", "%{ if var.on }on%{ endif }", ["var.on"]],
    [
      "data sources, variables, locals and modules",
      "${data.azurerm_client_config.current.tenant_id}-${var.a}-${local.b}-${module.c.d}",
      ["data.azurerm_client_config.current", "var.a", "local.b", "module.c"],
    ],
    ["an escaped literal", "$${azurerm_x.y.id} %%{ if var.x }", []],
    ["count, each and self are no references", "${count.index}-${each.value}-${self.id}", []],
    ["text outside templates is no reference", "azurerm_x.y.id", []],
  ])("%s", (_name, text, expected) => {
    expect(referencesIn(text)).toEqual(expected);
  });

  test("walks nested objects, lists and keys", () => {
    expect(referencesIn({ a: [{ b: "${azurerm_x.y.id}" }], "${var.k}": 1 }).sort()).toEqual(["azurerm_x.y", "var.k"]);
  });
});

describe("TerraformGraph over a changed JSON", () => {
  test("the same JSON object gives the same graph; reread picks up a changed block", () => {
    const json = { resource: { a_x: { One: { v: "${a_x.Two.id}" }, Two: {}, Three: {} } } } as const;
    const graph = TerraformGraph.of(json);
    expect(TerraformGraph.of(json)).toBe(graph);
    (json.resource.a_x.One as Record<string, unknown>).depends_on = ["a_x.Three"];
    expect(graph.dependsOn("a_x.One", "a_x.Three")).toBe(false);
    graph.reread("a_x.One");
    expect(graph.edgesFrom("a_x.One").map((e) => [e.to, e.via])).toEqual([["a_x.Two", "v"], ["a_x.Three", "depends_on"]]);
    expect(graph.edgesTo("a_x.Three").map((e) => e.from)).toEqual(["a_x.One"]);
    delete (json.resource.a_x.One as Record<string, unknown>).v;
    graph.reread("a_x.One");
    expect(graph.edgesTo("a_x.Two")).toEqual([]);
  });
});
