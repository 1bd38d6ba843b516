#pragma once
// The geography of the synthetic data set (conflict/seed.h): fourteen Pennsylvania cities,
// eight zip areas in each, and the distance arithmetic of docs/conflict-rules.md, used to
// place the planted travel conflicts exactly where they must be (a gap one minute under the
// ETA, a distance on a speed-band edge).
//
// Coordinates are whole micro-degrees: "40.123456" in a GPS text is exactly the point the
// generator computed with, because value / 1e6 and strtod("40.123456") both give the double
// nearest to that decimal.
#include <cstdint>
#include <optional>
#include <string_view>

namespace conflictctl::conflict::seed {

struct MicroPoint {
  std::int32_t lat = 0;  // micro-degrees
  std::int32_t lon = 0;

  friend bool operator==(const MicroPoint&, const MicroPoint&) = default;
};

// Which way a city's planted band-edge legs run, so that they stay inside the state.
enum class Heading : std::uint8_t { kNorth, kSouth, kEast, kWest };

struct City {
  std::string_view name;
  std::string_view county;
  MicroPoint center;
  int first_zip;  // the city's zip areas are first_zip … first_zip + kZipsPerCity − 1
  Heading inland;
};

inline constexpr int kCityCount = 14;
inline constexpr int kZipsPerCity = 8;
inline constexpr char kState[] = "PA";

const City& city(int index);

// The centre of zip area `zip_index` (0 … kZipsPerCity − 1) of `city_index`: within about
// 3 miles of the city centre.
MicroPoint zip_center(int city_index, int zip_index);

// ---- the rules' arithmetic (docs/conflict-rules.md "Distance, speed, ETA")

// settings.extra_distance_per of the seeded data set: roads are 20 % longer than the great
// circle.
inline constexpr double kExtraDistancePer = 1.20;

struct MphBand {
  int from_miles;
  int to_miles;  // informational; the rule uses from_miles only
  int avg_mph;
};
// conflict.mph of the seeded data set: no gaps, speed rising with distance.
inline constexpr MphBand kMphBands[] = {{0, 4, 12}, {5, 14, 20}, {15, 29, 30}, {30, 9999, 45}};

// Great-circle metres (haversine, Earth radius 6 371 000 m).
double haversine_m(MicroPoint a, MicroPoint b);

// distance_miles before rounding: haversine / 1609.34 × kExtraDistancePer.
double raw_miles(MicroPoint a, MicroPoint b);

// distance_miles in hundredths, rounded half away from zero; nullopt when the raw distance is
// within 0.1 hundredth of a rounding boundary (an implementation computing through another
// float path could then round the other way, so the generator never relies on such a point).
std::optional<std::int64_t> stable_distance_cents(MicroPoint a, MicroPoint b);

// avg_mph of the band for a distance in hundredths of a mile.
int mph_for(std::int64_t distance_cents);

// eta_minutes in hundredths: round₂(distance / mph × 60), exact integer arithmetic.
std::int64_t eta_cents(std::int64_t distance_cents, int mph);

// A point `heading` of `from` whose stable distance_miles is exactly `distance_cents`
// hundredths; nullopt if no micro-degree point nearby qualifies (never for the distances the
// generator asks for).
std::optional<MicroPoint> point_at_distance(MicroPoint from, Heading heading,
                                            std::int64_t distance_cents);

}  // namespace conflictctl::conflict::seed
