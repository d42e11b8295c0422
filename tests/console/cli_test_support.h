#pragma once
// What the command-line test suites share: running `breathline` in process with the suite's
// global options, and reading back what it wrote (files, PDF text through pdftotext).

#include "console/cli/cli.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace breathline::cli::testing {

struct Result {
    int code = -1;
    std::string out, err;
};

/// `breathline GLOBALS... WORDS...` through run_cli, with stdout and stderr captured.
inline Result run_breathline(const std::vector<std::string>& globals,
                             const std::vector<std::string>& words) {
    std::vector<std::string> all{"breathline"};
    all.insert(all.end(), globals.begin(), globals.end());
    all.insert(all.end(), words.begin(), words.end());
    std::vector<const char*> argv;
    for (const auto& w : all)
        argv.push_back(w.c_str());
    std::ostringstream out, err;
    Result r;
    r.code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The text of `pdf` as pdftotext -layout reads it (poppler-utils), through a file in
/// `scratch`.
inline std::string pdf_text(const std::filesystem::path& pdf,
                            const std::filesystem::path& scratch) {
    const std::filesystem::path txt = scratch / "pdf.txt";
    const std::string cmd = "pdftotext -layout '" + pdf.string() + "' '" + txt.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils) failed: " << cmd;
    return read_file(txt);
}

} // namespace breathline::cli::testing
