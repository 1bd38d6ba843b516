#pragma once
// The parts of ARNs that are checked in more than one place.
#include <string_view>

namespace conflictctl::aws {

// "us-east-1", "eu-central-2", "us-gov-west-1": lowercase letters separated by '-', ending in a
// number. The reference definitions' placeholder "REGION" is not one.
bool is_region_name(std::string_view text);

// Twelve digits. The placeholder "ACCOUNT_ID" is not one.
bool is_account_id(std::string_view text);

}  // namespace conflictctl::aws
