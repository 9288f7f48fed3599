#include "io/gdal_handles.hpp"

#include <mutex>

#include <cpl_error.h>
#include <ogrsf_frmts.h>

#include "core/errors.hpp"

namespace sf::io {

void DatasetCloser::operator()(GDALDataset* ds) const noexcept {
  if (ds != nullptr) GDALClose(GDALDataset::ToHandle(ds));
}

void ensure_gdal_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

std::string last_gdal_error() {
  const char* msg = CPLGetLastErrorMsg();
  return (msg != nullptr && *msg != '\0') ? std::string(msg) : std::string("unknown GDAL error");
}

GdalErrorTrap::GdalErrorTrap() {
  CPLPushErrorHandlerEx(
      [](CPLErr error_class, CPLErrorNum number, const char* message) {
        handle(static_cast<int>(error_class), number, message);
      },
      this);
}

GdalErrorTrap::~GdalErrorTrap() {
  release();
}

void GdalErrorTrap::release() {
  if (active_) CPLPopErrorHandler();
  active_ = false;
}

void GdalErrorTrap::handle(int error_class, int /*number*/, const char* message) {
  auto* self = static_cast<GdalErrorTrap*>(CPLGetErrorHandlerUserData());
  if (self == nullptr) return;
  const std::string text = message != nullptr ? message : "unknown GDAL error";
  if (error_class >= CE_Failure) {
    if (self->failure_.empty()) self->failure_ = text;
  } else if (error_class == CE_Warning && self->warnings_.size() < 10) {
    self->warnings_.push_back(text);
  }
}

DatasetPtr open_vector(const std::string& source) {
  ensure_gdal_registered();
  CPLErrorReset();
  GDALDataset* ds = GDALDataset::FromHandle(
      GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (ds == nullptr) {
    throw Error(ErrorCode::data_source_unreadable, source,
                "GDAL/OGR cannot open it as a vector datasource: " + last_gdal_error());
  }
  return DatasetPtr(ds);
}

OGRLayer* pick_layer(GDALDataset& ds, const std::string& source, const std::string& name,
                     const std::string& preferred) {
  if (!name.empty()) {
    OGRLayer* layer = ds.GetLayerByName(name.c_str());
    if (layer == nullptr) {
      throw Error(ErrorCode::data_source_unreadable, source,
                  "it has no layer named '" + name + "'");
    }
    return layer;
  }
  if (ds.GetLayerCount() == 0) {
    throw Error(ErrorCode::data_source_unreadable, source, "it has no layers");
  }
  if (!preferred.empty()) {
    for (int i = 0; i < ds.GetLayerCount(); ++i) {
      OGRLayer* layer = ds.GetLayer(i);
      if (preferred == layer->GetName()) return layer;
    }
  }
  return ds.GetLayer(0);
}

VsiMemFile::VsiMemFile(std::string path, const std::string& bytes) : path_(std::move(path)) {
  VSILFILE* f =
      VSIFileFromMemBuffer(path_.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                           bytes.size(), FALSE);
  if (f == nullptr) {
    throw Error(ErrorCode::internal_error, path_, "cannot stage the bytes in /vsimem");
  }
  VSIFCloseL(f);
}

VsiMemFile::~VsiMemFile() {
  VSIUnlink(path_.c_str());
}

}  // namespace sf::io
