#include "render/render_coverage.hpp"

#include <cmath>

namespace sf {

namespace {

std::string num(double v, int decimals) {
  JsonWriter w;
  w.number(v, decimals);
  return w.take();
}

// CSV text field: quoted when it holds a comma, quote or line break.
std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void write_position(JsonWriter& w, LonLat p, Datum datum) {
  const LonLat q = from_wgs84(p, datum);
  w.begin_array().number(q.lon, 6).number(q.lat, 6).end_array();
}

bool by_walk(const CoverageEcho& e) {
  return e.options.distance == Distance::walk;
}

const char* distance_name(const CoverageEcho& e) {
  return by_walk(e) ? "walk" : "straight";
}

// By walk, the uncovered area includes the cells off the network (off_network_area_m2).
void write_summary(JsonWriter& w, const CoverageSummary& s, bool walk) {
  w.key("region_area_m2").number(s.region_area_m2, 0);
  w.key("covered_area_m2").number(s.covered_area_m2, 0);
  w.key("uncovered_area_m2").number(s.uncovered_area_m2, 0);
  w.key("covered_pct").number(s.covered_pct, 2);
  w.key("off_network_area_m2");
  walk ? w.number(s.off_network_area_m2, 0) : w.null();
}

void write_demand(JsonWriter& w, const std::optional<io::DemandSummary>& d) {
  w.key("demand");
  if (!d) {
    w.null();
    return;
  }
  w.begin_object();
  w.field("points", static_cast<uint64_t>(d->points));
  w.key("weight").number(d->weight, 3);
  w.key("covered_weight").number(d->covered_weight, 3);
  w.key("covered_pct").number(d->covered_pct, 2);
  w.end_object();
}

std::string params_csv_header() {
  return "region,radius_m,cell_m,min_stations,at,crs,dataset_version,stations_counted,distance";
}

std::string params_csv(const CoverageEcho& e) {
  return csv_text(e.region) + "," + num(e.options.radius_m, 3) + "," + num(e.options.cell_m, 3) +
         "," + std::to_string(e.options.min_stations) + "," + (e.at ? format_shanghai(*e.at) : "") +
         "," + std::string(datum_name(e.datum)) + "," + e.dataset_version + "," +
         std::to_string(e.stations_counted) + "," + distance_name(e);
}

std::string demand_csv(const std::optional<io::DemandSummary>& d) {
  if (!d) return ",";
  return num(d->weight, 3) + "," + num(d->covered_pct, 2);
}

}  // namespace

void write_parameters(JsonWriter& w, const CoverageEcho& e) {
  w.key("parameters").begin_object();
  w.field("region", e.region);
  w.key("radius_m").number(e.options.radius_m, 3);
  w.key("cell_m").number(e.options.cell_m, 3);
  w.field("min_stations", e.options.min_stations);
  w.field("distance", distance_name(e));
  w.key("network_version");
  e.network_version.empty() ? w.null() : w.value(e.network_version);
  w.key("walk_speed_kmh").number(e.walk_speed_kmh, 3);
  w.key("at");
  if (e.at) {
    w.value(format_shanghai(*e.at));
  } else {
    w.null();
  }
  w.field("crs", datum_name(e.datum));
  w.field("dataset_version", e.dataset_version);
  w.field("stations_counted", static_cast<uint64_t>(e.stations_counted));
  w.field("stations_added", static_cast<uint64_t>(e.stations_added));
  w.field("stations_removed", static_cast<uint64_t>(e.stations_removed));
  w.key("exclusion");
  e.exclusion.empty() ? w.null() : w.value(e.exclusion);
  w.key("demand");
  e.demand.empty() ? w.null() : w.value(e.demand);
  w.end_object();
}

std::string render_gaps(const CoverageEcho& echo, const io::CoverageStudy& study, Format format) {
  const bool with_geometry = format == Format::geojson;
  JsonWriter w;
  w.begin_object();
  if (with_geometry) w.field("type", "FeatureCollection");
  write_parameters(w, echo);
  w.key("summary").begin_object();
  write_summary(w, study.summary, by_walk(echo));
  w.field("gap_count", static_cast<uint64_t>(study.gaps.size()));
  double largest = 0;
  for (const io::Gap& g : study.gaps) largest = std::max(largest, g.area_m2);
  w.key("largest_gap_m2").number(largest, 0);
  write_demand(w, study.demand);
  w.end_object();
  w.key(with_geometry ? "features" : "gaps").begin_array();
  for (const io::Gap& g : study.gaps) {
    w.begin_object();
    if (with_geometry) {
      w.field("type", "Feature").field("id", static_cast<uint64_t>(g.id));
      w.key("geometry").begin_object().field("type", "Polygon").key("coordinates").begin_array();
      for (const Ring& ring : g.rings) {
        w.begin_array();
        for (const LonLat& p : ring) write_position(w, p, echo.datum);
        w.end_array();
      }
      w.end_array().end_object();
      w.key("properties").begin_object();
    } else {
      w.field("id", static_cast<uint64_t>(g.id));
    }
    w.key("area_m2").number(g.area_m2, 0);
    w.key("district");
    g.district ? w.value(g.district->name) : w.null();
    w.key("district_en");
    g.district && !g.district->name_en.empty() ? w.value(g.district->name_en) : w.null();
    w.key("farthest_point");
    write_position(w, g.farthest, echo.datum);
    w.key("farthest_m").number(g.farthest_m >= 0 ? g.farthest_m : NAN, 1);
    w.key("uncovered_demand");
    study.demand ? w.number(g.uncovered_demand, 3) : w.null();
    if (with_geometry) w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

std::string render_gaps_summary_csv(const CoverageEcho& echo, const io::CoverageStudy& study) {
  double largest = 0;
  for (const io::Gap& g : study.gaps) largest = std::max(largest, g.area_m2);
  const CoverageSummary& s = study.summary;
  return params_csv_header() +
         ",region_area_m2,covered_area_m2,uncovered_area_m2,covered_pct,gap_count,"
         "largest_gap_m2,demand_weight,demand_covered_pct\n" +
         params_csv(echo) + "," + num(s.region_area_m2, 0) + "," + num(s.covered_area_m2, 0) + "," +
         num(s.uncovered_area_m2, 0) + "," + num(s.covered_pct, 2) + "," +
         std::to_string(study.gaps.size()) + "," + num(largest, 0) + "," +
         demand_csv(study.demand) + "\n";
}

std::string render_district_report(const CoverageEcho& echo, const std::vector<DistrictRow>& rows,
                                   Format format) {
  auto per_km2 = [](const DistrictRow& r) {
    return r.summary.region_area_m2 > 0
               ? static_cast<double>(r.stations) / (r.summary.region_area_m2 / 1e6)
               : 0.0;
  };
  if (format == Format::csv) {
    std::string out =
        "district,district_en,area_km2,stations,stations_per_km2,covered_pct,uncovered_km2,"
        "demand_weight,demand_covered_pct," +
        params_csv_header() + "\n";
    for (const DistrictRow& r : rows) {
      out += csv_text(r.name) + "," + csv_text(r.name_en) + "," +
             num(r.summary.region_area_m2 / 1e6, 3) + "," + std::to_string(r.stations) + "," +
             num(per_km2(r), 3) + "," + num(r.summary.covered_pct, 2) + "," +
             num(r.summary.uncovered_area_m2 / 1e6, 3) + "," + demand_csv(r.demand) + "," +
             params_csv(echo) + "\n";
    }
    return out;
  }
  JsonWriter w;
  w.begin_object();
  write_parameters(w, echo);
  w.key("districts").begin_array();
  for (const DistrictRow& r : rows) {
    w.begin_object().field("district", r.name).field("district_en", r.name_en);
    w.key("area_km2").number(r.summary.region_area_m2 / 1e6, 3);
    w.field("stations", static_cast<uint64_t>(r.stations));
    w.key("stations_per_km2").number(per_km2(r), 3);
    w.key("covered_pct").number(r.summary.covered_pct, 2);
    w.key("uncovered_km2").number(r.summary.uncovered_area_m2 / 1e6, 3);
    w.key("off_network_km2");
    by_walk(echo) ? w.number(r.summary.off_network_area_m2 / 1e6, 3) : w.null();
    w.key("demand_covered_pct");
    r.demand ? w.number(r.demand->covered_pct, 2) : w.null();
    write_demand(w, r.demand);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string render_profile(const CoverageEcho& echo, const std::string& district,
                           const std::string& date, const std::vector<ProfileHour>& hours,
                           Format format) {
  if (format == Format::csv) {
    std::string out =
        "district,date,hour,stations_open,covered_pct,uncovered_km2,"
        "demand_weight,demand_covered_pct," +
        params_csv_header() + "\n";
    for (const ProfileHour& h : hours) {
      out += csv_text(district) + "," + date + "," + std::to_string(h.hour) + "," +
             std::to_string(h.stations_open) + "," + num(h.summary.covered_pct, 2) + "," +
             num(h.summary.uncovered_area_m2 / 1e6, 3) + "," + demand_csv(h.demand) + "," +
             params_csv(echo) + "\n";
    }
    return out;
  }
  JsonWriter w;
  w.begin_object();
  write_parameters(w, echo);
  w.field("district", district).field("date", date);
  w.key("hours").begin_array();
  for (const ProfileHour& h : hours) {
    w.begin_object().field("hour", h.hour);
    w.field("stations_open", static_cast<uint64_t>(h.stations_open));
    w.key("covered_pct").number(h.summary.covered_pct, 2);
    w.key("uncovered_km2").number(h.summary.uncovered_area_m2 / 1e6, 3);
    w.key("demand_covered_pct");
    h.demand ? w.number(h.demand->covered_pct, 2) : w.null();
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

namespace {

std::string suggestions_csv(const CoverageEcho& echo, const SitingResult& result,
                            const std::vector<Candidate>& candidates, const char* unit) {
  std::string out =
      "list,rank,lon,lat,candidate_id,name,host_type,objective,gain,cumulative,"
      "cumulative_pct," +
      params_csv_header() + "\n";
  auto rows = [&](const char* list, const std::vector<SitingPick>& picks) {
    for (size_t i = 0; i < picks.size(); ++i) {
      const Candidate& c = candidates[picks[i].candidate];
      const LonLat p = from_wgs84(c.position, echo.datum);
      out += std::string(list) + "," + std::to_string(i + 1) + "," + num(p.lon, 6) + "," +
             num(p.lat, 6) + "," + csv_text(c.id) + "," + csv_text(c.name) + "," +
             csv_text(c.host_type) + "," + unit + "," + num(picks[i].gain, 3) + "," +
             num(picks[i].cumulative, 3) + "," + num(picks[i].cumulative_pct, 2) + "," +
             params_csv(echo) + "\n";
    }
  };
  rows("max_cover", result.picks);
  rows("set_cover", result.set_cover);
  return out;
}

void write_pick_members(JsonWriter& w, const Candidate& c, const SitingPick& p, size_t rank) {
  w.field("rank", static_cast<uint64_t>(rank));
  w.key("candidate_id");
  c.id.empty() ? w.null() : w.value(c.id);
  w.key("name");
  c.name.empty() ? w.null() : w.value(c.name);
  w.key("host_type");
  c.host_type.empty() ? w.null() : w.value(c.host_type);
  w.key("gain").number(p.gain, 3);
  w.key("cumulative").number(p.cumulative, 3);
  w.key("cumulative_pct").number(p.cumulative_pct, 2);
}

// The picks in order, as GeoJSON Features or as objects with a position.
void write_pick_list(JsonWriter& w, const std::vector<SitingPick>& picks,
                     const std::vector<Candidate>& candidates, Datum datum, bool features) {
  w.begin_array();
  for (size_t i = 0; i < picks.size(); ++i) {
    const Candidate& c = candidates[picks[i].candidate];
    w.begin_object();
    if (features) {
      w.field("type", "Feature");
      w.key("geometry").begin_object().field("type", "Point").key("coordinates");
      write_position(w, c.position, datum);
      w.end_object();
      w.key("properties").begin_object();
      write_pick_members(w, c, picks[i], i + 1);
      w.end_object();
    } else {
      w.key("position");
      write_position(w, c.position, datum);
      write_pick_members(w, c, picks[i], i + 1);
    }
    w.end_object();
  }
  w.end_array();
}

void write_before(JsonWriter& w, const SitingResult& result, bool walk) {
  w.key("before").begin_object();
  write_summary(w, result.before, walk);
  w.key("objective_total").number(result.problem.total, 3);
  w.key("objective_covered").number(result.problem.covered_before, 3);
  w.key("objective_covered_pct")
      .number(
          result.problem.total > 0 ? 100 * result.problem.covered_before / result.problem.total : 0,
          2);
  w.end_object();
}

}  // namespace

std::string render_suggestions(const CoverageEcho& echo, const SitingResult& result,
                               const std::vector<Candidate>& candidates,
                               std::optional<double> target_pct, Format format) {
  const char* unit = result.by_demand ? "demand" : "area_m2";
  if (format == Format::csv) return suggestions_csv(echo, result, candidates, unit);
  const bool geojson = format == Format::geojson;
  JsonWriter w;
  w.begin_object();
  if (geojson) w.field("type", "FeatureCollection");
  write_parameters(w, echo);
  w.field("objective", unit);
  w.field("candidates", static_cast<uint64_t>(candidates.size()));
  write_before(w, result, by_walk(echo));
  w.field("guarantee",
          "greedy maximal covering reaches at least 63.2 % (1 - 1/e) of the best possible "
          "newly covered objective for k sites; greedy set cover uses at most H(m) ≈ ln m + 1 "
          "times the fewest sites");
  w.key(geojson ? "features" : "picks");
  write_pick_list(w, result.picks, candidates, echo.datum, geojson);
  w.key("set_cover");
  if (target_pct) {
    w.begin_object();
    w.key("target_pct").number(*target_pct, 3);
    w.field("reached", result.target_reached);
    w.field("sites", static_cast<uint64_t>(result.set_cover.size()));
    w.key("picks");
    write_pick_list(w, result.set_cover, candidates, echo.datum, false);
    w.end_object();
  } else {
    w.null();
  }
  w.end_object();
  return w.take();
}

}  // namespace sf
