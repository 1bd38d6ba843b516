#pragma once
// Orders diagnostics as the fields they point at appear in the document, so that a person
// reading the list reads the file from top to bottom. A diagnostic about an object comes
// before those about its fields; diagnostics at the same place keep the order they were
// found in; pointers that name nothing in the document (and line:column diagnostics) go
// last.
#include "core/diagnostic.h"
#include "core/json.h"

namespace conflictctl::asl {

void sort_in_document_order(Diagnostics& diagnostics, const Json& document);

}  // namespace conflictctl::asl
