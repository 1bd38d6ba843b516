#pragma once
// The error names of the deploy library (Error::name); each cause starts with the file it is
// about ("PATH: reason").
#include <string_view>

namespace conflictctl::deploy::error_names {

inline constexpr std::string_view kWriteFailed = "Package.WriteFailed";  // the archive
inline constexpr std::string_view kReadFailed = "Package.ReadFailed";    // an input file
inline constexpr std::string_view kTooLarge = "Package.TooLarge";        // over Lambda's limit
inline constexpr std::string_view kNoLoader = "Package.NoLoader";  // no dynamic loader found

}  // namespace conflictctl::deploy::error_names
