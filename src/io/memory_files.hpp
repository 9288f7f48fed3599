// Files that live only in memory (GDAL's /vsimem/), for callers that hold bytes rather than
// paths: an uploaded body read by a file reader, an answer written by a file writer. The
// paths never leave io/: errors name the file as the caller calls it ("the body").
#pragma once

#include <functional>
#include <string>

namespace sf::io {

// Stages `bytes` as a file named like `name` (its extension picks the driver) and runs
// `read(path)`. An Error thrown by the reader comes back naming the file as `called` in its
// rule, and "body" as its parameter where that was the path.
void read_in_memory(const std::string& bytes, const std::string& name, const std::string& called,
                    const std::function<void(const std::string& path)>& read);

// Runs `write(path)` on a fresh in-memory file named like `name` and returns what it wrote.
std::string written_in_memory(const std::string& name,
                              const std::function<void(const std::string& path)>& write);

}  // namespace sf::io
