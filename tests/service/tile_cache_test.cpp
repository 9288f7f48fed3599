// The tile cache: least recently used out first, bounded in bytes, a replaced key counted once.
#include <gtest/gtest.h>

#include "service/tile_cache.hpp"

namespace sf {
namespace {

std::shared_ptr<const std::string> tile(size_t bytes, char c = 'x') {
  return std::make_shared<const std::string>(bytes, c);
}

TEST(TileCache, KeepsTheMostRecentWithinItsBytes) {
  TileCache cache(3 * (1000 + 1 + 64));  // room for three 1,000-byte tiles with one-letter keys
  cache.put("a", tile(1000, 'a'));
  cache.put("b", tile(1000, 'b'));
  cache.put("c", tile(1000, 'c'));
  EXPECT_EQ(cache.entries(), 3u);
  ASSERT_NE(cache.get("a"), nullptr);  // a is now the most recent: b goes first
  cache.put("d", tile(1000, 'd'));
  EXPECT_EQ(cache.get("b"), nullptr);
  EXPECT_EQ(*cache.get("a"), std::string(1000, 'a'));
  EXPECT_NE(cache.get("c"), nullptr);
  EXPECT_NE(cache.get("d"), nullptr);
  EXPECT_LE(cache.bytes(), 3u * 1065);
  // Replacing a key keeps one entry of it; a tile over the whole bound is not kept.
  cache.put("d", tile(500, 'e'));
  EXPECT_EQ(cache.entries(), 3u);
  EXPECT_EQ(*cache.get("d"), std::string(500, 'e'));
  cache.put("huge", tile(10'000));
  EXPECT_EQ(cache.get("huge"), nullptr);
  EXPECT_EQ(cache.entries(), 3u);
  TileCache none(0);
  none.put("a", tile(1));
  EXPECT_EQ(none.get("a"), nullptr);
}

}  // namespace
}  // namespace sf
