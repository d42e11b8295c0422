#pragma once
/// Command-line arguments after global parsing: the verb, its positional
/// arguments and its --options. Options are `--name value` or `--flag`;
/// which names take a value is declared by the verb (see VerbSpec).

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace breathline::cli {

enum class Lang { ja, en };

struct Args {
    std::string verb;
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; ///< flags map to ""

    bool has(const std::string& name) const { return options.count(name) != 0; }
    std::optional<std::string> get(const std::string& name) const {
        auto it = options.find(name);
        if (it == options.end()) return std::nullopt;
        return it->second;
    }
};

/// Thrown for a malformed command line; the message is already localised.
struct UsageError {
    std::string message;
};

} // namespace breathline::cli
