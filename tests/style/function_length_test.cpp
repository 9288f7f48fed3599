// Functions in the front-ends stay short: none in src/http or src/cli is over 80 lines (aim
// for 40: parse → snapshot → core or service call → render → send). The scan follows braces
// outside comments, strings and character literals (not digit separators); namespace, class,
// struct and enum bodies are containers, every other top-level brace opens a function (its
// lambdas count in it). It prints the ten longest so a change can see where it stands.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sf {
namespace {

constexpr size_t kMaxLines = 80;

struct Function {
  std::string where;  // file:line
  std::string signature;
  size_t lines = 0;
};

// The source without comments, string and character literals (kept line for line).
std::string code_only(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
      if (i < text.size()) out += '\n';
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      for (i += 2; i + 1 < text.size() && !(text[i] == '*' && text[i + 1] == '/'); ++i)
        if (text[i] == '\n') out += '\n';
      ++i;
    } else if (c == 'R' && i + 1 < text.size() && text[i + 1] == '"') {
      const size_t open = text.find('(', i);
      const std::string close = ")" + text.substr(i + 2, open - i - 2) + "\"";
      const size_t end = text.find(close, open);
      for (size_t j = i; j < end; ++j)
        if (text[j] == '\n') out += '\n';
      out += "\"\"";
      i = end + close.size() - 1;
    } else if (c == '\'' && i > 0 && std::isxdigit(static_cast<unsigned char>(text[i - 1])) &&
               i + 1 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1]))) {
      out += c;  // a digit separator: 1'000'000
    } else if (c == '"' || c == '\'') {
      for (++i; i < text.size() && text[i] != c; ++i)
        if (text[i] == '\\') ++i;
      out += "\"\"";
    } else {
      out += c;
    }
  }
  return out;
}

bool opens_container(const std::string& head) {
  for (const char* word : {"namespace", "class ", "struct ", "enum ", "union "}) {
    const size_t at = head.find(word);
    if (at != std::string::npos && (at == 0 || head[at - 1] == ' ' || head[at - 1] == '\n'))
      return head.find('(') == std::string::npos || head.find('(') > at;
  }
  return head.find('=') != std::string::npos;  // an initializer, not a body
}

std::vector<Function> functions_in(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string code = code_only(ss.str());
  std::vector<Function> out;
  std::vector<bool> containers;  // for each open brace: a container?
  size_t line = 1, function_line = 0, function_depth = 0;
  std::string head;
  bool in_function = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '\n') ++line;
    if (!in_function) head += c;
    if (c == ';' && !in_function) head.clear();
    if (c == '{') {
      if (!in_function && !opens_container(head)) {
        in_function = true;
        function_line = line;
        function_depth = containers.size();
        std::string sig = head.substr(head.find_first_not_of(" \n"));
        sig.erase(std::remove(sig.begin(), sig.end(), '\n'), sig.end());
        out.push_back({file.string() + ":" + std::to_string(line), sig.substr(0, 100), 0});
        containers.push_back(false);
      } else {
        containers.push_back(!in_function);
      }
      head.clear();
    } else if (c == '}') {
      if (containers.empty()) continue;
      containers.pop_back();
      if (in_function && containers.size() == function_depth) {
        in_function = false;
        out.back().lines = line - function_line + 1;
      }
      head.clear();
    }
  }
  return out;
}

TEST(FunctionLength, NoFunctionInTheFrontEndsIsOver80Lines) {
  std::vector<Function> all;
  for (const char* dir : {"src/http", "src/cli"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(SF_SOURCE_DIR) + "/" + dir)) {
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
      for (Function& f : functions_in(entry.path())) all.push_back(std::move(f));
    }
  }
  ASSERT_GT(all.size(), 100u) << "the scan found too few functions";
  std::sort(all.begin(), all.end(),
            [](const Function& a, const Function& b) { return a.lines > b.lines; });
  std::cout << all.size() << " functions in src/http and src/cli; the longest:\n";
  for (size_t i = 0; i < std::min<size_t>(10, all.size()); ++i) {
    const std::string where = all[i].where.substr(all[i].where.find("src/"));
    std::cout << "  " << all[i].lines << " lines  " << where << "  " << all[i].signature << "\n";
  }
  for (const Function& f : all) {
    EXPECT_LE(f.lines, kMaxLines) << f.where << " (" << f.signature << ") is " << f.lines
                                  << " lines; split it into named steps";
  }
}

}  // namespace
}  // namespace sf
