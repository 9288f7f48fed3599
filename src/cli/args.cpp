#include "cli/args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "core/decimal.hpp"
#include "core/errors.hpp"
#include "service/query_params.hpp"

namespace sf::cli {

Args::Args(std::string command, std::string summary, std::vector<Flag> flags,
           std::string positional_help)
    : command_(std::move(command)),
      summary_(std::move(summary)),
      positional_help_(std::move(positional_help)),
      flags_(std::move(flags)) {}

const Flag* Args::find(const std::string& token) const {
  for (const Flag& f : flags_) {
    if (token == "--" + f.name || (!f.short_name.empty() && token == "-" + f.short_name)) return &f;
  }
  return nullptr;
}

void Args::parse(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string token = argv[i];
    if (token == "--help" || token == "-h") {
      help_ = true;
      continue;
    }
    if (token.size() > 1 && token[0] == '-' && !(token.size() > 1 && std::isdigit(token[1]))) {
      std::optional<std::string> inline_value;
      const size_t eq = token.find('=');
      if (token.rfind("--", 0) == 0 && eq != std::string::npos) {
        inline_value = token.substr(eq + 1);
        token = token.substr(0, eq);
      }
      const Flag* f = find(token);
      if (f == nullptr) {
        throw Error(ErrorCode::parameter_unknown, token,
                    "not a flag of '" + command_ + "' (see stationfinder " + command_ + " --help)");
      }
      std::string value;
      if (!f->value_name.empty()) {
        if (inline_value) {
          value = *inline_value;
        } else if (i + 1 < argc) {
          value = argv[++i];
        } else {
          throw Error(ErrorCode::parameter_missing, "--" + f->name,
                      "needs a value <" + f->value_name + ">");
        }
      } else if (inline_value) {
        throw Error(ErrorCode::parameter_invalid, "--" + f->name, "takes no value");
      } else {
        value = "true";
      }
      auto& slot = values_[f->name];
      if (!slot.empty() && !f->repeatable) {
        throw Error(ErrorCode::parameter_invalid, "--" + f->name, "given more than once");
      }
      slot.push_back(value);
    } else {
      positional_.push_back(token);
    }
  }
  for (const Flag& f : flags_) {
    if (values_.count(f.name) || f.env.empty()) continue;
    if (const char* v = std::getenv(f.env.c_str()); v != nullptr && *v != '\0') {
      values_[f.name].push_back(v);
    }
  }
}

bool Args::parse_or_show_help(int argc, char** argv, int first) {
  parse(argc, argv, first);
  if (help_) std::cout << usage();
  return help_;
}

std::string Args::usage() const {
  std::ostringstream out;
  out << "usage: stationfinder " << command_ << " [flags]";
  if (!positional_help_.empty()) out << " " << positional_help_;
  out << "\n\n" << summary_ << "\n\nflags:\n";
  for (const Flag& f : flags_) {
    std::string left = "  ";
    if (!f.short_name.empty()) left += "-" + f.short_name + ", ";
    left += "--" + f.name;
    if (!f.value_name.empty()) left += " <" + f.value_name + ">";
    out << left;
    if (left.size() < 30) {
      out << std::string(30 - left.size(), ' ');
    } else {
      out << "\n" << std::string(30, ' ');
    }
    out << f.help;
    if (f.repeatable) out << " (repeatable)";
    if (!f.env.empty()) out << " [env " << f.env << "]";
    out << "\n";
  }
  out << "  -h, --help                  this help\n";
  return out.str();
}

bool Args::has(const std::string& name) const {
  return values_.count(name) > 0;
}

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Args::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

std::vector<std::string> Args::all(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::multimap<std::string, std::string> Args::params(
    std::initializer_list<std::pair<const char*, const char*>> flag_to_parameter) const {
  std::multimap<std::string, std::string> out;
  for (auto [flag, param] : flag_to_parameter) {
    if (auto v = get(flag)) out.emplace(param, *v);
  }
  return out;
}

double Args::number(const std::string& name, double fallback) const {
  auto v = get(name);
  if (!v) return fallback;
  return checked_number("--" + name, *v);
}

long Args::integer(const std::string& name, long fallback) const {
  auto v = get(name);
  if (!v) return fallback;
  char* end = nullptr;
  errno = 0;
  const long n = std::strtol(v->c_str(), &end, 10);
  // Plain digits with an optional '-': no '+', no spaces, nothing strtol would skip.
  const bool plain = v->find_first_not_of("-0123456789") == std::string::npos &&
                     v->find('-', 1) == std::string::npos;
  if (v->empty() || !plain || end != v->c_str() + v->size() || errno == ERANGE) {
    throw Error(ErrorCode::parameter_invalid, "--" + name, "'" + *v + "' is not an integer");
  }
  return n;
}

}  // namespace sf::cli
