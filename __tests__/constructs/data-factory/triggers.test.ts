import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { DataFactoryTriggerBlobEvent } from "@cdktf/provider-azurerm/lib/data-factory-trigger-blob-event";
import { DataFactoryTriggerSchedule } from "@cdktf/provider-azurerm/lib/data-factory-trigger-schedule";
import { DataFactoryTriggerTumblingWindow } from "@cdktf/provider-azurerm/lib/data-factory-trigger-tumbling-window";
import { Activity, BlobEventTriggerOptions, ScheduleTriggerOptions, TumblingWindowTriggerOptions } from "../../../constructs/data-factory";
import { resolved, resourcesOfType as resources, single } from "../../helpers";
import { sampleFactory } from "./sample-factory";

Testing.setupJest();

const STORAGE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stlanding";

function withPipeline() {
  const sample = sampleFactory();
  const pipeline = sample.factory.addPipeline("CopyOnPremTables", { activities: [Activity.fromJson({ name: "Pause", type: "Wait", typeProperties: { waitTimeInSeconds: 1 } })] });
  return { ...sample, pipeline, pipelineName: single(sample.stack, "azurerm_data_factory_pipeline").ref("name") };
}

describe("schedule trigger", () => {
  test("defaults: every interval, activated, the pipeline by reference", () => {
    const { stack, factory, pipeline, pipelineName } = withPipeline();
    const trigger = factory.addScheduleTrigger("Hourly", { pipeline, frequency: "Hour" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryTriggerSchedule, {
      name: "Hourly",
      data_factory_id: single(stack, "azurerm_data_factory").ref("id"),
      frequency: "Hour",
      interval: 1,
      activated: true,
      pipeline: [{ name: pipelineName }],
    });
    expect(resources(stack, "azurerm_data_factory_trigger_schedule")[0]).not.toHaveProperty("start_time");
    expect(trigger.resource.node.id).toBe("Trigger-Hourly");
  });

  test("a weekly schedule with a start, end, time zone, parameters, and activation off", () => {
    const { stack, factory, pipeline } = withPipeline();
    factory.addScheduleTrigger("Weekdays", {
      pipeline,
      frequency: "Week",
      interval: 2,
      startTime: "2025-01-06T00:00:00Z",
      endTime: "2026-01-01T00:00:00Z",
      timeZone: "W. Europe Standard Time",
      schedule: { weekDays: ["Monday", "Friday"], hours: [6, 18], minutes: [30] },
      pipelineParameters: { loadDate: "@formatDateTime(trigger().scheduledTime, 'yyyy-MM-dd')" },
      activated: false,
      description: "Twice a day on Mondays and Fridays, every other week",
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryTriggerSchedule, {
      frequency: "Week",
      interval: 2,
      start_time: "2025-01-06T00:00:00Z",
      end_time: "2026-01-01T00:00:00Z",
      time_zone: "W. Europe Standard Time",
      activated: false,
      description: "Twice a day on Mondays and Fridays, every other week",
      schedule: { days_of_week: ["Monday", "Friday"], hours: [6, 18], minutes: [30] },
      pipeline: [expect.objectContaining({ parameters: { loadDate: "@formatDateTime(trigger().scheduledTime, 'yyyy-MM-dd')" } })],
    });
  });

  test("a monthly schedule on days and weekday occurrences", () => {
    const { stack, factory, pipeline } = withPipeline();
    factory.addScheduleTrigger("MonthEnd", { pipeline, frequency: "Month", schedule: { monthDays: [1, -1], monthlyOccurrences: [{ day: "Friday", occurrence: -1 }, { day: "Monday" }] } });
    expect(resources(stack, "azurerm_data_factory_trigger_schedule")[0].schedule).toEqual({
      days_of_month: [1, -1],
      monthly: [{ weekday: "Friday", week: -1 }, { weekday: "Monday" }],
    });
  });

  test.each([
    [{ frequency: "Second" }, 'trigger "T" frequency "Second" is not allowed; use one of Minute, Hour, Day, Week, Month'],
    [{ frequency: "Hour", interval: 0 }, 'trigger "T" interval 0 is not a whole number of at least 1; set interval to 1 or more'],
    [{ frequency: "Hour", interval: 1.5 }, 'trigger "T" interval 1.5 is not a whole number of at least 1; set interval to 1 or more'],
    [{ frequency: "Day", startTime: "2025-01-01" }, 'trigger "T" startTime "2025-01-01" is not an ISO 8601 UTC timestamp; write it like "2025-01-01T00:00:00Z"'],
    [{ frequency: "Day", startTime: "2025-01-01T00:00:00+01:00" }, 'trigger "T" startTime "2025-01-01T00:00:00+01:00" is not an ISO 8601 UTC timestamp; write it like "2025-01-01T00:00:00Z"'],
    [{ frequency: "Day", endTime: "now" }, 'trigger "T" endTime "now" is not an ISO 8601 UTC timestamp; write it like "2025-01-01T00:00:00Z"'],
    [{ frequency: "Day", startTime: "2025-06-01T00:00:00Z", endTime: "2025-01-01T00:00:00Z" }, 'trigger "T" endTime "2025-01-01T00:00:00Z" is not after startTime "2025-06-01T00:00:00Z"; set an endTime after the startTime, or none'],
    [{ frequency: "Day", schedule: { minutes: [60] } }, 'trigger "T" schedule.minutes 60 is not a whole number from 0 to 59; set schedule.minutes to 0-59'],
    [{ frequency: "Day", schedule: { hours: [24] } }, 'trigger "T" schedule.hours 24 is not a whole number from 0 to 23; set schedule.hours to 0-23'],
    [{ frequency: "Week", schedule: { weekDays: ["Funday"] } }, 'trigger "T" schedule.weekDays "Funday" is not allowed; use one of Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday'],
    [{ frequency: "Day", schedule: { weekDays: ["Monday"] } }, 'trigger "T" schedule.weekDays needs frequency "Week", not "Day"; set frequency: "Week", or drop schedule.weekDays'],
    [{ frequency: "Week", schedule: { monthDays: [1] } }, 'trigger "T" schedule.monthDays/monthlyOccurrences needs frequency "Month", not "Week"; set frequency: "Month", or drop schedule.monthDays/monthlyOccurrences'],
    [{ frequency: "Month", schedule: { monthDays: [0] } }, 'trigger "T" schedule.monthDays 0 is not a day of the month; use 1-31, or -1..-31 counting from the month\'s end'],
    [{ frequency: "Month", schedule: { monthlyOccurrences: [{ day: "Fri" }] } }, 'trigger "T" schedule.monthlyOccurrences.day "Fri" is not allowed; use one of Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday'],
    [{ frequency: "Month", schedule: { monthlyOccurrences: [{ day: "Friday", occurrence: 6 }] } }, 'trigger "T" schedule.monthlyOccurrences.occurrence 6 is not a week of the month; use 1-5, or -1..-5 counting from the month\'s end'],
    [{ frequency: "Day", timeZone: "Europe/Amsterdam" }, 'trigger "T" timeZone "Europe/Amsterdam" is not a time zone Data Factory knows (it takes Windows time zone ids, '
      + 'not IANA names); use "W. Europe Standard Time" (DATA_FACTORY_TIME_ZONES lists them)'],
    [{ frequency: "Day", timeZone: "W. Europe Standrd Time" }, 'trigger "T" timeZone "W. Europe Standrd Time" is not a time zone Data Factory knows (it takes Windows time '
      + 'zone ids, not IANA names); use "W. Europe Standard Time" (DATA_FACTORY_TIME_ZONES lists them)'],
    [{ frequency: "Day", timeZone: "CET" }, 'trigger "T" timeZone "CET" is not a time zone Data Factory knows (it takes Windows time zone ids, not IANA names); '
      + 'use a Windows time zone id such as "W. Europe Standard Time" or "UTC" (DATA_FACTORY_TIME_ZONES lists them)'],
  ] as unknown as [Partial<ScheduleTriggerOptions>, string][])("%p is rejected", (options, message) => {
    const { factory, pipeline } = withPipeline();
    expect(() => factory.addScheduleTrigger("T", { pipeline, frequency: "Day", ...options })).toThrow(`test/Factory: ${message}`);
  });
});

describe("tumbling window trigger", () => {
  test("a literal start, window size, delay, concurrency and retry", () => {
    const { stack, factory, pipeline, pipelineName } = withPipeline();
    factory.addTumblingWindowTrigger("Hourly", {
      pipeline,
      frequency: "Hour",
      interval: 1,
      startTime: "2025-01-01T00:00:00Z",
      delay: "00:15:00",
      maxConcurrency: 4,
      retry: { count: 3, intervalSeconds: 300 },
      pipelineParameters: { windowStart: "@trigger().outputs.windowStartTime", windowEnd: "@trigger().outputs.windowEndTime" },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryTriggerTumblingWindow, {
      name: "Hourly",
      frequency: "Hour",
      interval: 1,
      start_time: "2025-01-01T00:00:00Z",
      delay: "00:15:00",
      max_concurrency: 4,
      retry: { count: 3, interval: 300 },
      activated: true,
      pipeline: { name: pipelineName, parameters: { windowStart: "@trigger().outputs.windowStartTime", windowEnd: "@trigger().outputs.windowEndTime" } },
    });
  });

  test.each([
    [{ frequency: "Day" }, 'trigger "T" frequency "Day" is not allowed; use one of Minute, Hour, Month'],
    [{ frequency: "Minute", interval: 5 }, 'trigger "T" interval 5 is not a whole number of at least 15; set interval to 15 or more'],
    [{ startTime: "2025-01-01 00:00" }, 'trigger "T" startTime "2025-01-01 00:00" is not an ISO 8601 UTC timestamp; write it like "2025-01-01T00:00:00Z"'],
    [{ endTime: "2024-12-31T23:00:00Z" }, 'trigger "T" endTime "2024-12-31T23:00:00Z" is not after startTime "2025-01-01T00:00:00Z"; set an endTime after the startTime, or none'],
    [{ delay: "15m" }, 'trigger "T" delay "15m" is not a timespan; use "hh:mm:ss", e.g. "00:15:00"'],
    [{ maxConcurrency: 51 }, 'trigger "T" maxConcurrency 51 is not a whole number from 1 to 50; set maxConcurrency to 1-50'],
    [{ retry: { count: 0 } }, 'trigger "T" retry.count 0 is not a whole number of at least 1; set retry.count to 1 or more'],
    [{ retry: { count: 2, intervalSeconds: 10 } }, 'trigger "T" retry.intervalSeconds 10 is not a whole number from 30 to 86400; set retry.intervalSeconds to 30-86400'],
  ] as unknown as [Partial<TumblingWindowTriggerOptions>, string][])("%p is rejected", (options, message) => {
    const { factory, pipeline } = withPipeline();
    expect(() => factory.addTumblingWindowTrigger("T", { pipeline, frequency: "Hour", interval: 1, startTime: "2025-01-01T00:00:00Z", ...options })).toThrow(`test/Factory: ${message}`);
  });

  test("a start time computed at deploy time is rejected", () => {
    const { factory, pipeline } = withPipeline();
    expect(() => factory.addTumblingWindowTrigger("T", { pipeline, frequency: "Hour", interval: 1, startTime: pipeline.resource.id })).toThrow(
      'test/Factory: trigger "T" startTime is computed at deploy time; use a literal ISO 8601 UTC timestamp such as "2025-01-01T00:00:00Z": a moving start re-creates the trigger and its windows',
    );
  });
});

describe("blob event trigger", () => {
  test("on our storage account: created blobs under a prefix, empty blobs ignored", () => {
    const { stack, factory, pipeline, lake, pipelineName } = withPipeline();
    factory.addBlobEventTrigger("OnLanding", { pipeline, storageAccount: lake, blobPathBeginsWith: "/raw/blobs/orders/", blobPathEndsWith: ".csv", pipelineParameters: { file: "@triggerBody().fileName" } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryTriggerBlobEvent, {
      name: "OnLanding",
      storage_account_id: single(stack, "azurerm_storage_account").ref("id"),
      events: ["Microsoft.Storage.BlobCreated"],
      blob_path_begins_with: "/raw/blobs/orders/",
      blob_path_ends_with: ".csv",
      ignore_empty_blobs: true,
      activated: true,
      pipeline: [{ name: pipelineName, parameters: { file: "@triggerBody().fileName" } }],
    });
  });

  test("on an account id, deletions too, empty blobs kept", () => {
    const { stack, factory, pipeline } = withPipeline();
    factory.addBlobEventTrigger("OnChange", { pipeline, storageAccount: STORAGE_ID, events: ["Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted"], blobPathEndsWith: ".parquet", ignoreEmptyBlobs: false });
    expect(resources(stack, "azurerm_data_factory_trigger_blob_event")[0]).toEqual(
      expect.objectContaining({ storage_account_id: STORAGE_ID, events: ["Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted"], ignore_empty_blobs: false }),
    );
  });

  test.each([
    [{ blobPathBeginsWith: undefined, blobPathEndsWith: undefined }, 'trigger "T" blobPathBeginsWith and blobPathEndsWith are both unset; set at least one, e.g. blobPathBeginsWith: "/landing/blobs/orders/"'],
    [{ blobPathBeginsWith: "raw/orders/" }, 'trigger "T" blobPathBeginsWith "raw/orders/" does not start with /<container>/blobs/; write it as "/<container>/blobs/<folder>/", e.g. "/landing/blobs/orders/"'],
    [{ events: [] }, 'trigger "T" events [] is empty; list at least one of Microsoft.Storage.BlobCreated, Microsoft.Storage.BlobDeleted'],
    [{ events: ["Microsoft.Storage.BlobRenamed"] }, 'trigger "T" events "Microsoft.Storage.BlobRenamed" is not allowed; use one of Microsoft.Storage.BlobCreated, Microsoft.Storage.BlobDeleted'],
  ] as unknown as [Partial<BlobEventTriggerOptions>, string][])("%p is rejected", (options, message) => {
    const { factory, pipeline } = withPipeline();
    expect(() => factory.addBlobEventTrigger("T", { pipeline, storageAccount: STORAGE_ID, blobPathBeginsWith: "/raw/blobs/", ...options })).toThrow(`test/Factory: ${message}`);
  });
});

describe("trigger names and pipelines", () => {
  test("the pipeline must belong to this factory; names are unique", () => {
    const { factory, pipeline } = withPipeline();
    const other = withPipeline();
    expect(() => factory.addScheduleTrigger("T", { pipeline: other.pipeline, frequency: "Day" })).toThrow(
      'test/Factory: trigger "T" pipeline "CopyOnPremTables" is not a pipeline of this factory; pass a pipeline created by this factory\'s add* methods',
    );
    factory.addScheduleTrigger("Nightly", { pipeline, frequency: "Day" });
    expect(() => factory.addTumblingWindowTrigger("nightly", { pipeline, frequency: "Hour", interval: 1, startTime: "2025-01-01T00:00:00Z" })).toThrow(
      'test/Factory: trigger name "nightly" collides with "Nightly" (Data Factory names are case-insensitive); give each trigger a unique name',
    );
    expect(() => factory.addScheduleTrigger("Night/ly", { pipeline, frequency: "Day" })).toThrow(
      "test/Factory: trigger name \"Night/ly\" breaks the Data Factory trigger naming rule; use a letter, digit or '_' first, then no . + ? / < > * % & : \\ or '#'",
    );
  });

  test("the trigger names the pipeline through its resource, so Terraform creates the pipeline first", () => {
    const { stack, factory, pipeline } = withPipeline();
    const trigger = factory.addScheduleTrigger("Nightly", { pipeline, frequency: "Day" });
    expect(resolved(stack, trigger.resource.pipelineInput)).toEqual([{ name: single(stack, "azurerm_data_factory_pipeline").ref("name") }]);
  });
});
