import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EnvironmentConfigError, listEnvironments, loadEnvironment, parseEnvironment } from "../../config/environment";

const CONFIG_DIR = path.resolve(__dirname, "../../config");
const valid = {
  location: "westeurope",
  namePrefix: "aic-dev",
  profile: "dev",
  apiPublisher: { name: "Contoso Integration", email: "integration@contoso.example" },
  databaseAdministrators: { login: "sg-dba", objectId: "00000000-0000-0000-0000-000000000001" },
};

function errorOf(data: unknown): string {
  try {
    parseEnvironment("dev", data, "config/dev.json");
  } catch (e) {
    expect(e).toBeInstanceOf(EnvironmentConfigError);
    return (e as Error).message;
  }
  throw new Error("expected the environment to be rejected");
}

describe("environment config", () => {
  test("the shipped environments load and validate", () => {
    expect(listEnvironments(CONFIG_DIR)).toEqual(["dev", "prod"]);
    const dev = loadEnvironment(CONFIG_DIR, "dev");
    expect(dev).toMatchObject({ name: "dev", profile: "dev", backend: { type: "local" } });
    const prod = loadEnvironment(CONFIG_DIR, "prod");
    const network = { addressSpace: ["10.20.0.0/20"], stacks: { "api-gateway": "10.20.0.0/22" } };
    expect(prod).toMatchObject({ name: "prod", profile: "prod", network });
  });

  test("defaults: local backend, no tags, no allowed IPs", () => {
    expect(parseEnvironment("dev", valid, "x")).toEqual({ name: "dev", ...valid, tags: {}, backend: { type: "local" }, allowedIpRanges: [] });
  });

  test("databaseAdministrators is optional (the deploying principal administers the databases)", () => {
    const { databaseAdministrators, ...withoutAdministrators } = valid;
    expect(databaseAdministrators).toBeDefined();
    expect(parseEnvironment("dev", withoutAdministrators, "x").databaseAdministrators).toBeUndefined();
  });

  test("the shipped environments carry no placeholder administrator", () => {
    for (const name of listEnvironments(CONFIG_DIR)) {
      expect(JSON.stringify(loadEnvironment(CONFIG_DIR, name))).not.toContain("00000000-0000-0000-0000-000000000000");
    }
  });

  test.each([
    [{ ...valid, location: "West Europe" }, 'location: "West Europe" must be an Azure region name such as westeurope'],
    [{ ...valid, namePrefix: "Contoso_Dev" }, 'namePrefix: "Contoso_Dev" must be 2-12 lower-case letters, digits and hyphens'],
    [{ ...valid, namePrefix: "a-very-long-prefix" }, 'namePrefix: "a-very-long-prefix" must be 2-12'],
    [{ ...valid, profile: "staging" }, 'profile: "staging" must be "dev" or "prod"'],
    [{ ...valid, profile: "prod" }, 'network: is required by the "prod" profile'],
    [{ ...valid, network: { addressSpace: ["10.0.0.0/33"] } }, 'network.addressSpace.0: "10.0.0.0/33" is not an IPv4 CIDR'],
    [{ ...valid, allowedIpRanges: ["300.1.1.1/32"] }, 'allowedIpRanges.0: "300.1.1.1/32" has an octet above 255'],
    [{ ...valid, backend: { type: "s3" } }, 'backend.type: "s3" must be "local", "azurerm" or "hcp"'],
    [{ ...valid, backend: { type: "azurerm", resourceGroupName: "rg", storageAccountName: "Bad_Name", containerName: "tfstate" } }, 'backend.storageAccountName: "Bad_Name" must be 3-24 lower-case letters and digits'],
    [{ ...valid, subscriptionId: "not-a-guid" }, 'subscriptionId: "not-a-guid" must be a subscription GUID'],
    [{ ...valid, locaton: "westeurope" }, 'locaton: is not a known key; did you mean "location"? rename it to "location"'],
    [{ ...valid, apiPublisher: { name: "Contoso", email: "not-an-email" } }, 'apiPublisher.email: "not-an-email" must be an email address, e.g. integration@contoso.com'],
    [{ ...valid, databaseAdministrators: { login: "dba", objectId: "dba-group" } }, 'databaseAdministrators.objectId: "dba-group" must be the Entra object id (a GUID) of the group or user'],
    [{ ...valid, alerts: { emailReceivers: ["oncall"] } }, 'alerts.emailReceivers.0: "oncall" must be an email address, e.g. integration-oncall@contoso.com'],
    [{ ...valid, alerts: { webhookReceivers: ["http://hooks.contoso.com/alerts"] } }, 'alerts.webhookReceivers.0: "http://hooks.contoso.com/alerts" must be an https:// URL'],
    [{ ...valid, alerts: { webhookReceivers: ["https://prod.logic.azure.com/wf?sig=abc"] } }, "has a query string"],
    [{ ...valid, alerts: { email: ["ops@contoso.com"] } }, "alerts.email: is not a known key"],
    [
      { ...valid, databaseAdministrators: { login: "dba", objectId: "00000000-0000-0000-0000-000000000000" } },
      'databaseAdministrators.objectId: is the nil GUID "00000000-0000-0000-0000-000000000000", a placeholder that names no Entra principal ' +
        "(nobody could sign in as administrator); use the object id of the Entra group or user that administers the databases, " +
        "or remove databaseAdministrators (the deploying principal)",
    ],
  ])("rejects %j", (data, expected) => {
    const message = errorOf(data);
    expect(message).toContain("config/dev.json: invalid environment");
    expect(message).toContain(expected);
  });

  test("a missing file names the known environments; broken JSON is reported with the file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "env-"));
    fs.writeFileSync(path.join(dir, "dev.json"), "{ not json");
    expect(() => loadEnvironment(dir, "test")).toThrow(`${path.join(dir, "test.json")}: no such environment; choose one of dev or add the file`);
    expect(() => loadEnvironment(dir, "dev")).toThrow(new RegExp(`^${path.join(dir, "dev.json")}:1:3: not valid JSON: .* \\(line 1, column 3\\); fix the JSON there`));
  });

  test("environment names come from file names and are validated", () => {
    expect(() => parseEnvironment("Prod EU", valid, "config/Prod EU.json")).toThrow(
      'config/Prod EU.json: environment name "Prod EU" must be 1-16 lower-case letters, digits and hyphens (it is the file name)',
    );
  });
});

