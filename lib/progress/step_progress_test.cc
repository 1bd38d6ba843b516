#include "progress/step_progress.h"

#include <catch2/catch.hpp>

namespace conflictctl::progress {

TEST_CASE("a step's line shows while it runs and settles with its result and time") {
  VirtualClock clock(Timestamp{});
  FakeTerminal terminal;
  StepProgress steps(terminal, clock);
  steps.started("analytics.visit");
  clock.advance_to(Timestamp{Millis{1240}});
  steps.finished("analytics.visit", "20,000 rows");
  steps.started("ANALYZE");
  clock.advance_to(Timestamp{Millis{1540}});
  steps.finished("ANALYZE", "");
  CHECK(terminal.written() ==
        "… analytics.visit\r\033[K✓ analytics.visit  20,000 rows, 1.2 s\n"
        "… ANALYZE\r\033[K✓ ANALYZE  0.3 s\n");
}

}  // namespace conflictctl::progress
