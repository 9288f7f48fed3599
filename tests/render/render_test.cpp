// The pre-rendered station JSON is byte for byte what rendering field by field gives.
#include <gtest/gtest.h>

#include "core/catalog.hpp"
#include "io/dataset.hpp"
#include "render/render.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

TEST(RenderCache, SameBytesAsFieldByFieldOnTheBundledDataset) {
  io::DatasetOptions o;
  o.data = std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg";
  io::Dataset ds = io::load_dataset(o);
  // One station with every character JSON must escape, and one with no hours.
  Station odd = ds.stations.front();
  odd.id = "odd\"id\\\n\t\x01";
  odd.name = "名\"字";
  odd.opening_hours = "";
  ds.stations.push_back(odd);
  const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
  const auto cache = RenderCache::build(catalog);
  const UnixSeconds at = *parse_iso8601("2026-11-25T21:30");
  for (HitKind kind : {HitKind::plain, HitKind::distance, HitKind::route}) {
    Page page;
    for (uint32_t i = 0; i < catalog.size(); ++i) page.hits.push_back({i, 123.4567, 89.5});
    page.total = page.hits.size();
    const std::optional<LonLat> origin =
        kind == HitKind::plain ? std::nullopt : std::optional<LonLat>(LonLat{116.4, 39.9});
    RenderContext plain{catalog, Datum::wgs84, at, origin, kind};
    RenderContext cached = plain;
    cached.cache = cache.get();
    EXPECT_EQ(render_page(plain, page, Format::json, {}),
              render_page(cached, page, Format::json, {}));
    // The cache does not apply (and must not be used) outside WGS84 or with a selection.
    cached.datum = plain.datum = Datum::gcj02;
    EXPECT_EQ(render_page(plain, page, Format::json, {}),
              render_page(cached, page, Format::json, {}));
    cached.datum = plain.datum = Datum::wgs84;
    cached.fields = plain.fields = field_bit(Field::name);
    EXPECT_EQ(render_page(plain, page, Format::json, {}),
              render_page(cached, page, Format::json, {}));
  }
}

}  // namespace
}  // namespace sf
