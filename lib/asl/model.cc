#include "asl/model.h"

namespace conflictctl::asl {

std::string_view to_string(StateType type) {
  switch (type) {
    case StateType::kPass: return "Pass";
    case StateType::kTask: return "Task";
    case StateType::kChoice: return "Choice";
    case StateType::kWait: return "Wait";
    case StateType::kSucceed: return "Succeed";
    case StateType::kFail: return "Fail";
    case StateType::kParallel: return "Parallel";
    case StateType::kMap: return "Map";
  }
  return "Pass";
}

}  // namespace conflictctl::asl

namespace conflictctl::asl {

std::string_view to_string(QueryLanguage language) {
  return language == QueryLanguage::kJsonata ? "JSONata" : "JSONPath";
}

}  // namespace conflictctl::asl
