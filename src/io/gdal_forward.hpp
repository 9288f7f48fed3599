// GDAL's types as io/ headers name them without GDAL's headers: io links GDAL privately, so
// nothing above io/ can include (or depend on) a GDAL or CPL header.
#pragma once

#include <memory>

class GDALDataset;
class OGRLayer;
class OGRFeature;
class OGRGeometry;
struct OGRFeatureUniquePtrDeleter;

namespace sf::io {

struct DatasetCloser {
  void operator()(GDALDataset* ds) const noexcept;  // GDALClose
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

}  // namespace sf::io
