// Helpers shared by the tests: a fixed, overridable random seed, temp dirs, shared data.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace sf::test {

// SF_TEST_SEED overrides the fixed seed, so a failure can be replayed or a new seed tried.
inline uint64_t seed() {
  if (const char* s = std::getenv("SF_TEST_SEED"); s != nullptr && *s != '\0') {
    return std::strtoull(s, nullptr, 10);
  }
  return 20240601;
}

inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("sf_test_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

// The path of a file in ../shared/data, or "" after GTEST_SKIP-ing when it is absent outside
// CI. In CI (CI=true) its absence is a failure.
#define SF_SHARED_FILE_OR_SKIP(var, relative)                                          \
  const std::string var = std::string(SF_SHARED_DATA) + "/" + (relative);              \
  if (!std::filesystem::exists(var)) {                                                 \
    if (::sf::test::in_ci()) FAIL() << "CI=true but shared data is missing: " << var;  \
    GTEST_SKIP() << "shared data not present (" << var                                 \
                 << "): this test runs where ../shared/data exists, and always in CI"; \
  }

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
}

}  // namespace sf::test
