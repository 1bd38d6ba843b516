#include "budget/html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/lambda_limits.h"
#include "asl/defaults.h"
#include "core/number_text.h"
#include "budget/report_tables.h"
#include "budget/worst_case.h"

namespace conflictctl::budget {

namespace {

namespace colour = html_colours;

// Geometry of the chart, in CSS pixels.
constexpr double kWidth = 1340;
constexpr double kLabelWidth = 250;
constexpr double kPlotLeft = kLabelWidth + 10;
constexpr double kPlotRight = kWidth - 20;
constexpr double kTop = 44;  // room for the two line labels
constexpr double kLaneHeight = 26;
constexpr double kAxisHeight = 34;
constexpr std::size_t kLabelChars = 34;

constexpr std::string_view kStyle = R"(
body { font-family: sans-serif; margin: 20px; color: #1f2933; background: #ffffff; }
h1 { font-size: 22px; margin: 0 0 8px 0; }
h2 { font-size: 17px; margin: 26px 0 8px 0; }
ul.heading { margin: 0; padding-left: 18px; font-size: 14px; }
table { border-collapse: collapse; font-size: 13px; margin-bottom: 6px; }
th, td { border: 1px solid #c9d1da; padding: 3px 7px; vertical-align: top; }
th { background: #eef1f5; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
td.zone-safe { background: #d9f2e1; }
td.zone-warning { background: #fdeec8; }
td.zone-over { background: #f9d3d8; }
p.note { font-size: 13px; margin: 2px 0; color: #3e4c59; }
.legend { font-size: 13px; margin: 6px 0 10px 0; }
.legend span.item { margin-right: 16px; white-space: nowrap; }
.legend span.swatch { display: inline-block; width: 8px; height: 8px; margin-right: 5px;
  vertical-align: middle; border: 2px solid #ffffff; outline: 1px solid #c9d1da; }
.legend span.line { display: inline-block; width: 14px; height: 0; margin-right: 5px;
  vertical-align: middle; border-top-width: 2px; }
svg text { font-family: sans-serif; font-size: 12px; fill: #1f2933; }
svg text.small { font-size: 11px; fill: #52606d; }
svg text.inbar { font-size: 10px; fill: #ffffff; }
)";

std::string attr(std::string_view text) { return html_escape(text); }

std::string_view zone_colour(const TimelineBar& bar) {
  if (!bar.zone) return colour::kNoLimit;
  switch (*bar.zone) {
    case engine::Zone::kSafe: return colour::kSafe;
    case engine::Zone::kWarning: return colour::kWarning;
    case engine::Zone::kOver: return colour::kOver;
    case engine::Zone::kFailed: return colour::kOver;
  }
  return colour::kNoLimit;
}

// A "nice" tick step for an axis of `span` seconds: at most about 12 ticks.
double tick_step(double span) {
  static const double kSteps[] = {1,   2,    5,    10,   15,    30,    60,    120,  300,
                                  600, 900,  1800, 3600, 7200,  14400, 21600, 43200, 86400};
  for (double step : kSteps)
    if (span / step <= 12) return step;
  return std::ceil(span / 12 / 86400) * 86400;
}

std::string truncated(const std::string& label) {
  if (display_width(label) <= kLabelChars) return label;
  std::string out;
  std::size_t chars = 0;
  for (char c : label) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++chars > kLabelChars - 1) break;
    out += c;
  }
  return out + "…";
}

std::string bar_title(const Timeline& timeline, const TimelineBar& bar) {
  std::string span = fmt::format("{} → {} ({})", seconds_cell(bar.start), seconds_cell(bar.end),
                                 seconds_cell(bar.end - bar.start));
  const std::string& lane = timeline.lanes[bar.lane].label;
  switch (bar.kind) {
    case BarKind::kState:
      return fmt::format("{}: state {}, {}{}", bar.state, bar.outcome, span,
                         bar.error.empty() ? "" : ", " + bar.error);
    case BarKind::kIteration:
      return fmt::format("{}: iteration {}, {}", lane, bar.outcome, span);
    case BarKind::kBackoff:
      return fmt::format("{}: backoff before attempt {}, {}", bar.state, bar.attempt, span);
    case BarKind::kAttempt: break;
  }
  std::string text = fmt::format("{}: attempt {} {}{}, {}", bar.state, bar.attempt, bar.outcome,
                                 bar.error.empty() ? "" : " (" + bar.error + ")", span);
  if (bar.limit_seconds)
    text += fmt::format("; {} of its {} limit, {}", percent_cell((bar.end - bar.start) / *bar.limit_seconds),
                        seconds_cell(*bar.limit_seconds),
                        bar.zone ? engine::to_string(*bar.zone) : "");
  else
    text += "; no limit";
  return text;
}

// The axis of a chart: the Lambda limit's (at least 900 s, the limit lines shown) or the
// run's own span (at least 1 s; the limit lines only when the run reaches them).
enum class Axis { kLambdaLimit, kRun };

class Chart {
 public:
  Chart(const Timeline& timeline, Axis axis) : timeline_(timeline), axis_(axis) {
    double span = axis == Axis::kRun
                      ? std::max(timeline.total_seconds, 1.0)
                      : std::max(timeline.total_seconds, double{lambda::kMaxTimeoutSeconds});
    step_ = tick_step(span);
    end_ = std::ceil(span / step_) * step_;
    if (end_ < span * 1.02) end_ += step_ / 2;  // keep the last bar and line off the edge
    height_ = kTop + kLaneHeight * static_cast<double>(timeline.lanes.size()) + kAxisHeight;
  }

  std::string render() {
    out_ += fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img" aria-label="Timeline of run {2}{3}">)"
        "\n",
        kWidth, height_, attr(timeline_.run),
        axis_ == Axis::kRun ? ", scaled to the run" : "");
    lanes();
    axis();
    for (const TimelineBar& bar : timeline_.bars)
      if (bar.kind == BarKind::kState || bar.kind == BarKind::kIteration) span(bar);
    for (const TimelineBar& bar : timeline_.bars)
      if (bar.kind == BarKind::kAttempt || bar.kind == BarKind::kBackoff) block(bar);
    limit_lines();
    out_ += "</svg>\n";
    return std::move(out_);
  }

 private:
  double x(double seconds) const {
    return std::round(kPlotLeft + (kPlotRight - kPlotLeft) * seconds / end_);
  }
  double lane_top(std::size_t lane) const {
    return kTop + kLaneHeight * static_cast<double>(lane);
  }
  double plot_bottom() const { return height_ - kAxisHeight; }

  void lanes() {
    for (std::size_t i = 0; i < timeline_.lanes.size(); ++i) {
      const TimelineLane& lane = timeline_.lanes[i];
      if (i % 2 == 0)
        out_ += fmt::format(R"(<rect x="0" y="{}" width="{}" height="{}" fill="#f5f7fa"/>)" "\n",
                            lane_top(i), kWidth, kLaneHeight);
      out_ += fmt::format(R"(<text x="{}" y="{}"><title>{}</title>{}</text>)" "\n",
                          8 + 14 * lane.depth, lane_top(i) + 17, attr(lane.label),
                          attr(truncated(lane.label)));
    }
  }

  void axis() {
    double bottom = plot_bottom();
    out_ += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#52606d" stroke-width="1"/>)" "\n",
                        kPlotLeft, bottom + 0.5, kPlotRight);
    for (double t = 0; t <= end_ + 1e-9; t += step_) {
      double at = x(t);
      out_ += fmt::format(
          R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#e1e6eb" stroke-width="1"/>)" "\n",
          at + 0.5, kTop, bottom);
      out_ += fmt::format(R"(<text class="small" x="{}" y="{}" text-anchor="middle">{}</text>)" "\n",
                          at, bottom + 15, attr(seconds_text(t)));
    }
    out_ += fmt::format(R"(<text class="small" x="{}" y="{}" text-anchor="end">seconds from the execution's start</text>)" "\n",
                        kPlotRight, bottom + 30);
  }

  void span(const TimelineBar& bar) {
    bool iteration = bar.kind == BarKind::kIteration;
    double top = lane_top(bar.lane) + (iteration ? 2 : 3);
    double height = kLaneHeight - (iteration ? 4 : 6);
    out_ += fmt::format(
        R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="1"><title>{}</title></rect>)" "\n",
        x(bar.start), top, std::max(1.0, x(bar.end) - x(bar.start)), height,
        iteration ? "#eef2f7" : "#dfe4ea", iteration ? "#c5cfdb" : "#aab4c0",
        attr(bar_title(timeline_, bar)));
  }

  void block(const TimelineBar& bar) {
    double left = x(bar.start);
    double width = std::max(2.0, x(bar.end) - left);
    if (bar.kind == BarKind::kBackoff) {
      out_ += fmt::format(
          R"(<rect x="{}" y="{}" width="{}" height="6" fill="{}"><title>{}</title></rect>)" "\n",
          left, lane_top(bar.lane) + 10, width, colour::kBackoff, attr(bar_title(timeline_, bar)));
      return;
    }
    bool failed = bar.outcome != "SUCCEEDED";
    out_ += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="14" fill="{}"{}><title>{}</title></rect>)" "\n",
                        left, lane_top(bar.lane) + 6, width, zone_colour(bar),
                        failed ? R"( stroke="#1f2933" stroke-width="1.5" stroke-dasharray="4 2")" : "",
                        attr(bar_title(timeline_, bar)));
    if (failed && width > 64)
      out_ += fmt::format(R"(<text class="inbar" x="{}" y="{}">{}</text>)" "\n", left + 4,
                          lane_top(bar.lane) + 17,
                          bar.outcome == "TIMED_OUT" ? "timed out" : bar.outcome == "ABORTED" ? "aborted" : "failed");
    if (!bar.limit_seconds) return;
    // This invocation's own 80 % and limit.
    tick(bar, bar.start + asl::defaults::kSafeFraction * *bar.limit_seconds,
         colour::kSafeLimitLine);
    tick(bar, bar.start + *bar.limit_seconds, colour::kLimitLine);
  }

  void tick(const TimelineBar& bar, double seconds, std::string_view stroke) {
    if (seconds > end_) return;
    double at = x(seconds);
    out_ += fmt::format(
        R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="2"><title>{4}: {5} of this attempt's {6} limit</title></line>)" "\n",
        at, lane_top(bar.lane) + 3, lane_top(bar.lane) + kLaneHeight - 3, stroke, attr(bar.state),
        stroke == colour::kLimitLine ? "the end" : "80 %", seconds_cell(*bar.limit_seconds));
  }

  void limit_lines() {
    const double lambda_limit = lambda::kMaxTimeoutSeconds;
    if (axis_ == Axis::kRun && lambda_limit > end_) return;
    double warning = x(asl::defaults::kSafeFraction * lambda_limit), limit = x(lambda_limit);
    out_ += fmt::format(
        R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="2" stroke-dasharray="6 4"><title>720 s: 80 % of the 900 s Lambda limit, from the execution's start</title></line>)" "\n",
        warning, kTop - 6, plot_bottom(), colour::kSafeLimitLine);
    out_ += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" style="fill:{}">720 s: 80 % of the 900 s Lambda limit</text>)" "\n",
                        warning - 4, kTop - 26, colour::kSafeLimitLine);
    out_ += fmt::format(
        R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="2"><title>900 s: the Lambda limit, from the execution's start</title></line>)" "\n",
        limit, kTop - 6, plot_bottom(), colour::kLimitLine);
    out_ += fmt::format(R"(<text x="{}" y="{}" style="fill:{}">900 s: Lambda limit</text>)" "\n",
                        limit + 4, kTop - 12, colour::kLimitLine);
  }

  const Timeline& timeline_;
  Axis axis_;
  double step_ = 60;
  double end_ = lambda::kMaxTimeoutSeconds;
  double height_ = 0;
  std::string out_;
};

std::string legend() {
  auto swatch = [](std::string_view fill, std::string_view text) {
    return fmt::format(R"(<span class="item"><span class="swatch" style="background:{}"></span>{}</span>)",
                       fill, text);
  };
  auto line = [](std::string_view stroke, std::string_view style, std::string_view text) {
    return fmt::format(R"(<span class="item"><span class="line" style="border-top:2px {} {}"></span>{}</span>)",
                       style, stroke, text);
  };
  return R"(<div class="legend">)" + swatch(colour::kSafe, "attempt, safe (&lt; 80 % of its limit)") +
         swatch(colour::kWarning, "warning (80–100 %)") + swatch(colour::kOver, "over (fails)") +
         swatch(colour::kNoLimit, "no limit") + swatch(colour::kBackoff, "backoff before a retry") +
         swatch("#dfe4ea", "state") + swatch("#eef2f7", "Map iteration") +
         line(colour::kSafeLimitLine, "dashed", "720 s: 80 % of the 900 s Lambda limit") +
         line(colour::kLimitLine, "solid", "900 s: Lambda limit") +
         "<br>Short ticks on a lane mark that attempt's own 80 % and limit, from its start. "
         "A dashed outline marks a failed, timed-out or aborted attempt. Hover a bar for its "
         "details.</div>\n";
}

std::string zone_class(const std::string& cell) {
  if (cell == "safe" || cell == "warning" || cell == "over") return " class=\"zone-" + cell + "\"";
  return "";
}

std::string table_html(const ReportTable& table) {
  std::string out = fmt::format("<h2 id=\"{}\">{}</h2>\n<table>\n<tr>", attr(table.id),
                                attr(table.title));
  for (const std::string& column : table.columns) out += "<th>" + attr(column) + "</th>";
  out += "</tr>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string cls = zone_class(row[c]);
      if (cls.empty() && table.numeric[c]) cls = " class=\"num\"";
      out += "<td" + cls + ">" + attr(row[c]) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</table>\n";
  for (const std::string& note : table.notes) out += "<p class=\"note\">" + attr(note) + "</p>\n";
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_html(const BudgetReport& report) {
  auto heading = report_heading(report);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>" + attr(heading.front()) + "</title>\n<style>" + std::string(kStyle) +
         "</style>\n</head>\n<body>\n";
  out += "<h1>" + attr(heading.front()) + "</h1>\n<ul class=\"heading\">\n";
  for (std::size_t i = 1; i < heading.size(); ++i) out += "<li>" + attr(heading[i]) + "</li>\n";
  out += "</ul>\n";
  if (report.timeline) {
    out += fmt::format("<h2 id=\"timeline\">Timeline of run {} ({}, {})</h2>\n",
                       attr(report.timeline->run), attr(report.timeline->status),
                       attr(seconds_cell(report.timeline->total_seconds)));
    out += legend();
    out += Chart(*report.timeline, Axis::kLambdaLimit).render();
    if (report.timeline->total_seconds < kRunScaledBelow) {
      out += fmt::format(
          "<h3 id=\"timeline-run\">The same run scaled to itself (0 to {})</h3>\n",
          attr(seconds_cell(report.timeline->total_seconds)));
      out += Chart(*report.timeline, Axis::kRun).render();
    }
  } else {
    out += "<h2 id=\"timeline\">Timeline</h2>\n<p class=\"note\">No run recorded: nothing to "
           "draw.</p>\n";
  }
  for (const ReportTable& table : report_tables(report)) out += table_html(table);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace conflictctl::budget
