import { parseEnvironment, parseJsonFile } from "../config/environment";
const P = { apiPublisher: { name: "C", email: "a@b.example" } };
const t = (d: unknown) => { try { parseEnvironment("dev", d, "config/dev.json"); console.log("OK"); } catch (e) { console.log((e as Error).message); } };
t({ ...P, location: "westeurop", namePrefix: "ok", profile: "production" });
t({ location: "westeurope", namePrefix: "ok", profile: "dev", locaton: "x", backend: { type: "azurerm", resourceGroupName: "r", storageAccountName: "sa1234", containerName: "tf", keyprefix: "x" } });
t({ ...P, location: "westeurope", namePrefix: "ok", profile: "dev", allowedIpRanges: "1.2.3.4/32", tags: 3 });
for (const j of ['{\n  "a": 1,\n  "b": 2,\n}', '\uFEFF{"a":1}', '{"a":', '{\n "a" 1}']) { try { console.log(parseJsonFile(j, "config/dev.json")); } catch (e) { console.log((e as Error).message); } }
