// RAII for GDAL/OGR handles, and GDAL's one-time set-up. Destructors never throw.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include "io/gdal_forward.hpp"

namespace sf::io {

// Registers the drivers once; safe to call from anywhere, any number of times.
void ensure_gdal_registered();

struct TransformDeleter {
  void operator()(OGRCoordinateTransformation* ct) const noexcept {
    OGRCoordinateTransformation::DestroyCT(ct);
  }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// Opens a vector datasource read-only; throws Error(data_source_unreadable) naming it.
DatasetPtr open_vector(const std::string& source);

// Picks a layer: the named one (throws when absent), else one named `preferred`, else the
// first layer. Throws when the source has no layer.
OGRLayer* pick_layer(GDALDataset& ds, const std::string& source, const std::string& name,
                     const std::string& preferred);

// Bytes staged as a file in GDAL's /vsimem/ (not copied: they must outlive it), so any driver
// can read them; the file is removed on destruction.
class VsiMemFile {
 public:
  VsiMemFile(std::string path, const std::string& bytes);
  ~VsiMemFile();
  VsiMemFile(const VsiMemFile&) = delete;
  VsiMemFile& operator=(const VsiMemFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The last GDAL error message, or a generic text.
std::string last_gdal_error();

// Collects what GDAL reports on this thread while it lives (GDAL's handlers are per thread):
// a driver that meets a row it cannot read reports a failure and may end the layer early as
// if it were complete, so readers check failed() after each feature instead of trusting the
// end of the iteration. Warnings are kept apart; nothing is printed to standard error.
class GdalErrorTrap {
 public:
  GdalErrorTrap();
  ~GdalErrorTrap();
  GdalErrorTrap(const GdalErrorTrap&) = delete;
  GdalErrorTrap& operator=(const GdalErrorTrap&) = delete;

  bool failed() const { return !failure_.empty(); }
  // Stops trapping before the end of the scope (traps nest: the newest one hears).
  void release();
  const std::string& failure() const { return failure_; }  // the first failure's message
  const std::vector<std::string>& warnings() const { return warnings_; }  // the first few

 private:
  static void handle(int error_class, int number, const char* message);
  bool active_ = true;
  std::string failure_;
  std::vector<std::string> warnings_;
};

}  // namespace sf::io
