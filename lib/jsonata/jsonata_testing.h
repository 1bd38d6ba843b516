#pragma once
// Test support for lib/jsonata's unit tests (not part of the library): the documentation's
// sample inputs, and one table-row check comparing a whole value or an error code.
#include <catch2/catch.hpp>

#include "core/json.h"
#include "jsonata/jsonata.h"

namespace conflictctl::jsonata::testing {

// The JSONata documentation's "Address" sample.
inline const Json kAddress = Json::parse(R"({
 "FirstName": "Fred",
 "Surname": "Smith",
 "Age": 28,
 "Address": {
  "Street": "Hursley Park",
  "City": "Winchester",
  "Postcode": "SO21 2JN"
 },
 "Phone": [
  {
   "type": "home",
   "number": "0203 544 1234"
  },
  {
   "type": "office",
   "number": "01962 001234"
  },
  {
   "type": "office",
   "number": "01962 001235"
  },
  {
   "type": "mobile",
   "number": "077 7700 1234"
  }
 ],
 "Email": [
  {
   "type": "work",
   "address": [
    "fred.smith@my-work.com",
    "fsmith@my-work.com"
   ]
  },
  {
   "type": "home",
   "address": [
    "freddy@my-social.com",
    "frederic.smith@very-serious.com"
   ]
  }
 ],
 "Other": {
  "Over 18 ?": true,
  "Misc": null,
  "Alternative.Address": {
   "Street": "Brick Lane",
   "City": "London",
   "Postcode": "E1 6RF"
  }
 }
})");
// The JSONata documentation's "Invoice" sample.
inline const Json kInvoice = Json::parse(R"({"Account": {"Account Name": "Firefly", "Order": [{"OrderID": "order103", "Product": [{"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "0406654608", "Description": {"Colour": "Purple", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.75}, "Price": 34.45, "Quantity": 2}, {"Product Name": "Trilby hat", "ProductID": 858236, "SKU": "0406634348", "Description": {"Colour": "Orange", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.6}, "Price": 21.67, "Quantity": 1}]}, {"OrderID": "order104", "Product": [{"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "040657863", "Description": {"Colour": "Purple", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.75}, "Price": 34.45, "Quantity": 4}, {"ProductID": 345664, "SKU": "0406654603", "Product Name": "Cloak", "Description": {"Colour": "Black", "Width": 30, "Height": 20, "Depth": 210, "Weight": 2}, "Price": 107.99, "Quantity": 1}]}]}})");
inline const Json kSmall = Json::parse(R"({"a": {"b": {"c": 3}}, "n": [3, 1, 2], "s": "Hello World"})");

struct Case {
  const char* expression;
  const Json* input;
  const char* expected;  // JSON text; nullptr with error nullptr: undefined
  const char* error;     // the JSONata error code expected
};

inline void check_case(const Case& c) {
  INFO(c.expression);
  Result<Value> result = evaluate(c.expression, *c.input);
  if (c.error != nullptr) {
    if (result) INFO("value: " << (result->has_value() ? (*result)->dump() : "undefined"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().name == c.error);
    return;
  }
  if (!result) FAIL(result.error());
  if (c.expected == nullptr) {
    CHECK_FALSE(result->has_value());
    return;
  }
  REQUIRE(result->has_value());
  CHECK(**result == Json::parse(c.expected));
}

}  // namespace conflictctl::jsonata::testing
