// Command-line flags: declared per subcommand with their help, parsed strictly (an unknown
// flag is an error), with optional environment-variable fallbacks.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sf::cli {

struct Flag {
  std::string name;        // long name without dashes: "radius-m"
  std::string short_name;  // "k" for -k, or empty
  std::string value_name;  // empty: a switch without a value
  std::string help;
  std::string env;  // environment variable read when the flag is absent, or empty
  bool repeatable = false;
};

class Args {
 public:
  Args(std::string command, std::string summary, std::vector<Flag> flags,
       std::string positional_help = {});

  // Throws Error (parameter_unknown, parameter_missing, parameter_invalid) naming the flag.
  void parse(int argc, char** argv, int first);
  // parse(), then print the usage to stdout when --help was given; true if it was.
  bool parse_or_show_help(int argc, char** argv, int first);

  std::string usage() const;

  bool has(const std::string& name) const;
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  std::vector<std::string> all(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // The given flags as the HTTP parameters they stand for ({"radius-m", "radius_m"}), for the
  // request parsers both front-ends share; flags not given are left out.
  std::multimap<std::string, std::string> params(
      std::initializer_list<std::pair<const char*, const char*>> flag_to_parameter) const;

  double number(const std::string& name, double fallback) const;
  long integer(const std::string& name, long fallback) const;

 private:
  const Flag* find(const std::string& token) const;
  std::string command_, summary_, positional_help_;
  std::vector<Flag> flags_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

}  // namespace sf::cli
