#pragma once
// Reading a Distributed Map's ItemReader, ItemBatcher and ResultWriter objects into their
// models (asl/model.h). Part of the reader described in asl/machine_reader.h: wrong JSON
// types, unknown fields, missing required fields and values outside what Step Functions
// accepts are reported at their JSON Pointers, e.g.
//   "/States/M/ItemReader/ReaderConfig/InputType: InputType must be one of JSON, JSONL, CSV,
//    MANIFEST, PARQUET, not \"XML\"".
//
// What AWS documents ("ItemReader (Map)", "ItemBatcher (Map)", "ResultWriter (Map)"):
//  - ItemReader: Resource "arn:aws:states:::s3:getObject" with Parameters (JSONata:
//    Arguments) {Bucket, Key} and a ReaderConfig {InputType JSON|JSONL|CSV|MANIFEST|PARQUET,
//    ManifestType ATHENA_DATA|S3_INVENTORY (S3_INVENTORY without InputType; ATHENA_DATA with
//    CSV, JSONL or PARQUET), ItemsPointer (JSON), CSVHeaderLocation FIRST_ROW|GIVEN,
//    CSVHeaders (with GIVEN only), CSVDelimiter, MaxItems | MaxItemsPath}; or Resource
//    "arn:aws:states:::s3:listObjectsV2" with {Bucket, Prefix} and an optional ReaderConfig
//    {Transformation NONE|LOAD_AND_FLATTEN (LOAD_AND_FLATTEN needs an InputType), MaxItems}.
//    MaxItems is at most 100,000,000.
//  - ItemBatcher: at least one of MaxItemsPerBatch(Path) and MaxInputBytesPerBatch(Path)
//    (the latter at most 256 KiB); BatchInput an object.
//  - ResultWriter: WriterConfig {Transformation NONE|COMPACT|FLATTEN, OutputType JSON|JSONL},
//    or Resource "arn:aws:states:::s3:putObject" with {Bucket, Prefix}, or all three; never
//    empty, and Resource and Parameters together.
// With InputType PARQUET: "The VersionId field is not supported for InputType=Parquet", and
// the CSV fields are CSV's only.
#include <optional>
#include <string>

#include "asl/field_reader.h"
#include "asl/model.h"
#include "asl/report.h"

namespace conflictctl::asl {

// Each reads the field `key` of the Map state's reader, if present.
std::optional<ItemReaderSpec> read_item_reader(FieldReader& map, Report& report);
std::optional<ItemBatcherSpec> read_item_batcher(FieldReader& map, Report& report);
std::optional<ResultWriterSpec> read_result_writer(FieldReader& map, Report& report);

}  // namespace conflictctl::asl
