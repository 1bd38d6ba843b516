#include "jsonata/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <fmt/format.h>

namespace conflictctl::jsonata {

Result<std::shared_ptr<const Regex>> Regex::compile(std::string_view pattern,
                                                   std::string_view flags) {
  std::uint32_t options = PCRE2_UTF | PCRE2_ALT_BSUX | PCRE2_MATCH_UNSET_BACKREF |
                          PCRE2_DOLLAR_ENDONLY;
  for (char flag : flags) {
    if (flag == 'i') options |= PCRE2_CASELESS;
    if (flag == 'm') options |= PCRE2_MULTILINE;
  }
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
  pcre2_set_max_pattern_length(context, 100'000);
  pcre2_set_parens_nest_limit(context, 200);
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   options, &error_code, &error_offset, context);
  pcre2_compile_context_free(context);
  if (code == nullptr) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(error_code, buffer, sizeof buffer);
    return Error{"S0303", fmt::format("Invalid regular expression /{}/: {} at offset {}", pattern,
                                      reinterpret_cast<const char*>(buffer), error_offset)};
  }
  std::shared_ptr<Regex> regex(new Regex());
  regex->source_ = std::string(pattern);
  regex->code_ = code;
  return std::shared_ptr<const Regex>(std::move(regex));
}

Regex::~Regex() { pcre2_code_free(static_cast<pcre2_code*>(code_)); }

Result<std::optional<Regex::Match>> Regex::find(std::string_view subject, std::size_t from) const {
  auto* code = static_cast<pcre2_code*>(code_);
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(code, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  pcre2_set_match_limit(context, kRegexMatchLimit);
  pcre2_set_depth_limit(context, 10'000);
  const int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(),
                             from, 0, data, context);
  pcre2_match_context_free(context);
  if (rc == PCRE2_ERROR_NOMATCH) {
    pcre2_match_data_free(data);
    return std::optional<Match>();
  }
  if (rc < 0) {
    pcre2_match_data_free(data);
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(rc, buffer, sizeof buffer);
    return Error{"D1005", fmt::format("Regular expression /{}/ could not be matched: {}", source_,
                                      reinterpret_cast<const char*>(buffer))};
  }
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
  const std::uint32_t pairs = pcre2_get_ovector_count(data);
  std::uint32_t groups = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
  Match match;
  match.start = ovector[0];
  match.end = ovector[1];
  for (std::uint32_t i = 1; i <= groups; ++i) {
    if (i < pairs && ovector[2 * i] != PCRE2_UNSET) {
      match.groups.emplace_back(
          std::string(subject.substr(ovector[2 * i], ovector[2 * i + 1] - ovector[2 * i])));
    } else {
      match.groups.emplace_back(std::nullopt);
    }
  }
  pcre2_match_data_free(data);
  return std::optional<Match>(std::move(match));
}

}  // namespace conflictctl::jsonata
