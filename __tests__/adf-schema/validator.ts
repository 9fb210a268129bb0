import * as fs from "fs";
import * as path from "path";
import Ajv, { ErrorObject, ValidateFunction } from "ajv-draft-04";

/** The schema definitions the tests check against. */
export type AdfDefinition = "Pipeline" | "Activity" | "DataFlow" | "LinkedService" | "Dataset" | "Trigger";

let ajv: Ajv | undefined;
let schemaId = "";

function compiler(): Ajv {
  if (!ajv) {
    // Not strict: the published schema predates Ajv's strict mode (unknown formats and keywords).
    ajv = new Ajv({ strict: false, allErrors: false });
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(__dirname, file), "utf8")) as { id: string };
    ajv.addSchema(read("arm-common-definitions.json"));
    const dataFactory = read("Microsoft.DataFactory.2018-06-01.json");
    ajv.addSchema(dataFactory);
    schemaId = dataFactory.id.replace(/#$/, "");
  }
  return ajv;
}

const validators = new Map<AdfDefinition, ValidateFunction>();

/** The schema's verdict on `value` as `definition`: an empty list when Azure's schema accepts it. */
export function adfSchemaErrors(definition: AdfDefinition, value: unknown): string[] {
  let validate = validators.get(definition);
  if (!validate) {
    validate = compiler().getSchema(`${schemaId}#/definitions/${definition}`);
    if (!validate) throw new Error(`the Data Factory schema has no definition ${definition}`);
    validators.set(definition, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message}`);
}
