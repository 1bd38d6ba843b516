#include "jsonata/signature.h"

#include <fmt/format.h>

namespace conflictctl::jsonata {
namespace {

std::size_t closing(std::string_view text, std::size_t open, char open_char, char close_char) {
  int depth = 1;
  std::size_t i = open;
  while (i + 1 < text.size()) {
    ++i;
    if (text[i] == close_char) {
      if (--depth == 0) break;
    } else if (text[i] == open_char) {
      ++depth;
    }
  }
  return i;
}

// Matches params[p…] against supplied[s…] to the end; fills `parts`. Greedy with
// backtracking, as a JavaScript regular expression of the same shape.
bool match_from(const std::vector<Signature::Param>& params, std::size_t p,
                std::string_view supplied, std::size_t s, std::vector<std::string>& parts) {
  if (p == params.size()) return s == supplied.size();
  const Signature::Param& param = params[p];
  std::size_t most = 0;
  while (s + most < supplied.size() &&
         param.allowed.find(supplied[s + most]) != std::string::npos) {
    ++most;
    if (param.quantifier != '+') break;
  }
  const std::size_t least = param.quantifier == 0 || param.quantifier == '+' ? 1 : 0;
  if (param.quantifier == '?' && most > 1) most = 1;
  for (std::size_t n = most + 1; n-- > least;) {
    if (n > most) continue;
    parts[p] = std::string(supplied.substr(s, n));
    if (match_from(params, p + 1, supplied, s + n, parts)) return true;
  }
  return false;
}

// Longest prefix of supplied[s…] that params[0…upto) can match (anchored at the start only).
std::optional<std::size_t> prefix_match(const std::vector<Signature::Param>& params, std::size_t p,
                                        std::size_t upto, std::string_view supplied,
                                        std::size_t s) {
  if (p == upto) return s;
  const Signature::Param& param = params[p];
  std::size_t most = 0;
  while (s + most < supplied.size() &&
         param.allowed.find(supplied[s + most]) != std::string::npos) {
    ++most;
    if (param.quantifier != '+') break;
  }
  const std::size_t least = param.quantifier == 0 || param.quantifier == '+' ? 1 : 0;
  for (std::size_t n = most + 1; n-- > least;) {
    if (n > most) continue;
    if (auto end = prefix_match(params, p + 1, upto, supplied, s + n)) return end;
  }
  return std::nullopt;
}

}  // namespace

Result<Signature> Signature::parse(std::string_view text) {
  Signature signature;
  signature.text = std::string(text);
  Param param;
  Param* previous = nullptr;
  auto next = [&] {
    signature.params.push_back(param);
    previous = &signature.params.back();
    param = Param{};
  };
  for (std::size_t position = 1; position < text.size(); ++position) {
    const char symbol = text[position];
    if (symbol == ':') break;
    switch (symbol) {
      case 's': case 'n': case 'b': case 'l': case 'o':
        param.allowed = std::string(1, symbol) + "m";
        param.type = symbol;
        next();
        break;
      case 'a':
        param.allowed = "asnblfom";
        param.type = 'a';
        next();
        break;
      case 'f':
        param.allowed = "f";
        param.type = 'f';
        next();
        break;
      case 'j':
        param.allowed = "asnblom";
        param.type = 'j';
        next();
        break;
      case 'x':
        param.allowed = "asnblfom";
        param.type = 'x';
        next();
        break;
      case '-':
        if (previous != nullptr) {
          previous->context = true;
          previous->quantifier = '?';
        }
        break;
      case '?':
      case '+':
        if (previous != nullptr) previous->quantifier = symbol;
        break;
      case '(': {
        const std::size_t end = closing(text, position, '(', ')');
        const std::string_view choice = text.substr(position + 1, end - position - 1);
        if (choice.find('<') != std::string_view::npos) {
          return Error{"S0402", fmt::format(
              "Choice groups containing parameterized types are not supported@{}", position)};
        }
        param.allowed = std::string(choice) + "m";
        param.type = '(';
        position = end;
        next();
        break;
      }
      case '<': {
        if (previous == nullptr || (previous->type != 'a' && previous->type != 'f')) {
          return Error{"S0401", fmt::format(
              "Type parameters can only be applied to functions and arrays@{}", position)};
        }
        const std::size_t end = closing(text, position, '<', '>');
        previous->subtype = std::string(text.substr(position + 1, end - position - 1));
        position = end;
        break;
      }
      default:
        break;
    }
  }
  return signature;
}

std::optional<std::vector<std::string>> Signature::match(std::string_view supplied) const {
  std::vector<std::string> parts(params.size());
  if (!match_from(params, 0, supplied, 0, parts)) return std::nullopt;
  return parts;
}

std::size_t Signature::matched_prefix(std::string_view supplied) const {
  std::size_t good = 0;
  for (std::size_t upto = 1; upto <= params.size(); ++upto) {
    const std::optional<std::size_t> end = prefix_match(params, 0, upto, supplied, 0);
    if (!end) return good;
    good = *end;
  }
  return good;
}

}  // namespace conflictctl::jsonata
