#include "core/station_queryables.hpp"

#include "core/time.hpp"

namespace sf {

namespace {
enum Property : uint32_t {
  kId,
  kName,
  kHostType,
  kAmenities,
  kOpeningHours,
  kAddress,
  kDistrict,
  kDistrictEn,
  kPhone,
  kUpdatedAt,
  kGeometry,
};

cql2::Value text_value(std::string_view text, bool empty_is_null = true) {
  cql2::Value v;
  v.type = cql2::Type::string;
  v.null = empty_is_null && text.empty();
  v.text = text;
  return v;
}
}  // namespace

const std::vector<cql2::Queryable>& station_queryables() {
  using cql2::Type;
  static const std::vector<cql2::Queryable> all = {
      {"id", Type::string, "the station's id"},
      {"name", Type::string, "its name"},
      {"host_type", Type::string, "who hosts it (bank, supermarket, …)"},
      {"amenities", Type::strings, "what it offers (water, toilet, …)"},
      {"opening_hours", Type::string, "its opening hours, as OpenStreetMap writes them"},
      {"address", Type::string, "its address"},
      {"district", Type::string, "its district's name"},
      {"district_en", Type::string, "its district's English name"},
      {"phone", Type::string, "its phone number"},
      {"updated_at", Type::instant, "when its record last changed"},
      {"geometry", Type::point, "where it is (CRS84)"},
  };
  return all;
}

cql2::Value station_value(const StationView& s, uint32_t property) {
  cql2::Value v;
  switch (property) {
    case kId:
      return text_value(s.id, false);
    case kName:
      return text_value(s.name);
    case kHostType:
      return text_value(host_type_name(s.host_type), false);
    case kOpeningHours:
      return text_value(s.opening_hours);
    case kAddress:
      return text_value(s.address);
    case kDistrict:
      return text_value(s.district);
    case kDistrictEn:
      return text_value(s.district_en);
    case kPhone:
      return text_value(s.phone);
    case kAmenities:
      v.type = cql2::Type::strings;
      v.null = false;
      v.strings = amenity_names(s.amenities);
      return v;
    case kUpdatedAt:
      v.type = cql2::Type::instant;
      if (const auto t = parse_iso8601(s.updated_at)) {
        v.null = false;
        v.time = {static_cast<double>(*t), static_cast<double>(*t)};
      }
      return v;
    case kGeometry:
      v.type = cql2::Type::point;
      v.null = false;
      v.point = s.position;
      return v;
    default:
      return v;
  }
}

}  // namespace sf
