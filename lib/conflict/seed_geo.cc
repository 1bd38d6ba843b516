#include "conflict/seed_geo.h"

#include <cmath>

namespace conflictctl::conflict::seed {

namespace {

constexpr double kEarthRadiusM = 6371000.0;
constexpr double kMetresPerMile = 1609.34;
constexpr double kPi = 3.14159265358979323846;
constexpr double kRadiansPerMicroDegree = kPi / 180.0 / 1e6;

// Centres rounded to the micro-degree; Erie's is moved a little inland, off the lake.
constexpr City kCities[kCityCount] = {
    {"Philadelphia", "Philadelphia", {39952600, -75165200}, 19102, Heading::kWest},
    {"Pittsburgh", "Allegheny", {40440600, -79995900}, 15201, Heading::kEast},
    {"Allentown", "Lehigh", {40608400, -75490200}, 18101, Heading::kWest},
    {"Erie", "Erie", {42100000, -80085100}, 16501, Heading::kSouth},
    {"Reading", "Berks", {40335600, -75926900}, 19601, Heading::kWest},
    {"Scranton", "Lackawanna", {41409000, -75662400}, 18503, Heading::kSouth},
    {"Lancaster", "Lancaster", {40037900, -76305500}, 17601, Heading::kNorth},
    {"Harrisburg", "Dauphin", {40273200, -76886700}, 17101, Heading::kNorth},
    {"York", "York", {39962600, -76727700}, 17401, Heading::kNorth},
    {"State College", "Centre", {40793400, -77860000}, 16801, Heading::kEast},
    {"Altoona", "Blair", {40518700, -78394700}, 16601, Heading::kEast},
    {"Williamsport", "Lycoming", {41241200, -77001100}, 17701, Heading::kSouth},
    {"Johnstown", "Cambria", {40326700, -78922000}, 15901, Heading::kEast},
    {"Wilkes-Barre", "Luzerne", {41245900, -75881300}, 18701, Heading::kWest},
};

double radians(std::int32_t micro_degrees) { return micro_degrees * kRadiansPerMicroDegree; }

}  // namespace

const City& city(int index) { return kCities[index]; }

MicroPoint zip_center(int city_index, int zip_index) {
  const MicroPoint c = kCities[city_index].center;
  // Eight areas on a scattered 8 × 8 lattice around the centre: ±0.0385° lat, ±0.0455° lon.
  std::int32_t lat = ((zip_index * 3) % kZipsPerCity * 2 - 7) * 5500;
  std::int32_t lon = ((zip_index * 5) % kZipsPerCity * 2 - 7) * 6500;
  return {c.lat + lat, c.lon + lon};
}

double haversine_m(MicroPoint a, MicroPoint b) {
  double phi1 = radians(a.lat), phi2 = radians(b.lat);
  double dphi = radians(b.lat - a.lat), dlambda = radians(b.lon - a.lon);
  double s1 = std::sin(dphi / 2), s2 = std::sin(dlambda / 2);
  double h = s1 * s1 + std::cos(phi1) * std::cos(phi2) * s2 * s2;
  return 2 * kEarthRadiusM * std::asin(std::sqrt(h));
}

double raw_miles(MicroPoint a, MicroPoint b) {
  return haversine_m(a, b) / kMetresPerMile * kExtraDistancePer;
}

std::optional<std::int64_t> stable_distance_cents(MicroPoint a, MicroPoint b) {
  double hundredths = raw_miles(a, b) * 100;
  double fraction = hundredths - std::floor(hundredths);
  if (std::fabs(fraction - 0.5) < 0.1) return std::nullopt;
  return static_cast<std::int64_t>(std::floor(hundredths + 0.5));
}

int mph_for(std::int64_t distance_cents) {
  int mph = kMphBands[0].avg_mph;
  for (const MphBand& band : kMphBands)
    if (band.from_miles * 100LL <= distance_cents) mph = band.avg_mph;
  return mph;
}

std::int64_t eta_cents(std::int64_t distance_cents, int mph) {
  return (distance_cents * 60 * 2 + mph) / (2LL * mph);
}

std::optional<MicroPoint> point_at_distance(MicroPoint from, Heading heading,
                                            std::int64_t distance_cents) {
  double metres = static_cast<double>(distance_cents) / 100 / kExtraDistancePer * kMetresPerMile;
  double angle = metres / kEarthRadiusM;  // radians along a meridian
  bool along_meridian = heading == Heading::kNorth || heading == Heading::kSouth;
  if (!along_meridian) angle = 2 * std::asin(std::sin(angle / 2) / std::cos(radians(from.lat)));
  auto offset = static_cast<std::int32_t>(std::lround(angle / kRadiansPerMicroDegree));
  int sign = heading == Heading::kSouth || heading == Heading::kWest ? -1 : 1;
  // The estimate is within a micro-degree or two; look around it, nearest first.
  for (std::int32_t step = 0; step <= 400; ++step) {
    for (std::int32_t delta : {step, -step}) {
      std::int32_t d = sign * (offset + delta);
      MicroPoint to =
          along_meridian ? MicroPoint{from.lat + d, from.lon} : MicroPoint{from.lat, from.lon + d};
      if (stable_distance_cents(from, to) == distance_cents) return to;
      if (step == 0) break;
    }
  }
  return std::nullopt;
}

}  // namespace conflictctl::conflict::seed