describe("deployer", () => {
  const prod = { ...valid, profile: "prod", network: { addressSpace: ["10.20.0.0/16"] } };

  test("is optional; when given, egress ranges default to none", () => {
    expect(parseEnvironment("dev", valid, "x").deployer).toBeUndefined();
    expect(parseEnvironment("dev", { ...valid, deployer: { network: "public" } }, "x").deployer).toEqual({ network: "public", egressIpRanges: [] });
  });

  test("prod refuses a public deployer: its data planes are private", () => {
    expect(errorOf({ ...prod, deployer: { network: "public" } })).toContain('deployer.network: is "public", but the "prod" profile');
    expect(parseEnvironment("prod", { ...prod, deployer: { network: "private" } }, "x").deployer?.network).toBe("private");
  });

  test("a private deployer needs a network", () => {
    expect(errorOf({ ...valid, deployer: { network: "private" } })).toContain('deployer.network: is "private", but the environment has no network');
  });

  test("object id and egress ranges are validated", () => {
    expect(errorOf({ ...valid, deployer: { objectId: "me" } })).toContain('deployer.objectId: "me" must be the Entra object id');
    expect(errorOf({ ...valid, deployer: { egressIpRanges: ["203.0.113.0/33"] } })).toContain('deployer.egressIpRanges.0: "203.0.113.0/33" must be an IPv4 CIDR');
  });
});

describe("disasterRecovery", () => {
  test("is off unless the file names a paired location, which the patterns then receive", () => {
    expect(parseEnvironment("dev", valid, "x").disasterRecovery).toBeUndefined();
    expect(loadEnvironment(CONFIG_DIR, "dev").disasterRecovery).toBeUndefined();
    expect(loadEnvironment(CONFIG_DIR, "prod").disasterRecovery).toBeUndefined();
    expect(parseEnvironment("dev", { ...valid, disasterRecovery: { pairedLocation: "northeurope" } }, "x").disasterRecovery).toEqual({
      pairedLocation: "northeurope",
    });
  });

  test.each([
    [
      { pairedLocation: "westeurope" },
      'disasterRecovery.pairedLocation: "westeurope" is the primary location, and a copy in the same region fails with it; use "northeurope"',
    ],
    [
      { pairedLocation: "northeurop" },
      'disasterRecovery.pairedLocation: "northeurop" is not an Azure region; use "northeurope" (the closest region name)',
    ],
    [{ pairedLocation: "North Europe" }, 'disasterRecovery.pairedLocation: "North Europe" must be an Azure region name such as northeurope'],
    [{}, "disasterRecovery.pairedLocation: is missing"],
    [{ pairedLocation: "northeurope", region: "x" }, 'disasterRecovery.region: is not a known key; remove it or use one of "pairedLocation"'],
  ])("%j is refused", (disasterRecovery, message) => {
    expect(errorOf({ ...valid, disasterRecovery })).toContain(message);
  });
});
