#include "io/memory_files.hpp"

#include <atomic>

#include "core/errors.hpp"
#include "io/gdal_handles.hpp"
#include "io/vector_file_writer.hpp"

namespace sf::io {

namespace {

// A flat /vsimem name: GDAL 3.6's CSV driver refuses files in a fresh /vsimem folder.
std::string memory_path(const std::string& name) {
  static std::atomic<uint64_t> counter{0};
  return "/vsimem/stationfinder-" + std::to_string(++counter) + "-" + name;
}

std::string renamed(std::string text, const std::string& path, const std::string& called) {
  for (size_t at = text.find(path); at != std::string::npos; at = text.find(path, at))
    text.replace(at, path.size(), called);
  return text;
}

}  // namespace

void read_in_memory(const std::string& bytes, const std::string& name, const std::string& called,
                    const std::function<void(const std::string& path)>& read) {
  const std::string path = memory_path(name);
  const VsiMemFile file(path, bytes);
  try {
    read(path);
  } catch (const Error& e) {
    throw Error(e.code(), e.parameter() == path ? "body" : renamed(e.parameter(), path, called),
                renamed(e.rule(), path, called));
  }
}

std::string written_in_memory(const std::string& name,
                              const std::function<void(const std::string& path)>& write) {
  const std::string path = memory_path(name);
  write(path);
  return take_file(path);
}

}  // namespace sf::io
