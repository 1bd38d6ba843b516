#pragma once
// Text forms of the seeded values, as COPY … FROM STDIN (text format) reads them, written
// without allocation where it matters: the visit table alone has 34 columns × 1,000,000 rows.
// Each function appends to `out` (callers reuse one string per cell).
#include <cstdint>
#include <string>

namespace conflictctl::conflict::seed {

// A version-4-shaped UUID ("xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx", lower case) that is a pure
// function of (seed, stream, index): ids of different streams or indices differ (barring a
// 2⁻¹²² collision), and an id can be recomputed from its index without any state.
void append_uuid(std::string& out, std::uint64_t seed, std::uint64_t stream, std::uint64_t index);
std::string make_uuid(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

// A version-7-shaped UUID ("xxxxxxxx-xxxx-7xxx-8xxx-xxxxxxxxxxxx") whose first 48 bits are a
// per-(seed, stream) base plus `index`, like the time-ordered UUIDv7 or SQL Server's sequential
// GUIDs: ids of one stream sort (as text) in index order. The rows are generated in that order,
// so PostgreSQL builds the indexes on them from presorted input, several times faster.
// Distinct from every make_uuid id (the version digit differs).
void append_sequential_uuid(std::string& out, std::uint64_t seed, std::uint64_t stream,
                            std::uint64_t index);
std::string make_sequential_uuid(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

// Seconds since 1970-01-01 (UTC wall time) as "YYYY-MM-DD HH:MM:SS".
void append_timestamp(std::string& out, std::int64_t seconds);
// Days since 1970-01-01 as "YYYY-MM-DD".
void append_date(std::string& out, std::int32_t days);
// Micro-degrees as a decimal with six places: -75165200 → "-75.165200".
void append_micro_degrees(std::string& out, std::int32_t micro);
// Hundredths as a decimal with two places: 1234 → "12.34".
void append_cents(std::string& out, std::int64_t cents);
void append_int(std::string& out, std::int64_t value);

// Id streams (the `stream` argument of make_uuid and stream_seed); fixed so that ids keep
// their values when a new stream is added.
namespace streams {
inline constexpr std::uint64_t kProvider = 1, kPayer = 2, kContract = 3, kOffice = 4, kPatient = 5,
                               kProviderPatient = 6, kPayerPatient = 7, kCaregiver = 8,
                               kServiceCode = 9, kVisit = 10, kDeletedVisit = 11, kInservice = 12,
                               kAbsence = 13, kPersonPlan = 14, kPersonDays = 15, kPersonSide = 16,
                               kPatientPlan = 17, kSsn = 18;
}  // namespace streams

}  // namespace conflictctl::conflict::seed
